// Availability of a flow: the product of its serial hops (Azure Well-Architected resiliency metrics).
// Each hop combines its regional copies by what its replication mode needs to serve this request:
// any copy (stateless tiers, asynchronous copies, reads of synchronous copies), every copy (a write
// to synchronous copies, a^k), a majority (consensus), or the one copy that holds the data.
// A region's deployment (model `availability`) already counts its replicas: see resolve.ts.
import { replicaRegions } from '../specfile/lookups.js';
import type { Model, ModelComponent, ModelFlow } from '../specfile/model.js';
import type { CopyRule, FlowAvailabilityHop } from './metrics.js';
import { CALLER_KINDS } from './route.js';
import { shareSlowerThan } from './tail.js';

/** 1 - (1 - a)^n: n independent copies, any one of which can serve. */
export function redundant(a: number, n: number): number {
  return 1 - (1 - a) ** Math.max(1, n);
}

/** a^k: every one of k independent copies must be up (a write acknowledged by every synchronous copy). */
export function allOf(a: number, k: number): number {
  return a ** Math.max(1, k);
}

function choose(n: number, k: number): number {
  let out = 1;
  for (let i = 1; i <= k; i++) out = (out * (n - k + i)) / i;
  return out;
}

/**
 * P(a majority of n independent voters is up) = sum over i >= floor(n/2) + 1 of C(n, i) a^i (1 - a)^(n - i).
 * One voter: a; two: a^2 (both are the majority); three: 3a^2 - 2a^3.
 */
export function majorityOf(a: number, n: number): number {
  const voters = Math.max(1, n);
  let p = 0;
  for (let i = Math.floor(voters / 2) + 1; i <= voters; i++) p += choose(voters, i) * a ** i * (1 - a) ** (voters - i);
  return p;
}

/** How many regional copies this hop has and which of them a request needs, with the reason in words. */
export function servingRule(
  c: ModelComponent,
  flow: Pick<ModelFlow, 'kind' | 'maxStalenessMs'>,
): { rule: CopyRule; copies: number; why: string } {
  if (c.kind === 'client' || c.kind === 'external')
    return { rule: 'one', copies: 1, why: c.kind === 'external' ? 'one endpoint' : 'the user' };
  if (!c.stateful) return { rule: 'any', copies: Math.max(1, c.regions.length), why: 'stateless: any region can serve' };
  const regions = replicaRegions(c);
  const mode = c.replication?.mode ?? 'none';
  const failover = c.failover?.mode ?? 'none';
  // Without replication a store's copies are separate data sets (partitioned): only the copy holding
  // the data can serve it. A cache is different: every region's cache refills from the store behind it.
  if (mode === 'none') {
    if (c.kind === 'cache')
      return { rule: 'any', copies: Math.max(1, c.regions.length), why: 'a cache refills from its store in any region' };
    return { rule: 'one', copies: 1, why: regions.length > 1 ? 'replication none: each region holds a separate data set' : 'one region' };
  }
  if (mode === 'consensus') {
    if (flow.kind === 'read' && flow.maxStalenessMs !== undefined)
      return { rule: 'any', copies: regions.length, why: 'follower reads: any voter can answer a stale-tolerant read' };
    return { rule: 'majority', copies: regions.length, why: 'consensus: a majority of voters must be up' };
  }
  if (mode === 'sync') {
    if (flow.kind === 'write') return { rule: 'all', copies: regions.length, why: 'synchronous: a write waits for every copy' };
    return { rule: 'any', copies: regions.length, why: 'synchronous copies are current: any can serve a read' };
  }
  // Asynchronous, active-passive: a write needs the primary, or its standby once promoted; the other replicas serve
  // reads but are never promoted (global-feed's create-post read "any of 3 regions" for one writer and one standby).
  const standby = c.failover?.standby;
  if (failover === 'active-passive' && flow.kind === 'write' && standby !== undefined) {
    const two = standby !== (c.primary ?? regions[0]);
    return {
      rule: 'any',
      copies: two ? 2 : 1,
      why: two ? 'asynchronous, active-passive: the primary or its standby, once promoted, takes the writes' : 'one writable primary',
    };
  }
  // Asynchronous: any copy serves (after a promotion, losing the lag: the RPO) when there is failover.
  if (failover !== 'none')
    return {
      rule: 'any',
      copies: regions.length,
      why: `asynchronous with ${failover} failover: any copy can take over, losing up to the lag`,
    };
  if (flow.kind === 'write') return { rule: 'one', copies: 1, why: 'a single primary with no failover takes every write' };
  return { rule: 'any', copies: Math.max(1, c.regions.length), why: 'reads can use any asynchronous replica' };
}

/** Independent regional copies that can take this hop (kept for callers that only need the count). */
export function servingCopies(c: ModelComponent, kind: 'read' | 'write'): number {
  const s = servingRule(c, { kind });
  return s.rule === 'any' ? s.copies : s.rule === 'one' ? 1 : s.copies;
}

export function combine(a: number, rule: CopyRule, copies: number): number {
  if (rule === 'all') return allOf(a, copies);
  if (rule === 'majority') return majorityOf(a, copies);
  if (rule === 'any') return redundant(a, copies);
  return a;
}

/**
 * Share of healthy calls each component on the path fails by timing out: a call whose timeout (the
 * caller's pool timeout_ms for it, else its own timeout_ms) is below its healthy latency gives up on
 * the slow calls, estimated from its p50/p99 (src/analysis/tail.ts). Combined over repeated visits and over the
 * calls of a fan-out (the request fails when any of its N calls is cut off).
 */
export function timeoutCutOffs(model: Model, flow: ModelFlow): Map<string, number> {
  const kept = new Map<string, number>();
  let caller: ModelComponent | undefined;
  for (let i = 0; i < flow.path.length; i++) {
    const id = flow.path[i]!;
    const c = model.components[id]!;
    const timeout = caller?.pools.find((p) => p.dependency === id)?.timeoutMs ?? c.timeoutMs;
    if (timeout !== undefined) {
      const base = flow.kind === 'write' && c.stateful ? c.writeLatency : c.latency;
      const share = shareSlowerThan(base.p50, base.p99, timeout);
      // A fan-out of N calls fails when any of them is cut off: 1 - (1 - s)^N, not s (16 shards at 1 % each lose
      // 15 % of the requests; the tail at scale, counted once, read 1 %: review).
      const n = flow.hops?.[i]?.fanout ?? 1;
      if (share > 0) kept.set(id, (kept.get(id) ?? 1) * (1 - share) ** n);
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
    const { rule, copies, why } = servingRule(c, flow);
    const cutOff = cutOffs.get(id);
    // A call cut off by its timeout is an error even when the dependency is up.
    const a = combine(c.availability, rule, copies) * (1 - (cutOff ?? 0));
    const hop: FlowAvailabilityHop = { component: id, perRegion: c.availability, copies, rule, why, value: a };
    if (c.availabilityBasis?.kind === 'replicas')
      hop.replicas = { count: c.replicas, each: c.availabilityBasis.replica, regionFate: c.availabilityBasis.regionFate };
    if (cutOff !== undefined) hop.timeoutCutOff = cutOff;
    hops.push(hop);
    value *= a;
  }
  return { value, hops };
}
