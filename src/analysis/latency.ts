// Latency of a flow from an origin region: network round trips between the regions of consecutive
// hops, each hop's processing time, waits for sync replicas or a quorum on writes, and mesh overhead.
import { MESH_OVERHEAD_MS } from '../data/figures.js';
import { replicaRegions, rttMs } from '../spec/lookups.js';
import type { Latency, Model, ModelComponent, ModelFlow } from '../spec/model.js';
import type { HopLatency, OriginLatency } from './metrics.js';
import { quorumRttMs, routeFlow } from './route.js';

const add = (a: Latency, b: Latency): Latency => ({ p50: a.p50 + b.p50, p99: a.p99 + b.p99 });
const ZERO: Latency = { p50: 0, p99: 0 };

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

export function flowLatency(model: Model, flow: ModelFlow, origin: string): OriginLatency {
  const route = routeFlow(model, flow, origin);
  const overhead = meshOverhead(model);
  let total: Latency = ZERO;
  let network = 0;
  let meshTotal: Latency = ZERO;
  const hops: HopLatency[] = route.map((h) => {
    const c = model.components[h.component]!;
    const prev = h.caller !== undefined ? model.components[route[h.caller]!.component] : undefined;
    const poolTimeout = prev?.pools.find((p) => p.dependency === c.id)?.timeoutMs;
    const { processing, capped } = hopProcessing(c, flow.kind, poolTimeout ?? c.timeoutMs);
    const rep = flow.kind === 'write' && c.stateful && h.region !== undefined ? replicationWait(model, c, h.region) : { ms: 0 };
    const proxies = (prev?.sidecar ? 1 : 0) + (c.sidecar ? 1 : 0);
    const mesh: Latency = { p50: (overhead.p50 * proxies) / 2, p99: (overhead.p99 * proxies) / 2 };
    const hopTotal = add(add(processing, mesh), { p50: h.networkMs + rep.ms, p99: h.networkMs + rep.ms });
    total = add(total, hopTotal);
    network += h.networkMs + rep.ms;
    meshTotal = add(meshTotal, mesh);
    const out: HopLatency = { ...h, processing, replicationMs: rep.ms, mesh, total: hopTotal };
    if (rep.kind) out.replicationKind = rep.kind;
    if (capped) out.cappedByTimeout = true;
    return out;
  });
  return { origin, p50: round(total.p50), p99: round(total.p99), hops, networkMs: round(network), meshMs: { p50: round(meshTotal.p50), p99: round(meshTotal.p99) } };
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
