// The bulkhead checks, in the order they are listed by `sdcoach explain`.
import type { Check } from '../types.js';
import isolatedPools from './isolated-pools.js';
import poolSize from './pool-size.js';
import poolsWithinThreads from './pools-within-threads.js';
import rateLimitHeadroom from './rate-limit-headroom.js';
import rateLimitProtects from './rate-limit-protects.js';
import timeouts from './timeouts.js';

export const bulkheadChecks: Check<unknown>[] = [
  isolatedPools,
  poolSize,
  poolsWithinThreads,
  timeouts,
  rateLimitHeadroom,
  rateLimitProtects,
];
