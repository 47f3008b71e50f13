// Routes one flow from one origin region through its hops: which region serves each hop and why.
// Latency, capacity and pool demand all walk the same route, so they always agree.
import { nearestRegion, replicaRegions, rttMs } from '../specfile/lookups.js';
import type { Model, ModelComponent, ModelFlow } from '../specfile/model.js';
import { dict } from '../specfile/dict.js';
import { KEEPS_DATA } from '../specfile/places.js';

export type HopReason = 'origin' | 'nearest' | 'primary' | 'leader' | 'external' | 'same-region' | 'written';

export interface RoutedHop {
  index: number;
  component: string;
  /** Region serving this hop; undefined for an external dependency with no region. */
  region?: string;
  /** Region the call came from (the user's region for the first hop). */
  from: string;
  reason: HopReason;
  /** Round trip from the previous hop's region (or the user) to this hop's region, ms. */
  networkMs: number;
  /** Share of the flow's requests that reach this hop (caches before it absorb the rest). */
  reach: number;
  /** Share of what reaches this hop that rate limits before it admitted (analysis/rate-limit.ts); absent = all. */
  admitted?: number;
  /** Index of the hop that calls this one (the last service, gateway, worker, ... before it). */
  caller?: number;
  /** Identical calls made in parallel to this component (fan-out to shards); absent for one call. */
  fanout?: number;
  /** Services merged into this one on this flow, whose work each call also does here (ModelHop.merged). */
  merged?: readonly { component: string; work: number }[];
  /** The parallel group and branch this hop belongs to (its caller makes all the group's calls at once). */
  group?: { step: number; branch: number };
  /** A cache or CDN's share of the reads reaching it that it answers on this flow (absent: its own hit ratio). */
  hitRatio?: number;
}

/**
 * The leader's quorum round trip, ms: a consensus write commits once a majority of the voters
 * (floor(n/2) + 1, the leader included) has it, so the leader waits for the (majority - 1)-th
 * nearest OTHER voter. Three voters: the nearest other; five: the second nearest; two: the other one.
 */
export function quorumRttMs(model: Model, c: ModelComponent, leader: string = c.leader ?? c.regions[0] ?? ''): number {
  const voters = replicaRegions(c);
  const others = voters
    .filter((r) => r !== leader)
    .map((r) => rttMs(model, leader, r) ?? 0)
    .sort((a, b) => a - b);
  const needed = Math.floor(voters.length / 2); // majority - 1: the leader's own vote is free
  return needed > 0 ? (others[needed - 1] ?? 0) : 0;
}

/**
 * The round trip a worker's write from `from` to `target` crosses: to where a flow's write would go
 * (routeFlow), the leader, else a store's primary, else the nearest copy. 0 for a target with no region.
 */
export function writeNetworkMs(model: Model, target: ModelComponent, from: string): number {
  const home = writeHome(model, target, from);
  return home === undefined ? 0 : (rttMs(model, from, home) ?? 0);
}

/** The region a write from `from` to `target` lands in: the leader, else a store's primary, else the nearest copy. */
function writeHome(model: Model, target: ModelComponent, from: string): string | undefined {
  return target.leader ?? (target.stateful ? target.primary : undefined) ?? nearestRegion(model, target, from)?.region ?? target.regions[0];
}

/**
 * A store whose copies are separate data sets: replication none in several regions, so a region's copy holds only
 * what is written there. A cache is not one (it refills from the store behind it in any region). One copy left whose
 * primary is gone (a drill lost its region; such a store is never promoted) is one too: the copy left was never written.
 */
function separateCopies(c: ModelComponent): boolean {
  return (
    c.stateful &&
    c.kind !== 'cache' &&
    c.replication?.mode === 'none' &&
    (c.regions.length > 1 || (c.primary !== undefined && c.regions.length === 1 && c.regions[0] !== c.primary))
  );
}

const landingCache = new WeakMap<Model, Map<string, ReadonlySet<string>>>();

/**
 * For each store whose copies are separate data sets (separateCopies) that something in the model writes, the
 * regions its writes land in: each write flow's hops to it, routed from every origin (to the primary, or the nearest
 * copy where there is none), a publish step's stream from its hop, and each region of a worker that writes it
 * (writeHome, as its write is priced). Only these copies hold data, so a read of the store is routed to the nearest
 * of them (routeFlow): review attack, pastebin's pastes-db and blobs with replication none in three regions, written
 * in us-east alone, answered every read from the empty local copy (97.4, passed), and video-streaming's Singapore
 * misses read a bucket the transcoders never fill. A store nothing writes (given data) is absent: any copy serves.
 * Computed once per model (models are copy-on-write, drills included).
 */
export function writeLandings(model: Model): Map<string, ReadonlySet<string>> {
  const cached = landingCache.get(model);
  if (cached) return cached;
  const out = new Map<string, Set<string>>();
  const land = (id: string, region: string | undefined) => {
    if (region === undefined) return;
    let set = out.get(id);
    if (!set) out.set(id, (set = new Set()));
    set.add(region);
  };
  const candidate = (id: string) => {
    const c = model.components[id];
    return c !== undefined && separateCopies(c);
  };
  for (const name of model.flowOrder) {
    const flow = model.flows[name]!;
    if (flow.kind !== 'write') continue;
    const streams = flow.publishes?.filter((p) => p.stream !== undefined && candidate(p.stream)) ?? [];
    if (!streams.length && !flow.path.some(candidate)) continue;
    // A write flow's route never asks writeLandings (only reads are sent to where the writes land): no recursion.
    for (const o of flow.origins) {
      const hops = routeFlow(model, flow, o);
      for (const h of hops) if (candidate(h.component)) land(h.component, h.region);
      for (const p of streams) {
        const from = hops[p.hop]?.region;
        if (from !== undefined) land(p.stream!, writeHome(model, model.components[p.stream!]!, from));
      }
    }
  }
  for (const id of model.componentOrder) {
    const w = model.components[id]!;
    for (const t of w.writes) {
      if (!candidate(t)) continue;
      const target = model.components[t]!;
      for (const r of w.regions) land(t, writeHome(model, target, r));
    }
  }
  landingCache.set(model, out);
  return out;
}

/** The region of `regions` (the store's copies that hold data) nearest to `from`; undefined when none is reachable. */
function nearestOf(model: Model, c: ModelComponent, regions: ReadonlySet<string>, from: string): string | undefined {
  const row = model.network.rttMs[from];
  let best: string | undefined;
  let bestMs = 0;
  for (const r of c.regions) {
    if (!regions.has(r)) continue;
    const ms = row?.[r];
    if (ms === undefined) continue;
    if (best === undefined || ms < bestMs) {
      best = r;
      bestMs = ms;
    }
  }
  return best;
}

/**
 * Whether this hop of this flow must reach a consensus store's leader: every write does, and so does
 * every read unless the flow accepts bounded staleness (max_staleness_ms), which allows a follower read.
 */
export function goesToLeader(c: ModelComponent, flow: ModelFlow): boolean {
  return c.leader !== undefined && (flow.kind === 'write' || flow.maxStalenessMs === undefined);
}

/**
 * Kinds that call onward. A path lists the components a request visits; a store, queue or external
 * API answers and hands control back, so the hop after it is called by the last of these before it:
 * in [gateway, api, payments, orders-db] the api calls payments, then the api calls orders-db.
 */
export const CALLER_KINDS: ReadonlySet<string> = new Set(['client', 'cdn', 'load-balancer', 'gateway', 'service', 'worker']);

/**
 * Whether a cache whose hit ratio is given by name (hitRatioBehind) caches, at this hop, the keys the ratio is a figure
 * of: some store behind it on this flow is one behind it in the reference (or stands in for one). Nothing behind it
 * (the cache is the store) or no such given: yes. In front of other stores only, its given ratio says nothing.
 */
function cachesGivenKeys(model: Model, flow: ModelFlow, index: number, c: ModelComponent): boolean {
  const keys = c.hitRatioBehind;
  if (!keys) return true;
  let stores = 0;
  for (let j = index + 1; j < flow.path.length; j++) {
    const id = flow.path[j]!;
    if (id === c.id || !KEEPS_DATA.has(model.components[id]?.kind ?? '')) continue;
    stores++;
    if (keys.includes(model.standIns?.[id] ?? id)) return true;
  }
  return stores === 0;
}

export function routeFlow(model: Model, flow: ModelFlow, origin: string): RoutedHop[] {
  const hops: RoutedHop[] = [];
  // Where the writes of stores with separate copies land: asked only by reads that visit such a store.
  let landings: Map<string, ReadonlySet<string>> | undefined;
  let at = origin;
  let caller: number | undefined;
  let reach = 1;
  // A parallel group: every branch starts from the state before the group (the same caller makes
  // all the calls), and after the group the flow carries on from that caller.
  let before: { at: string; caller: number | undefined; reach: number } | undefined;
  let group: { step: number; branch: number } | undefined;
  // A cache whose hit ratio is only its kind's given answers the kind's share of a flow's reads once: a second tier
  // of the kind behind a first sees the first's misses, the keys that do not repeat (a shield CDN behind the edge,
  // both at video-streaming's 0.9, made a 99 % hit path and one origin node: review).
  let kindTierSeen = false;
  flow.path.forEach((id, index) => {
    const step = flow.hops?.[index];
    const g = step?.group;
    if (group && (!g || g.step !== group.step)) {
      ({ at, caller, reach } = before!);
      before = undefined;
    }
    if (g) {
      if (!before) before = { at, caller, reach };
      else if (g.branch !== group!.branch) ({ at, caller, reach } = before);
    }
    group = g;
    const c = model.components[id]!;
    let region: string | undefined;
    let reason: HopReason;
    if (c.kind === 'client') {
      region = origin;
      reason = 'origin';
    } else if (c.kind === 'external' && c.regions.length === 0) {
      region = undefined;
      reason = 'external';
    } else if (goesToLeader(c, flow)) {
      region = c.leader;
      reason = 'leader';
    } else if (flow.kind === 'write' && c.primary !== undefined && c.stateful) {
      region = c.primary;
      reason = 'primary';
    } else if (flow.kind === 'read' && separateCopies(c) && (landings ??= writeLandings(model)).has(id)) {
      // A copy holds only what was written in its region: the read goes to the nearest copy the writes reach (none
      // left, as when a drill loses the one region written: no copy of the data survives).
      region = nearestOf(model, c, landings.get(id)!, at);
      reason = 'written';
    } else {
      const near = nearestRegion(model, c, at);
      region = near?.region ?? c.regions[0];
      reason = c.kind === 'external' ? 'external' : region === at ? 'same-region' : 'nearest';
    }
    const networkMs = region === undefined ? 0 : (rttMs(model, at, region) ?? 0);
    // Optional fields assigned, not spread in: a conditional spread allocates a temporary object per hop.
    const hop: RoutedHop = { index, component: id, from: at, reason, networkMs, reach };
    if (region !== undefined) hop.region = region;
    if (caller !== undefined) hop.caller = caller;
    if (step && step.fanout > 1) hop.fanout = step.fanout;
    if (step?.merged) hop.merged = step.merged;
    if (g) hop.group = g;
    hops.push(hop);
    if (CALLER_KINDS.has(c.kind) && region !== undefined) {
      at = region;
      caller = index;
    }
    // A read that must see the latest write cannot be answered from a cache's copy: every one goes on to the source
    // (geo/strong-read-source fails the cache on its path). Counting the hits gave a strong read through a CDN 90 %
    // offload: bank-ledger's overdraft check passed with nine in ten balances answered by the edge.
    if (c.hitRatio !== undefined && flow.kind === 'read' && flow.consistency !== 'strong') {
      const h = (c.hitRatioOfKind && kindTierSeen) || !cachesGivenKeys(model, flow, index, c) ? 0 : c.hitRatio;
      if (h !== c.hitRatio) hop.hitRatio = h;
      if (c.hitRatioOfKind && h > 0) kindTierSeen = true;
      reach *= 1 - h;
    }
  });
  return hops;
}

/** Each origin's share of the flow's traffic: the users' shares, renormalised over the flow's origins. */
export function originShares(model: Model, flow: ModelFlow): Record<string, number> {
  // Two passes over the origins, without a [origin, share] pair per origin (asked three times per flow per analyse).
  const origins = flow.origins;
  let total = 0;
  for (let i = 0; i < origins.length; i++) total += model.users[origins[i]!] ?? 0;
  const out: Record<string, number> = dict();
  for (let i = 0; i < origins.length; i++) {
    const o = origins[i]!;
    out[o] = total > 0 ? (model.users[o] ?? 0) / total : 1 / origins.length;
  }
  return out;
}
