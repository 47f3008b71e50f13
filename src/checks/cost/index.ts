// The cost checks, in the order they are listed by `sdcoach explain`.
import type { Check } from '../types.js';
import withinBudget from './within-budget.js';

export const costChecks: Check<unknown>[] = [withinBudget];
