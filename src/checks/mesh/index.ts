// The mesh checks, in the order they are listed by `sdcoach explain`.
import type { Check } from '../types.js';
import justified from './justified.js';
import overheadWithinBudget from './overhead-within-budget.js';

export const meshChecks: Check<unknown>[] = [overheadWithinBudget, justified];
