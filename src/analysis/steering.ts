// Users of a lost region are down until they reach another region, whatever the stores behind do: the tier they
// enter by is gone with the region, so health checks must notice it (detection) and resolvers must drop its
// address (the DNS TTL) before their requests go elsewhere (AWS Route 53 DNS failover). A store promoted in
// 40 s does not help a user whose resolver still answers with the dead region for 60 s more.
// The entry tier is the first hop of each flow from users; a CDN in front moves requests between origins by
// itself (origin failover, per request), a client component is the user's own device, so the next hop is
// the entry, and a flow a worker starts is its own work, not a user's request. An entry in one region has nowhere to steer to (failover/stateless-active-active names it).
import { DEFAULT_FAILOVER, DNS_TTL_S } from '../data/figures.js';
import type { Model } from '../specfile/model.js';
import type { UserSteering } from './metrics.js';
import { dict } from '../specfile/dict.js';

/** The component a flow's users enter by, undefined when a CDN, an external dependency or a worker starts it. */
export function entryOf(model: Model, path: readonly string[]): string | undefined {
  for (const id of path) {
    const kind = model.components[id]?.kind;
    if (kind === 'client') continue;
    return kind === 'cdn' || kind === 'external' || kind === 'worker' || kind === undefined ? undefined : id;
  }
  return undefined;
}

/**
 * The failover timings the spec states or the problem gives (a default is not among them), as "id failover.field".
 * failover-timings.ts records a figure for exactly these.
 */
function timings(model: Model): Set<string> {
  const out = new Set<string>();
  for (const f of model.figures ?? []) if (f.field.startsWith('failover.')) out.add(`${f.subject} ${f.field}`);
  return out;
}

/**
 * The design's health checks and DNS TTL, for an entry tier that states neither: its stores' stated detection
 * (the fastest) and the DNS TTL its active-active stores steer their users with (the longest; a cache's does
 * not count, as it has nothing to fail over); else the defaults, or the problem's measured detection.
 */
function designTimings(model: Model, known: Set<string>): { detectS?: number; steerS?: number } {
  const detect: number[] = [];
  const steer: number[] = [];
  for (const id of model.componentOrder) {
    const c = model.components[id]!;
    if (!c.stateful || c.kind === 'cache' || !c.failover || c.failover.mode === 'none') continue;
    if (known.has(`${id} failover.detect_s`)) detect.push(c.failover.detectS);
    if (c.failover.mode === 'active-active' && known.has(`${id} failover.steer_s`)) steer.push(c.failover.steerS);
  }
  return {
    ...(detect.length ? { detectS: Math.min(...detect) } : {}),
    ...(steer.length ? { steerS: Math.max(...steer) } : {}),
  };
}

/** The design's detection and DNS TTL for users who enter by no multi-region tier (the drill's fallback). */
export function designSteering(model: Model): { detectS: number; steerS: number } {
  const d = designTimings(model, timings(model));
  return { detectS: d.detectS ?? DEFAULT_FAILOVER.detectS, steerS: d.steerS ?? DNS_TTL_S };
}

export function userSteering(model: Model): Record<string, UserSteering> | undefined {
  const out: Record<string, UserSteering> = dict();
  let known: Set<string> | undefined;
  let design: ReturnType<typeof designTimings> | undefined;
  let any = false;
  for (const name of model.flowOrder) {
    const flow = model.flows[name]!;
    if (flow.batch) continue; // a job runs where it is placed: no users to steer
    const id = entryOf(model, flow.path);
    if (id === undefined) continue;
    const c = model.components[id]!;
    // A store users reach directly moves its clients by its own failover (failover/rto-rpo's store findings).
    if (c.stateful || c.regions.length < 2) continue;
    const lost = flow.origins.filter((r) => c.regions.includes(r) && (model.users[r] ?? 0) > 0);
    if (!lost.length) continue;
    let s = out[id];
    if (!s) {
      known ??= timings(model);
      design ??= designTimings(model, known);
      const fo = c.failover;
      const ownSteer = fo?.mode === 'active-active' && known.has(`${id} failover.steer_s`);
      const detectS = fo && known.has(`${id} failover.detect_s`) ? fo.detectS : (design.detectS ?? DEFAULT_FAILOVER.detectS);
      const steerS = ownSteer ? fo.steerS : (design.steerS ?? DNS_TTL_S);
      const steerFrom = ownSteer ? 'entry' : design.steerS !== undefined ? 'design' : 'default';
      s = { component: id, regions: [], flows: [], detectS, steerS, steerFrom, rtoS: detectS + steerS };
      out[id] = s;
      any = true;
    }
    s.flows.push(name);
    for (const r of lost) if (!s.regions.includes(r)) s.regions.push(r);
  }
  if (!any) return undefined;
  for (const s of Object.values(out)) {
    const regions = model.components[s.component]!.regions;
    s.regions = regions.filter((r) => s.regions.includes(r)); // in the component's own order
  }
  return out;
}
