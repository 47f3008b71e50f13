// The latency checks, in the order they are listed by `sdcoach explain`.
import type { Check } from '../types.js';
import dataLocality from './data-locality.js';
import fanOutTail from './fan-out-tail.js';
import flowBudget from './flow-budget.js';
import missPathBudget from './miss-path-budget.js';

export const latencyChecks: Check<unknown>[] = [flowBudget, dataLocality, fanOutTail, missPathBudget];
