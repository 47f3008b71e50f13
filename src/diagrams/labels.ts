// Words and numbers shared by the mermaid drawing and the terminal preview: kind names, the role
// a component plays in one region (primary, replica, standby), replication and latency figures.
import { replicaRegions } from '../specfile/lookups.js';
import type { ModelComponent, ModelFlow } from '../specfile/model.js';

const KIND_NAME: Record<string, string> = {
  'load-balancer': 'load balancer',
  'event-store': 'event store',
  'object-store': 'object store',
};

export function kindName(kind: string): string {
  return KIND_NAME[kind] ?? kind;
}

/** 0.5, 4, 12, 156: one decimal below 10 ms, whole numbers above. */
export function fmtMs(n: number): string {
  // A latency behind a queue at or above 100 % utilization (analysis/queueing.ts).
  if (!Number.isFinite(n)) return 'unbounded';
  if (n >= 10) return String(Math.round(n));
  return String(Math.round(n * 10) / 10);
}

/** A latency with its unit: "12 ms", or "unbounded" (no unit) when the queue in front of it grows without bound. */
export function msLabel(n: number): string {
  return Number.isFinite(n) ? `${fmtMs(n)} ms` : 'unbounded';
}

/** The queueing wait at p99 shown on a hop, when it rounds to something (M/M/c, analysis/queueing.ts). */
export function queueLabel(h: { queueWait?: { p99: number } }): string | undefined {
  if (!h.queueWait) return undefined;
  const text = fmtMs(h.queueWait.p99);
  return text === '0' ? undefined : text;
}

export function fmtShare(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** "+4 ms", or "+3–8 ms" when the flows through one edge differ. */
export function fmtRange(values: readonly number[]): string {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return fmtMs(lo) === fmtMs(hi) ? `${fmtMs(hi)} ms` : `${fmtMs(lo)}–${fmtMs(hi)} ms`;
}

export function fmtRate(rate: number): string {
  if (rate >= 1000) return `${Math.round(rate / 100) / 10}k/s`;
  return `${Math.round(rate * 10) / 10}/s`;
}

const ROLE_NAME: Record<string, string> = { write: 'write model', 'read-model': 'read model' };

/**
 * What the component does in a region: "primary", "replica", "standby"; a consensus group's "leader" (it
 * orders every write) and "follower" (it votes and forwards writes, never takes one itself); empty for
 * stateless kinds.
 */
export function regionRole(c: ModelComponent, region: string | undefined): string[] {
  const out: string[] = [];
  const standby = c.failover?.standby === region && region !== undefined;
  const independent = c.replication?.mode === 'none';
  if (c.stateful && !independent && region !== undefined && replicaRegions(c).length > 1) {
    if (c.leader !== undefined) out.push(c.leader === region ? 'leader' : 'follower');
    else if (c.primary === region) out.push('primary');
    else if (c.regions.includes(region)) out.push(c.primary === undefined ? 'writable' : 'replica');
  }
  if (standby) out.push('standby');
  return out;
}

/** Second label line: "database · write model", "cache · hit 90%" (the kind is left out when the id says it). */
export function kindLine(c: ModelComponent): string {
  const parts = c.id === c.kind || c.id === kindName(c.kind) ? [] : [kindName(c.kind)];
  if (c.role && ROLE_NAME[c.role]) parts.push(ROLE_NAME[c.role]!);
  // No "hit 0%": against a problem that gives it none a cache answers nothing, which for a cache that is the store
  // (driver locations, seat holds) says nothing worth a label.
  if (c.hitRatio) parts.push(`hit ${fmtShare(c.hitRatio)}`);
  return parts.join(' · ');
}

/** Size line: replicas and processing time. */
export function sizeLine(c: ModelComponent): string {
  const parts: string[] = [];
  if (c.kind !== 'external' && c.kind !== 'client') parts.push(`×${c.replicas}`);
  parts.push(`p99 ${fmtMs(c.latency.p99)} ms`);
  return parts.join(' · ');
}

/** Partitions line: "8 partitions by post_id · hot key 25% ÷ 16"; empty for a store that is not partitioned. */
export function partitionsLine(c: ModelComponent): string {
  const p = c.partitions;
  if (!p) return '';
  const parts = [`${p.count} partition${p.count === 1 ? '' : 's'} by ${p.key}`];
  if (p.hotKeyShare !== undefined) parts.push(`hot key ${fmtShare(p.hotKeyShare)}${p.hotKeySplit > 1 ? ` ÷ ${p.hotKeySplit}` : ''}`);
  return parts.join(' · ');
}

/** What a worker named as a write step's relay does: "outbox relay", "CDC connector", "event-store subscription". */
export const RELAY_NAME: Record<'outbox' | 'cdc' | 'event-sourced', { node: string; edge: string }> = {
  outbox: { node: 'outbox relay', edge: 'reads outbox' },
  cdc: { node: 'CDC connector', edge: 'tails log (CDC)' },
  'event-sourced': { node: 'event-store subscription', edge: 'subscribes' },
};

/** Role line: primary/replica/standby in this region, and the mesh proxy; empty when none. */
export function roleLine(c: ModelComponent, region: string | undefined, meshPlane: 'sidecar' | 'ambient' | undefined): string {
  const parts = regionRole(c, region);
  if (c.sidecar) parts.push(meshPlane === 'ambient' ? 'mesh (ambient)' : '+ sidecar');
  return parts.join(' · ');
}

/** "sync", "async · lag 300 ms", "consensus". */
export function replicationLabel(c: ModelComponent): string {
  const r = c.replication;
  if (!r || r.mode === 'none') return '';
  if (r.mode === 'async') return `async · lag ${fmtMs(r.lagMs)} ms`;
  return r.mode;
}

/** Recovery time after losing the primary's region, for a standby edge. */
export function failoverLabel(c: ModelComponent): string {
  const f = c.failover;
  if (!f || f.mode === 'none') return '';
  if (f.mode === 'active-active') return 'active-active';
  return `standby · RTO ${fmtMs(f.detectS + f.promoteS)} s`;
}

/**
 * Bulkheads on a node: the pools that guard no single dependency by size, and how many guard one
 * (those are drawn on their arrows); empty when the component has no pools.
 */
export function poolsLine(c: ModelComponent): string {
  if (!c.pools.length) return '';
  const own = c.pools.filter((p) => p.dependency === undefined).map((p) => `${p.name} ${p.size}`);
  const per = c.pools.length - own.length;
  return `pools: ${[...own, per ? `${own.length ? '+ ' : ''}${per} on its calls` : ''].filter(Boolean).join(' ')}`;
}

/** A call's bulkhead on its arrow: the caller's pool for that dependency and the timeout it puts on the call. */
export function callLabel(caller: ModelComponent | undefined, callee: ModelComponent): string {
  const pool = caller?.pools.find((p) => p.dependency === callee.id);
  const timeout = pool?.timeoutMs ?? callee.timeoutMs;
  return [pool ? `pool ${pool.size}` : '', timeout !== undefined ? `timeout ${fmtMs(timeout)} ms` : ''].filter(Boolean).join(' · ');
}

/**
 * What a flow's call does to stay correct under races and retries, for its arrow: the write's
 * concurrency (conditional, atomic hold and its TTL), the call's idempotency key and where it is kept,
 * its retries. Empty when the step says none of it.
 */
export function guardLabel(flow: ModelFlow, index: number): string {
  const hop = flow.hops?.[index];
  if (!hop) return '';
  const parts: string[] = [];
  const cc = hop.concurrency;
  if (cc?.mode === 'conditional') parts.push('conditional write');
  else if (cc?.mode === 'atomic-hold') parts.push(cc.ttlS !== undefined ? `atomic hold · TTL ${fmtMs(cc.ttlS)} s` : 'atomic hold · no TTL');
  const key = hop.idempotencyKey;
  if (key) parts.push(key.store === undefined ? 'idempotency key · kept nowhere' : `idempotency key${key.from === 'client' ? ' from client' : ''} in ${key.store}`);
  if (hop.retries) parts.push(`retries ${hop.retries}`);
  return parts.join(' · ');
}
