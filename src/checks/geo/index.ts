// The geo checks, in the order they are listed by `sdcoach explain`.
import type { Check } from '../types.js';
import nearbyReplica from './nearby-replica.js';
import residency from './residency.js';
import strongReadSource from './strong-read-source.js';
import writeStrategy from './write-strategy.js';

export const geoChecks: Check<unknown>[] = [nearbyReplica, strongReadSource, residency, writeStrategy];
