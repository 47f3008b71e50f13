// The failover checks, in the order they are listed by `sdcoach explain`.
import type { Check } from '../types.js';


export const failoverChecks: Check<any>[] = [];
