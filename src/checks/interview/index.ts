// The interview checks (the API, the data model and the decisions a candidate writes), in the order `sdcoach explain` lists them.
import type { Check } from '../types.js';
import apiCoversFlows from './api-covers-flows.js';
import dataAccess from './data-access.js';
import decisions from './decisions.js';

export const interviewChecks: Check<unknown>[] = [apiCoversFlows, dataAccess, decisions];
