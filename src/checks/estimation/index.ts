// The estimation checks, in the order they are listed by `sdcoach explain`.
import type { Check } from '../types.js';
import quantities from './quantities.js';

export const estimationChecks: Check<unknown>[] = [quantities];
