// Availability of a flow: the product of its serial hops, each hop 1 - (1 - a)^n over the
// independent regional copies that can serve it (Azure Well-Architected resiliency metrics).
import { replicaRegions } from '../spec/lookups.js';
import type { Model, ModelComponent, ModelFlow } from '../spec/model.js';
import type { FlowAvailabilityHop } from './metrics.js';
import { CALLER_KINDS } from './route.js';
import { shareSlowerThan } from './tail.js';

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

/**
 * Share of healthy calls each component on the path fails by timing out: a call whose timeout (the
 * caller's pool timeout_ms for it, else its own timeout_ms) is below its healthy latency gives up on
 * the slow calls, estimated from its p50/p99 (src/analysis/tail.ts). Combined over repeated visits.
 */
export function timeoutCutOffs(model: Model, flow: ModelFlow): Map<string, number> {
  const kept = new Map<string, number>();
  let caller: ModelComponent | undefined;
  for (const id of flow.path) {
    const c = model.components[id]!;
    const timeout = caller?.pools.find((p) => p.dependency === id)?.timeoutMs ?? c.timeoutMs;
    if (timeout !== undefined) {
      const base = flow.kind === 'write' && c.stateful ? c.writeLatency : c.latency;
      const share = shareSlowerThan(base.p50, base.p99, timeout);
      if (share > 0) kept.set(id, (kept.get(id) ?? 1) * (1 - share));
    }
    if (CALLER_KINDS.has(c.kind)) caller = c;
  }
  return new Map([...kept].map(([id, k]) => [id, 1 - k]));
}

export function flowAvailability(model: Model, flow: ModelFlow): { value: number; hops: FlowAvailabilityHop[] } {
  const hops: FlowAvailabilityHop[] = [];
  const cutOffs = timeoutCutOffs(model, flow);
  let value = 1;
  for (const id of new Set(flow.path)) {
    const c = model.components[id]!;
    const copies = servingCopies(c, flow.kind);
    const cutOff = cutOffs.get(id);
    // A call cut off by its timeout is an error even when the dependency is up.
    const a = redundant(c.availability, copies) * (1 - (cutOff ?? 0));
    const hop: FlowAvailabilityHop = { component: id, perRegion: c.availability, copies, value: a };
    if (cutOff !== undefined) hop.timeoutCutOff = cutOff;
    hops.push(hop);
    value *= a;
  }
  return { value, hops };
}
