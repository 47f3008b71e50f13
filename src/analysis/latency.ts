// Latency of a flow from an origin region: network round trips between the regions of consecutive
// hops, each hop's processing time, waits for sync replicas or a quorum on writes, and mesh overhead.
import { MESH_OVERHEAD_MS } from '../data/figures.js';
import { replicaRegions, rttMs } from '../spec/lookups.js';
import type { Latency, Model, ModelComponent, ModelFlow } from '../spec/model.js';
import type { HopLatency, OriginLatency } from './metrics.js';
import { replayCost } from './replay.js';
import { quorumRttMs, routeFlow } from './route.js';


export function meshOverhead(model: Model): Latency {
  return model.patterns.mesh?.overheadMs ?? { p50: MESH_OVERHEAD_MS.sidecar.p50, p99: MESH_OVERHEAD_MS.sidecar.p99 };
}

/**
 * Processing time of a hop for this flow: stores use their write latency on writes; a timeout caps
 * the call (the caller's pool timeout for this dependency, else the dependency's own timeout_ms).
 */
export function hopProcessing(c: ModelComponent, kind: 'read' | 'write', timeoutMs: number | undefined = c.timeoutMs): { processing: Latency; capped: boolean } {
  const base = kind === 'write' && c.stateful ? c.writeLatency : c.latency;
  if (timeoutMs !== undefined && base.p99 > timeoutMs) {
    return { processing: { p50: Math.min(base.p50, timeoutMs), p99: timeoutMs }, capped: true };
  }
  return { processing: { ...base }, capped: false };
}

/** Extra wait on a write for synchronous replicas (the farthest) or a consensus quorum. */
export function replicationWait(model: Model, c: ModelComponent, region: string): { ms: number; kind?: 'sync' | 'quorum' } {
  const mode = c.replication?.mode;
  if (mode === 'sync') {
    const others = replicaRegions(c).filter((r) => r !== region);
    if (!others.length) return { ms: 0 };
    return { ms: Math.max(...others.map((r) => rttMs(model, region, r) ?? 0)), kind: 'sync' };
  }
  if (mode === 'consensus' && replicaRegions(c).length > 1) return { ms: quorumRttMs(model, c, region), kind: 'quorum' };
  return { ms: 0 };
}

/**
 * Loading an aggregate replays its events since the last snapshot (src/analysis/replay.ts): a flow that
 * reads or appends to the event store pays it there. p99 pays the worst case (loaded just before the next
 * snapshot); p50 half of it (events since the last snapshot are spread evenly over the interval).
 */
export function aggregateLoad(model: Model, componentId: string): Latency | undefined {
  if (model.patterns.eventSourcing?.store !== componentId) return undefined;
  const replay = replayCost(model);
  return replay && replay.replayMs > 0 ? { p50: replay.replayMs / 2, p99: replay.replayMs } : undefined;
}

export function flowLatency(model: Model, flow: ModelFlow, origin: string): OriginLatency {
  const route = routeFlow(model, flow, origin);
  const overhead = meshOverhead(model);
  const esStore = model.patterns.eventSourcing?.store;
  const replay = esStore !== undefined ? aggregateLoad(model, esStore) : undefined;
  let p50 = 0;
  let p99 = 0;
  let network = 0;
  let mesh50 = 0;
  let mesh99 = 0;
  const hops: HopLatency[] = new Array(route.length);
  for (let i = 0; i < route.length; i++) {
    // Built field by field (one object shape for every hop): spreading the routed hop made V8 copy
    // through dictionary-mode objects, and this loop runs for every hop of every flow from every origin.
    const h = route[i]!;
    const c = model.components[h.component]!;
    const prev = h.caller !== undefined ? model.components[route[h.caller]!.component] : undefined;
    let poolTimeout: number | undefined;
    if (prev) for (const pool of prev.pools) if (pool.dependency === c.id) poolTimeout = pool.timeoutMs;
    const { processing, capped } = hopProcessing(c, flow.kind, poolTimeout ?? c.timeoutMs);
    const rep = flow.kind === 'write' && c.stateful && h.region !== undefined ? replicationWait(model, c, h.region) : NO_WAIT;
    const proxies = (prev?.sidecar ? 1 : 0) + (c.sidecar ? 1 : 0);
    const m50 = (overhead.p50 * proxies) / 2;
    const m99 = (overhead.p99 * proxies) / 2;
    const wire = h.networkMs + rep.ms;
    const load = replay && h.component === esStore ? replay : undefined;
    const total: Latency = { p50: processing.p50 + m50 + wire + (load?.p50 ?? 0), p99: processing.p99 + m99 + wire + (load?.p99 ?? 0) };
    p50 += total.p50;
    p99 += total.p99;
    network += wire;
    mesh50 += m50;
    mesh99 += m99;
    const out: HopLatency = {
      index: h.index, component: h.component, from: h.from, reason: h.reason, networkMs: h.networkMs, reach: h.reach,
      processing, replicationMs: rep.ms, mesh: { p50: m50, p99: m99 }, total,
    };
    if (h.region !== undefined) out.region = h.region;
    if (h.caller !== undefined) out.caller = h.caller;
    if (rep.kind) out.replicationKind = rep.kind;
    if (capped) out.cappedByTimeout = true;
    if (load) out.replay = { ...load };
    hops[i] = out;
  }
  return { origin, p50: round(p50), p99: round(p99), hops, networkMs: round(network), meshMs: { p50: round(mesh50), p99: round(mesh99) } };
}

const NO_WAIT: { ms: number; kind?: 'sync' | 'quorum' } = { ms: 0 };

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
