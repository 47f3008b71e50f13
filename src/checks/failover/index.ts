// The failover checks, in the order they are listed by `sdcoach explain`.
import type { Check } from '../types.js';
import conflictStrategy from './conflict-strategy.js';
import rtoRpo from './rto-rpo.js';
import standbyRegion from './standby-region.js';
import statelessActiveActive from './stateless-active-active.js';

export const failoverChecks: Check<unknown>[] = [standbyRegion, rtoRpo, conflictStrategy, statelessActiveActive];
