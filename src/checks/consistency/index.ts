// The consistency checks (invariants under concurrent requests), in the order `sdcoach explain` lists them.
import type { Check } from '../types.js';
import conditionalWrite from './conditional-write.js';

export const consistencyChecks: Check<unknown>[] = [conditionalWrite];
