// Availability of a flow: the product of its serial hops, each hop 1 - (1 - a)^n over the
// independent regional copies that can serve it (Azure Well-Architected resiliency metrics).
import { replicaRegions } from '../spec/lookups.js';
import type { Model, ModelComponent, ModelFlow } from '../spec/model.js';
import type { FlowAvailabilityHop } from './metrics.js';

/** 1 - (1 - a)^n: n independent copies, any one of which can serve. */
export function redundant(a: number, n: number): number {
  return 1 - (1 - a) ** Math.max(1, n);
}

/** How many independent regional copies can take this hop for this kind of flow. */
export function servingCopies(c: ModelComponent, kind: 'read' | 'write'): number {
  if (c.kind === 'client' || c.kind === 'external') return 1;
  if (!c.stateful) return Math.max(1, c.regions.length);
  const failover = c.failover?.mode ?? 'none';
  // Without replication a store's data exists only in its own region (partitioned): no other copy
  // can serve it. A cache is different: every region's cache refills from the store behind it.
  if (c.replication?.mode === 'none' && c.kind !== 'cache') return 1;
  if (failover !== 'none') return replicaRegions(c).length;
  if (c.replication?.mode === 'consensus') return replicaRegions(c).length;
  // A single primary with no failover: writes have one copy; reads can use any replica.
  return kind === 'write' ? 1 : Math.max(1, c.regions.length);
}

export function flowAvailability(model: Model, flow: ModelFlow): { value: number; hops: FlowAvailabilityHop[] } {
  const hops: FlowAvailabilityHop[] = [];
  let value = 1;
  for (const id of new Set(flow.path)) {
    const c = model.components[id]!;
    const copies = servingCopies(c, flow.kind);
    const a = redundant(c.availability, copies);
    hops.push({ component: id, perRegion: c.availability, copies, value: a });
    value *= a;
  }
  return { value, hops };
}
