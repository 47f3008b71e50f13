// The reliability checks (retries, timeouts and their side effects), in the order `sdcoach explain` lists them.
import type { Check } from '../types.js';
import idempotentRetries from './idempotent-retries.js';

export const reliabilityChecks: Check<unknown>[] = [idempotentRetries];
