// Drills as pure transformations Model -> Model: each returns a new Model (copy on write: the input is
// never changed) that the ordinary analyse() then measures. Only the parts a drill changes are copied.
import { dict, dictFrom } from '../../specfile/dict.js';
import { replicaRegions } from '../../specfile/lookups.js';
import type { Latency, Model, ModelComponent, ModelFlow } from '../../specfile/model.js';
import { quorumRttMs } from '../route.js';

function withComponent(model: Model, id: string, edit: (c: ModelComponent) => ModelComponent): Model {
  const c = model.components[id];
  if (!c) return model;
  const components = dictFrom(Object.entries(model.components));
  components[id] = edit(c);
  return { ...model, components };
}

function withFlows(model: Model, edit: (f: ModelFlow) => ModelFlow): Model {
  const flows = dict<ModelFlow>();
  for (const [k, f] of Object.entries(model.flows)) flows[k] = edit(f);
  return { ...model, flows };
}

/** Every flow's rate (or one flow's) multiplied by k: the workers downstream follow from the writes. */
export function surge(model: Model, factor: number, flow?: string): Model {
  return withFlows(model, (f) => (flow === undefined || f.name === flow ? { ...f, rate: f.rate * factor } : f));
}

const slower = (l: Latency, ms: number): Latency => ({ p50: Math.max(l.p50, ms), p99: Math.max(l.p99, ms) });

/**
 * The component now answers in `ms` (p50 and p99 at least that): reads, writes and every flow step that
 * states its own time in it. Timeouts then cap the calls (and fail them), pools fill by Little's law.
 */
export function slow(model: Model, component: string, ms: number): Model {
  const m = withComponent(model, component, (c) => ({ ...c, latency: slower(c.latency, ms), writeLatency: slower(c.writeLatency, ms) }));
  return withFlows(m, (f) =>
    f.hops?.some((h) => h.component === component && h.latency)
      ? { ...f, hops: f.hops.map((h) => (h.component === component && h.latency ? { ...h, latency: slower(h.latency, ms) } : h)) }
      : f,
  );
}

/**
 * The component is gone without answering (a black hole, the worst case for callers): each call holds
 * its caller's thread until the timeout, or for ever without one.
 */
export function down(model: Model, component: string): Model {
  return slow(model, component, Number.POSITIVE_INFINITY);
}

/** Where a region's lost store stands at some moment: promoted elsewhere (or a new leader), or not yet. */
export interface RegionState {
  region: string;
  /** Users of the region still sent to it (DNS not yet steered): their traffic fails and loads nothing. */
  steered: boolean;
  /** Stores whose primary or leader was in the region, and the region that has taken over, once it has. */
  promoted: Record<string, string>;
}

/**
 * A region is lost: no component runs there, a standby there is gone; a store whose primary or leader
 * was there keeps pointing at it (writes fail) until promoted; users of the region either still go
 * there (before steering: their requests are removed from the load and counted as failed by the
 * caller) or reach the nearest surviving region (their round trip from home included).
 */
export function regionDown(model: Model, s: RegionState): Model {
  const components = dictFrom(Object.entries(model.components));
  for (const id of model.componentOrder) {
    const c = components[id]!;
    const hit = c.regions.includes(s.region) || c.failover?.standby === s.region || c.primary === s.region || c.leader === s.region;
    if (!hit) continue;
    const next: ModelComponent = { ...c, regions: c.regions.filter((r) => r !== s.region) };
    if (c.failover?.standby === s.region) {
      const { standby: _gone, ...rest } = c.failover;
      next.failover = rest;
    }
    const to = s.promoted[id];
    if (to !== undefined) {
      if (!next.regions.includes(to)) next.regions = [...next.regions, to];
      if (c.primary === s.region) next.primary = to;
      if (c.leader === s.region) next.leader = to;
      if (next.failover?.standby === to) {
        const { standby: _promoted, ...rest } = next.failover;
        next.failover = rest;
      }
    }
    components[id] = next;
  }
  let out: Model = { ...model, components };
  if (!s.steered) {
    // The region's users are not re-routed yet: their share of each flow is taken off the load.
    out = withFlows(out, (f) => {
      if (!f.origins.includes(s.region)) return f;
      const total = f.origins.reduce((a, o) => a + (model.users[o] ?? 0), 0);
      const share = total > 0 ? (model.users[s.region] ?? 0) / total : 1 / f.origins.length;
      return { ...f, origins: f.origins.filter((o) => o !== s.region), rate: f.rate * (1 - share) };
    });
  }
  return out;
}

/** Where a store lost with `region` is promoted: the standby, else the first surviving copy (never for separate data sets). */
export function promotionTarget(c: ModelComponent, region: string): string | undefined {
  if ((c.replication?.mode ?? 'none') === 'none') return undefined;
  const standby = c.failover?.standby;
  if (standby !== undefined && standby !== region) return standby;
  return replicaRegions(c).find((r) => r !== region);
}

/**
 * The two regions cannot reach each other (every other link works): their round trip becomes
 * unbounded, so a route, a sync replica or a quorum that needs the other side cannot complete. A
 * consensus leader that can no longer reach a majority is replaced by a voter that can (after an election).
 */
export function partition(model: Model, a: string, b: string): { model: Model; reElected: Record<string, string> } {
  const rtt = dictFrom(Object.entries(model.network.rttMs).map(([k, v]) => [k, dictFrom(Object.entries(v))] as const));
  (rtt[a] ??= dict())[b] = Number.POSITIVE_INFINITY;
  (rtt[b] ??= dict())[a] = Number.POSITIVE_INFINITY;
  let out: Model = { ...model, network: { ...model.network, rttMs: rtt } };
  const reElected: Record<string, string> = dict();
  for (const id of model.componentOrder) {
    const c = out.components[id]!;
    if (c.replication?.mode !== 'consensus' || c.leader === undefined) continue;
    if (Number.isFinite(quorumRttMs(out, c, c.leader))) continue;
    let best: { r: string; ms: number } | undefined;
    for (const r of replicaRegions(c)) {
      const ms = quorumRttMs(out, c, r);
      if (Number.isFinite(ms) && (!best || ms < best.ms)) best = { r, ms };
    }
    if (best) {
      reElected[id] = best.r;
      out = withComponent(out, id, (x) => ({ ...x, leader: best.r }));
    }
  }
  return { model: out, reElected };
}
