// Rate limits at a gateway or load balancer (spec: rate_limit {rps, per}): the component admits at most
// `rps` requests per second and rejects the rest at once (HTTP 429, RFC 6585 section 4), so they reach
// nothing behind it. per: region — each region's deployment counts its own arrivals; per: global — all
// regions share one counter and admit `rps` together. Arrivals are every flow's requests that reach the
// component (caches before it absorb their hits); when they exceed the limit, each flow through it keeps
// the same admitted share, limit / arrivals. Limits apply in the spec's component order, each seeing what
// the limits before it admitted. Pure: returns the routes with each hop's admitted share, and the figures.
import { dict } from '../specfile/dict.js';
import type { Model } from '../specfile/model.js';
import type { FlowRejection, RateLimitLoad } from './metrics.js';
import { originShares, type RoutedHop } from './route.js';

export type FlowRoutes = Record<string, Record<string, { hops: RoutedHop[] }>>;

export interface RateLimited {
  /** The routes with `admitted` set on every hop behind a limit that rejects. */
  routes: FlowRoutes;
  /** Per limited component and region (per: global lists each region with the shared figures' share). */
  limits: Record<string, Record<string, RateLimitLoad>>;
  /** Per flow with requests rejected. */
  flows: Record<string, FlowRejection>;
}

/** 10 ** digits, made once: Math.pow per call was the largest part of rounding (the same doubles: 10^k is exact). */
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];
const round = (n: number, digits = 2): number => {
  const f = POW10[digits] ?? 10 ** digits;
  return Math.round(n * f) / f;
};

export function applyRateLimits(model: Model, routes: FlowRoutes): RateLimited {
  const limited = model.componentOrder.filter((id) => model.components[id]!.rateLimit !== undefined);
  const limits: Record<string, Record<string, RateLimitLoad>> = dict();
  const flows: Record<string, FlowRejection> = dict();
  if (!limited.length) return { routes, limits, flows };
  // Copy the hops we may change (the caller's routes stay as they were).
  const out: FlowRoutes = dict();
  for (const [name, byOrigin] of Object.entries(routes)) {
    out[name] = dict();
    for (const [o, r] of Object.entries(byOrigin)) out[name][o] = { hops: r.hops.map((h) => ({ ...h })) };
  }
  const sharesOf = dict<Record<string, number>>();
  for (const name of model.flowOrder) sharesOf[name] = originShares(model, model.flows[name]!);
  for (const id of limited) {
    const limit = model.components[id]!.rateLimit!;
    // Requests/s arriving at the component, per region.
    const arriving: Record<string, number> = dict();
    for (const name of model.flowOrder) {
      const flow = model.flows[name]!;
      for (const [o, r] of Object.entries(out[name] ?? {})) {
        const rate = flow.rate * (sharesOf[name]![o] ?? 0);
        for (const h of r.hops)
          if (h.component === id && h.region !== undefined)
            arriving[h.region] = (arriving[h.region] ?? 0) + rate * h.reach * (h.admitted ?? 1) * (h.fanout ?? 1);
      }
    }
    const total = Object.values(arriving).reduce((a, b) => a + b, 0);
    const admittedShare = (region: string): number => {
      const a = limit.per === 'global' ? total : (arriving[region] ?? 0);
      return a > limit.rps ? limit.rps / a : 1;
    };
    const byRegion: Record<string, RateLimitLoad> = dict();
    for (const [region, a] of Object.entries(arriving)) {
      const share = admittedShare(region);
      byRegion[region] = {
        component: id,
        region,
        per: limit.per,
        limitRps: limit.rps,
        arrivingRps: round(a),
        ...(limit.per === 'global' ? { globalArrivingRps: round(total) } : {}),
        admittedRps: round(a * share),
        rejectedRps: round(a * (1 - share)),
        rejectedShare: round(1 - share, 6),
      };
    }
    limits[id] = byRegion;
    // Everything after the limited hop carries only what it admitted.
    for (const name of model.flowOrder) {
      const flow = model.flows[name]!;
      for (const [o, r] of Object.entries(out[name] ?? {})) {
        const at = r.hops.find((h) => h.component === id && h.region !== undefined);
        if (!at) continue;
        const share = admittedShare(at.region!);
        if (share >= 1) continue;
        for (const h of r.hops) if (h.index > at.index) h.admitted = (h.admitted ?? 1) * share;
        const originShare = sharesOf[name]![o] ?? 0;
        const rejected = originShare * at.reach * (at.admitted ?? 1) * (1 - share);
        const f = (flows[name] ??= { share: 0, rps: 0, by: [] });
        f.share += rejected;
        f.rps += flow.rate * rejected;
        f.by.push({ component: id, region: at.region!, origin: o, share: round(rejected, 6) });
      }
    }
  }
  for (const f of Object.values(flows)) {
    f.share = round(f.share, 6);
    f.rps = round(f.rps);
  }
  return { routes: out, limits, flows };
}
