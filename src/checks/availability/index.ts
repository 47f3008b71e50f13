// The availability checks, in the order they are listed by `sdcoach explain`.
import type { Check } from '../types.js';
import flowTarget from './flow-target.js';

export const availabilityChecks: Check<unknown>[] = [flowTarget];
