// Users of a lost region are down until they reach another region, whatever the stores behind do: the tier they
// enter by is gone with the region, so health checks must notice it (detection) and resolvers must drop its
// address (the DNS TTL) before their requests go elsewhere (AWS Route 53 DNS failover). A store promoted in
// 40 s does not help a user whose resolver still answers with the dead region for 60 s more.
// The entry tier is the first hop of each flow from users, after any client (the user's own device). A CDN in
// front moves reads between origins by itself (origin failover retries GET and HEAD on another origin), not
// writes: a write's entry is the hop behind it. Where a flow passes through a gateway or a load balancer, users
// enter by those, and a flow that starts at a service or a worker is the system's own work (a timer, a monitor);
// without one, the first service is the entry, or a worker that consumes nothing (a queue's consumer works on
// what was written, not on a user's request).
// The timings are the entry tier's own (a store's steer_s moves its clients, the app servers, not the users' DNS
// record): its failover's detect_s, or the problem's measured detection, else 30 s, and at least one health-check
// interval (10 s, Route 53's fastest), as nothing notices a dead region sooner; then its steer_s, the TTL of its
// DNS record in either failover mode, else the default 60 s. Clients keep a looked-up address 30 s whatever the TTL
// (resolve floors a stateless tier's steer_s there); only anycast routing (patterns.multi_region.routing: anycast,
// one address announced from every region) moves users sooner, and there steering defaults to 0.
import { DEFAULT_FAILOVER, DNS_TTL_S, HEALTH_CHECK } from '../data/figures.js';
import type { Model } from '../specfile/model.js';
import type { UserSteering } from './metrics.js';
import { dict } from '../specfile/dict.js';

const FRONT_DOORS: ReadonlySet<string> = new Set(['gateway', 'load-balancer']);

/** The first hop of a flow past the user's own device and any CDN in front. */
function firstHop(model: Model, flow: { path: readonly string[] }): string | undefined {
  for (const id of flow.path) {
    const kind = model.components[id]?.kind;
    if (kind !== 'client' && kind !== 'cdn') return id;
  }
  return undefined;
}

/**
 * Whether users enter the design by a gateway or load balancer: one that is the first hop of a flow that is not a
 * batch job (then a flow a service starts is internal). One further along a flow (an egress gateway to a third
 * party behind a worker) or on a job's path is no front door, and the services are where users come in.
 */
function hasFrontDoor(model: Model): boolean {
  return model.flowOrder.some((name) => {
    const flow = model.flows[name]!;
    if (flow.batch) return false;
    const id = firstHop(model, flow);
    return id !== undefined && FRONT_DOORS.has(model.components[id]?.kind ?? '');
  });
}

/** The component a flow's users enter by; undefined when none is steered by DNS (see the file's head). */
function entryOf(model: Model, flow: { kind: string; path: readonly string[] }, frontDoor: boolean): string | undefined {
  for (const id of flow.path) {
    const kind = model.components[id]?.kind;
    if (kind === 'client') continue;
    if (kind === 'cdn') {
      if (flow.kind === 'read') return undefined;
      continue;
    }
    if (kind !== undefined && FRONT_DOORS.has(kind)) return id;
    // Without a front door, the first service takes the users' requests; so does a worker that takes them (one
    // that consumes no queue or store: a queue's consumer works on what was written, not on a user's request).
    if (!frontDoor && (kind === 'service' || (kind === 'worker' && model.components[id]!.consumes === undefined))) return id;
    return undefined;
  }
  return undefined;
}

/**
 * Detection and steering for a drill whose lost region has no entry tier: its users reach the stores directly (a
 * client library, as key-value-store's), so the stores' own timings move them: the fastest stated detection and the
 * longest steer_s of an active-active store (a cache's counts for nothing: it has nothing to fail over), else the
 * defaults.
 */
export function designSteering(model: Model): { detectS: number; steerS: number } {
  const detect: number[] = [];
  const steer: number[] = [];
  for (const id of model.componentOrder) {
    const fo = model.components[id]!.failover;
    if (!fo || fo.mode === 'none') continue;
    detect.push(fo.detectS);
    if (fo.mode === 'active-active' && model.components[id]!.kind !== 'cache') steer.push(fo.steerS);
  }
  return {
    detectS: detect.length ? Math.min(...detect) : DEFAULT_FAILOVER.detectS,
    steerS: steer.length ? Math.max(...steer) : DNS_TTL_S,
  };
}

function steeringOf(model: Model, id: string): UserSteering {
  const fo = model.components[id]!.failover;
  // failover-timings.ts records a figure for a timing the spec states or the problem gives (not for a default).
  const figure = (field: string) => model.figures?.find((f) => f.subject === id && f.field === `failover.${field}`);
  const detected = fo && figure('detect_s') ? fo.detectS : DEFAULT_FAILOVER.detectS;
  const detectS = Math.max(detected, HEALTH_CHECK.intervalS);
  // Its DNS record's TTL, active-active or a standby region's failover record alike; none to expire with anycast.
  const anycast = model.patterns.multiRegion?.routing === 'anycast';
  const stated = fo !== undefined && fo.mode !== 'none' ? figure('steer_s') : undefined;
  const steerS = stated ? fo!.steerS : anycast ? 0 : DNS_TTL_S;
  const out: UserSteering = {
    component: id,
    regions: [],
    flows: [],
    detectS,
    steerS,
    steerFrom: stated ? 'entry' : anycast ? 'anycast' : 'default',
    rtoS: detectS + steerS,
  };
  if (anycast) out.anycast = true;
  if (detected < detectS) out.detectClaimed = detected;
  if (stated?.verdict === 'out-of-range' && stated.claimed !== undefined) out.steerClaimed = stated.claimed;
  return out;
}

export function userSteering(model: Model): Record<string, UserSteering> | undefined {
  const out: Record<string, UserSteering> = dict();
  let any = false;
  const frontDoor = hasFrontDoor(model);
  for (const name of model.flowOrder) {
    const flow = model.flows[name]!;
    if (flow.batch) continue; // a job runs where it is placed: no users to steer
    const id = entryOf(model, flow, frontDoor);
    if (id === undefined) continue;
    const c = model.components[id]!;
    // In one region it has nowhere to steer its users to: failover/stateless-active-active's finding (a stage may
    // grade the stores' failover before asking for the stateless tiers in every region).
    if (c.regions.length < 2) continue;
    const lost = flow.origins.filter((r) => c.regions.includes(r) && (model.users[r] ?? 0) > 0);
    if (!lost.length) continue;
    const s = (out[id] ??= steeringOf(model, id));
    any = true;
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
