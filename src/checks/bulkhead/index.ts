// The bulkhead checks, in the order they are listed by `sdcoach explain`.
import type { Check } from '../types.js';


export const bulkheadChecks: Check<any>[] = [];
