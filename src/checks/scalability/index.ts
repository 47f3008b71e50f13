// The scalability checks, in the order they are listed by `sdcoach explain`.
import type { Check } from '../types.js';
import fanOutOnWrite from './fan-out-on-write.js';
import partitions from './partitions.js';
import statelessReplicas from './stateless-replicas.js';
import threadCapacity from './thread-capacity.js';
import throughput from './throughput.js';
import utilization from './utilization.js';
import writePrimary from './write-primary.js';

export const scalabilityChecks: Check<unknown>[] = [
  utilization,
  threadCapacity,
  statelessReplicas,
  writePrimary,
  partitions,
  throughput,
  fanOutOnWrite,
];
