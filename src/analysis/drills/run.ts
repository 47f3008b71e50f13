// runDrill(model, scenarios) -> DrillResult: the scenarios applied to the Model as pure transformations
// (transform.ts), phase by phase, each phase measured by the ordinary analyse() and then read for what
// fails: requests sent to a lost region, calls past their timeout, pools emptied by Little's law
// (a service whose threads run out is itself down for its callers, so the failure cascades until a
// timeout and a bulkhead stop it), tiers at or over 100 % (unbounded latency).
import { DEFAULT_FAILOVER, DNS_TTL_S } from '../../data/figures.js';
import { dict } from '../../specfile/dict.js';
import { replicaRegions } from '../../specfile/lookups.js';
import type { Model } from '../../specfile/model.js';
import { analyse } from '../analyse.js';
import { failoverWindow } from '../failover.js';
import { designSteering, userSteering } from '../steering.js';
import type { HopLatency, Metrics } from '../metrics.js';
import { originShares } from '../route.js';
import { scenarioText, type Scenario } from './scenario.js';
import { down, partition, promotionTarget, regionDown, slow, surge, type RegionState } from './transform.js';
import type {
  DrillRejection,
  DrillDataLoss,
  DrillDivergence,
  DrillFailure,
  DrillFlow,
  DrillOptions,
  DrillOverload,
  DrillPhase,
  DrillPhaseName,
  DrillPoolExhaustion,
  DrillResult,
} from './types.js';

/** Stores whose loss loses data: a cache's content is rebuilt from its source. */
const durable = (c: { stateful: boolean; kind: string }): boolean => c.stateful && c.kind !== 'cache';

/** A flow within this multiple of its p99 budget counts as healthy during a drill (sdcoach convention, as the issue's pass criteria). */
export const DRILL_BUDGET_SLACK = 2;

interface Promotion {
  store: string;
  region: string;
  to: string;
  atS: number;
  why: string;
}

interface Outage {
  region: string;
  detectS: number;
  steerS: number;
  /** What moves the users once detected: anycast, clients dropping an address kept past a shorter TTL, or the DNS TTL. */
  steerBy: 'anycast' | 'client-cache' | 'dns';
  promotions: Promotion[];
  /** Stores that lose their primary/leader there and are never promoted automatically. */
  stranded: { store: string; why: string }[];
}

/**
 * Health-check detection and DNS steering of the region's users: those of the tiers they enter by (analysis/steering.ts,
 * as failover/rto-rpo counts them; the slowest tier is when every user is steered), else the design's (its stores'
 * stated detection and active-active DNS TTL, else the defaults).
 */
function outagePlan(model: Model, region: string): Outage {
  const entries = Object.values(userSteering(model) ?? {}).filter((u) => u.regions.includes(region));
  let detectS: number;
  let steerS: number;
  let steerBy: Outage['steerBy'] = 'dns';
  if (entries.length) {
    detectS = Math.min(...entries.map((u) => u.detectS));
    const slowest = entries.reduce((a, b) => (b.rtoS > a.rtoS ? b : a));
    steerS = slowest.rtoS - detectS;
    if (slowest.anycast) steerBy = 'anycast';
    else if (slowest.steerClaimed !== undefined) steerBy = 'client-cache';
  } else ({ detectS, steerS } = designSteering(model));
  const promotions: Promotion[] = [];
  const stranded: { store: string; why: string }[] = [];
  for (const id of model.componentOrder) {
    const c = model.components[id]!;
    if (!durable(c)) continue;
    const writesThere = c.primary === region || c.leader === region;
    if (!writesThere) continue;
    const w = failoverWindow(c, model);
    const to = w.election?.candidate ?? promotionTarget(c, region);
    if (w.rtoS === null || to === undefined) {
      stranded.push({
        store: id,
        why:
          replicaRegions(c).length <= 1
            ? `${id} runs only in ${region}`
            : w.replication === 'none'
              ? `${id}'s copies are separate data sets`
              : `${id} has no automatic failover (failover.mode ${w.mode})`,
      });
      continue;
    }
    const why = w.election
      ? `${id} elects a leader in ${to} (election timeout ${w.election.timeoutS} s + vote round trip ${w.election.voteRttMs} ms)`
      : `${id} promoted in ${to} (${w.mode}: detection ${c.failover?.detectS ?? DEFAULT_FAILOVER.detectS} s + ${w.mode === 'active-active' ? `steering ${c.failover?.steerS ?? DNS_TTL_S}` : `promotion ${c.failover?.promoteS ?? DEFAULT_FAILOVER.promoteS}`} s)`;
    promotions.push({ store: id, region, to, atS: w.rtoS, why });
  }
  return { region, detectS, steerS, steerBy, promotions, stranded };
}

function dataLoss(model: Model, base: Metrics, region: string): DrillDataLoss[] {
  const out: DrillDataLoss[] = [];
  for (const id of model.componentOrder) {
    const c = model.components[id]!;
    if (!durable(c) || !replicaRegions(c).includes(region)) continue;
    // Writes accepted in the region: it is the primary/leader, or a multi-primary copy there takes writes.
    const acceptsWrites =
      c.primary === region || c.leader === region || (c.primary === undefined && c.leader === undefined && c.regions.includes(region));
    if (!acceptsWrites || c.role === 'read-model') continue;
    const w = failoverWindow(c, model);
    const replication = w.replication;
    const rpoS = replicaRegions(c).length <= 1 ? null : w.rpoS;
    if (rpoS === 0) continue;
    const writeRate = base.capacity[id]?.[region]?.writeRate ?? 0;
    if (writeRate === 0 && rpoS !== null) continue;
    const loss: DrillDataLoss = { store: id, region, replication, rpoS, writesLost: rpoS === null ? null : Math.round(writeRate * rpoS) };
    if (model.requirements.rpoS !== undefined) loss.targetS = model.requirements.rpoS;
    out.push(loss);
  }
  return out;
}

function divergence(model: Model, a: string, b: string, reElected: Record<string, string>): DrillDivergence[] {
  const out: DrillDivergence[] = [];
  for (const id of model.componentOrder) {
    const c = model.components[id]!;
    const copies = replicaRegions(c);
    if (!c.stateful || !copies.includes(a) || !copies.includes(b)) continue;
    const mode = c.replication?.mode ?? 'none';
    const conflict = c.failover?.conflict;
    if (mode === 'none') continue;
    if (mode === 'consensus') {
      const leader = reElected[id] ?? c.leader ?? copies[0]!;
      out.push({
        store: id,
        how: 'minority-read-only',
        why: `${id}: consensus keeps one history; the side without a majority (cut off from the leader in ${leader}) takes no writes${reElected[id] ? ` (after an election moved the leader to ${leader})` : ''}`,
      });
    } else if (mode === 'sync') {
      out.push({
        store: id,
        how: 'writes-blocked',
        why: `${id}: synchronous replication waits for the copy across the partition, so writes block until it heals (no divergence, no availability)`,
      });
    } else if (c.primary === undefined) {
      out.push({
        store: id,
        how: 'both-write',
        ...(conflict ? { conflict } : {}),
        why: `${id}: both sides keep accepting writes and diverge; on healing ${conflict && conflict !== 'none' ? `${conflict} reconciles them` : 'nothing reconciles them (no conflict policy): concurrent updates are lost or duplicated'}`,
      });
    } else {
      const other = c.primary === a ? b : a;
      out.push({
        store: id,
        how: 'stale-reads',
        why: `${id}: the primary is in ${c.primary}; reads in ${other} go stale for as long as the partition lasts, and writes from there cannot reach the primary`,
      });
    }
  }
  return out;
}

interface PhaseInput {
  name: DrillPhaseName;
  fromS: number;
  toS: number | null;
  events: string[];
  model: Model;
  /** Regions lost, with users not yet steered. */
  lost: string[];
  unsteered: string[];
  timedOut: Set<string>;
  downed: Set<string>;
  diverging: DrillDivergence[];
}

/** Measures one phase: analyse(), then what fails and why, repeating while exhausted services cascade. */
function measure(input: PhaseInput, original: Model, retries: number): DrillPhase {
  let model = input.model;
  const downed = new Set(input.downed);
  let metrics = analyse(model);
  const exhausted: DrillPoolExhaustion[] = [];
  const rejected = new Map<string, Set<string>>(); // caller -> dependencies whose pool is exhausted ('*' = all threads)
  for (let round = 0; round <= model.componentOrder.length; round++) {
    capByTimeouts(metrics, model);
    amplify(metrics, model, input.timedOut, downed, retries);
    const now = exhaustedPools(metrics);
    // The first round's figures are the cause; later rounds add the services the cascade reaches.
    for (const e of now) if (!exhausted.some((x) => x.service === e.service && x.pool === e.pool)) exhausted.push(e);
    rejected.clear();
    let grew = false;
    for (const e of now) {
      const set = rejected.get(e.service) ?? new Set<string>();
      set.add(e.dependency ?? '*');
      rejected.set(e.service, set);
      if (e.dependency === undefined && !downed.has(e.service)) {
        // A service with no thread left answers nobody: its callers wait until their timeout.
        downed.add(e.service);
        model = down(model, e.service);
        grew = true;
      }
    }
    if (!grew) break;
    metrics = analyse(model);
  }

  const overloaded: DrillOverload[] = [];
  let busiest: DrillOverload | undefined;
  let busiestStore: DrillOverload | undefined;
  for (const [id, byRegion] of Object.entries(metrics.capacity)) {
    const c = model.components[id]!;
    for (const l of Object.values(byRegion)) {
      if (input.lost.includes(l.region)) continue;
      const o: DrillOverload = { component: id, region: l.region, utilization: l.utilization, stateful: c.stateful };
      if (l.utilization >= 1) overloaded.push(o);
      if (!busiest || o.utilization > busiest.utilization) busiest = o;
      if (c.stateful && (!busiestStore || o.utilization > busiestStore.utilization)) busiestStore = o;
    }
  }
  overloaded.sort((x, y) => y.utilization - x.utilization);
  // What rate limits reject instead of passing on (shed by design: the tiers behind stay within what they admit).
  const rejectedAt: DrillRejection[] = [];
  for (const [id, byRegion] of Object.entries(metrics.rateLimits ?? {}))
    for (const l of Object.values(byRegion))
      if (l.rejectedRps > 0 && !input.lost.includes(l.region))
        rejectedAt.push({
          component: id,
          region: l.region,
          rejectedRps: l.rejectedRps,
          arrivingRps: l.arrivingRps,
          limitRps: l.limitRps,
          per: l.per,
        });
  rejectedAt.sort((x, y) => y.rejectedRps - x.rejectedRps);

  const flows: Record<string, DrillFlow> = dict();
  for (const name of original.flowOrder) {
    const f = original.flows[name]!;
    const shares = originShares(original, f);
    const failures: DrillFailure[] = [];
    for (const r of input.unsteered) {
      const share = shares[r] ?? 0;
      if (share > 0)
        failures.push({
          origin: r,
          share,
          reason: 'not-steered',
          why: `users in ${r} are still sent there (health checks, then the DNS TTL)`,
        });
    }
    const fm = metrics.flows[name];
    let p99: number | null = null;
    let overloadedBy: DrillFlow['overloadedBy'];
    let served = 0;
    for (const [origin, lat] of Object.entries(fm?.origins ?? {})) {
      const share = shares[origin] ?? 0;
      if (share === 0) continue;
      let failed: DrillFailure | undefined;
      let originP99 = lat.p99;
      // One closure per origin (not one per hop), the hop passed in.
      const fail = (hop: HopLatency, reason: DrillFailure['reason'], why: string) => {
        if (!failed || hop.reach > failed.share / share)
          failed = { origin, share: share * hop.reach, reason, component: hop.component, why };
      };
      for (const hop of lat.hops) {
        const c = model.components[hop.component]!;
        if (c.kind === 'client') continue;
        const caller = hop.caller !== undefined ? lat.hops[hop.caller]?.component : undefined;
        if (input.downed.has(hop.component)) fail(hop, 'down', `${hop.component} is down`);
        else if (hop.region === undefined && hop.reason !== 'external') fail(hop, 'no-copy', `no copy of ${hop.component} survives`);
        else if (hop.region !== undefined && input.lost.includes(hop.region))
          fail(
            hop,
            'not-promoted',
            `${hop.component}'s ${hop.reason === 'leader' ? 'leader' : 'primary'} was in ${hop.region} and has not been replaced`,
          );
        else if (!Number.isFinite(hop.networkMs + hop.replicationMs))
          fail(
            hop,
            'partitioned',
            `${hop.component} in ${hop.region ?? '?'} is on the other side of the partition${hop.replicationMs === Number.POSITIVE_INFINITY ? ' (its replicas or quorum)' : ''}`,
          );
        else if (caller !== undefined && (rejected.get(caller)?.has(hop.component) || rejected.get(caller)?.has('*')))
          fail(
            hop,
            'pool-exhausted',
            `${caller}'s ${rejected.get(caller)?.has(hop.component) ? `pool for ${hop.component}` : 'threads'} ran out (Little's law)`,
          );
        else if (downed.has(hop.component)) fail(hop, 'pool-exhausted', `${hop.component} has no thread left and answers nobody`);
        else if (hop.cappedByTimeout && input.timedOut.has(hop.component))
          fail(hop, 'timeout', `calls to ${hop.component} pass their ${hop.processing.p99} ms timeout`);
        const load = hop.region !== undefined ? metrics.capacity[hop.component]?.[hop.region] : undefined;
        if (load && load.utilization >= 1 && hop.reach > 0) {
          originP99 = Number.POSITIVE_INFINITY;
          if (!overloadedBy || load.utilization > overloadedBy.utilization)
            overloadedBy = { component: hop.component, region: load.region, utilization: load.utilization };
        }
      }
      if (failed) failures.push(failed);
      const servedShare = share - (failed?.share ?? 0);
      if (servedShare > 1e-9) {
        served += servedShare;
        p99 = p99 === null ? originP99 : Math.max(p99, originP99);
      }
    }
    const errorShare = Math.min(
      1,
      failures.reduce((a, x) => a + x.share, 0),
    );
    const df: DrillFlow = {
      name,
      kind: f.kind,
      errorShare: round(errorShare, 6),
      p99: served > 0 && p99 !== null ? round(p99) : null,
      failures,
    };
    if (f.budget.p99 !== undefined) {
      df.budgetP99 = f.budget.p99;
      if (df.p99 !== null) df.budgetRatio = round(df.p99 / f.budget.p99, 3);
    }
    if (overloadedBy) df.overloadedBy = overloadedBy;
    const shed = fm?.rejected?.share ?? 0;
    if (shed > 0) df.rejectedShare = round(shed, 6);
    flows[name] = df;
  }

  const readOnly = model.componentOrder.filter((id) => {
    const c = model.components[id]!;
    if (!durable(c) || c.role === 'read-model') return false;
    const w = c.primary ?? c.leader;
    return downed.has(id) || (w !== undefined && input.lost.includes(w)) || c.regions.length === 0;
  });
  const healthy =
    Object.values(flows).every(
      (f) =>
        f.errorShare === 0 &&
        // Turning users away with 429s keeps the tiers up, but it is not serving them.
        !(f.rejectedShare && f.rejectedShare > 0) &&
        f.p99 !== null &&
        Number.isFinite(f.p99) &&
        (f.budgetRatio === undefined || f.budgetRatio <= DRILL_BUDGET_SLACK),
    ) &&
    overloaded.length === 0 &&
    // A consumer that runs out of threads fails no flow, but its queue grows without bound: not healthy.
    exhausted.length === 0;
  const phase: DrillPhase = {
    name: input.name,
    fromS: input.fromS,
    toS: input.toS,
    events: input.events,
    down: input.lost,
    metrics,
    flows,
    overloaded,
    rejected: rejectedAt,
    exhausted,
    readOnly,
    diverging: input.diverging,
    healthy,
  };
  if (busiest) phase.busiest = busiest;
  if (busiestStore) phase.busiestStore = busiestStore;
  return phase;
}

/**
 * A call that never completes (across a partition, to a black hole) holds its thread until the caller's
 * timeout, when there is one: Little's law with the timeout as the time held. The service's total is then
 * its own work plus its calls (parallel overlaps not subtracted: conservative).
 */
function capByTimeouts(metrics: Metrics, model: Model): void {
  for (const svc of Object.values(metrics.pools)) {
    let changed = false;
    for (const call of svc.calls) {
      if (Number.isFinite(call.p99Ms) || call.timeoutMs === undefined) continue;
      call.p99Ms = call.timeoutMs;
      call.demand = round((call.ratePerReplica * call.timeoutMs) / 1000);
      for (const p of svc.pools) if (p.dependency === call.dependency) p.demand = call.demand;
      changed = true;
    }
    if (!changed) continue;
    const own = (svc.ratePerReplica * (model.components[svc.service]?.latency.p99 ?? 0)) / 1000;
    svc.demand = round(own + svc.calls.reduce((a, c) => a + c.demand, 0));
    const named = svc.pools.filter((p) => !p.dependency);
    const unpooled = svc.calls.filter((c) => !c.pool).reduce((a, c) => a + c.demand, 0);
    for (const p of named) p.demand = round((own + unpooled) / named.length);
  }
}

/** Retries: each timed-out call is made 1 + n times, each holding a thread until the timeout and loading the dependency again. */
function amplify(metrics: Metrics, model: Model, timedOut: Set<string>, downed: Set<string>, retries: number): void {
  if (retries <= 0) return;
  const k = 1 + retries;
  const failing = new Set([...timedOut, ...downed]);
  for (const svc of Object.values(metrics.pools)) {
    let extra = 0;
    for (const call of svc.calls) {
      if (!failing.has(call.dependency) || call.timeoutMs === undefined) continue;
      extra += call.demand * retries;
      call.demand = round(call.demand * k);
      call.worstDemand = round(call.worstDemand * k);
      for (const p of svc.pools) if (p.dependency === call.dependency) p.demand = call.demand;
    }
    svc.demand = round(svc.demand + extra);
  }
  for (const id of timedOut) {
    const c = model.components[id];
    if (!c || downed.has(id)) continue;
    for (const l of Object.values(metrics.capacity[id] ?? {})) {
      l.rate = round(l.rate * k);
      l.utilization = round(l.utilization * k, 4);
    }
  }
}

/** Pools whose Little's-law demand exceeds their size, and services whose shared threads run out. */
function exhaustedPools(metrics: Metrics): DrillPoolExhaustion[] {
  const out: DrillPoolExhaustion[] = [];
  for (const svc of Object.values(metrics.pools)) {
    let pooledDemand = 0;
    for (const p of svc.pools) {
      if (!p.dependency) continue;
      pooledDemand += p.demand;
      if (p.demand > p.size) out.push({ service: svc.service, pool: p.name, dependency: p.dependency, demand: p.demand, size: p.size });
    }
    for (const p of svc.pools)
      if (!p.dependency && p.demand > p.size) out.push({ service: svc.service, pool: p.name, demand: p.demand, size: p.size });
    const shared = svc.threads - svc.pooledThreads;
    const sharedDemand = svc.demand - pooledDemand;
    if (svc.threads > 0 && !svc.pools.some((p) => !p.dependency) && sharedDemand > shared)
      out.push({ service: svc.service, demand: round(sharedDemand), size: shared });
  }
  return out;
}

/**
 * Runs the scenarios together (they compose): static faults (slow, down, surge, partition) hold in every
 * phase; each region-down adds its timeline: detection, users steered by the DNS TTL, stores promoted.
 */
export function runDrill(model: Model, scenarios: readonly Scenario[], opts: DrillOptions = {}): DrillResult {
  const retries = opts.retries ?? 0;
  let base = model;
  const timedOut = new Set<string>();
  const downed = new Set<string>();
  const diverging: DrillDivergence[] = [];
  const outages: Outage[] = [];
  for (const s of scenarios) {
    if (s.kind === 'surge') base = surge(base, s.factor, s.flow);
    else if (s.kind === 'slow') {
      base = slow(base, s.component, s.ms);
      timedOut.add(s.component);
    } else if (s.kind === 'down') {
      base = down(base, s.component);
      downed.add(s.component);
    } else if (s.kind === 'partition') {
      const p = partition(base, s.regions[0], s.regions[1]);
      diverging.push(...divergence(base, s.regions[0], s.regions[1], p.reElected));
      base = p.model;
    } else if (!outages.some((o) => o.region === s.region)) outages.push(outagePlan(model, s.region));
  }
  const before = outages.length ? analyse(model) : undefined;
  const lossList = before ? outages.flatMap((o) => dataLoss(model, before, o.region)) : [];

  // Moments something changes, and what.
  const moments = new Map<number, string[]>();
  const at = (t: number, what: string) => moments.set(t, [...(moments.get(t) ?? []), what]);
  for (const o of outages) {
    at(0, `${o.region} is lost: nothing there answers`);
    at(o.detectS, `health checks mark ${o.region} down (${o.detectS} s)`);
    const moved = `users in ${o.region} now reach surviving regions`;
    if (o.steerBy === 'anycast') at(o.detectS + o.steerS, `anycast stops announcing ${o.region}: ${moved}`);
    else if (o.steerBy === 'client-cache')
      at(o.detectS + o.steerS, `clients drop the address they looked up (${o.steerS} s, past the shorter TTL stated): ${moved}`);
    else at(o.detectS + o.steerS, `the DNS TTL (${o.steerS} s) runs out: ${moved}`);
    for (const p of o.promotions) at(p.atS, p.why);
    for (const s of o.stranded) at(0, `${s.why}: its writes fail until someone restores it`);
  }
  const times = [...moments.keys()].sort((a, b) => a - b);
  if (!times.length || times[0] !== 0) times.unshift(0);
  const phases: DrillPhase[] = [];
  // A moment that changes no region's state (health checks mark a region down while its users are not yet
  // steered, say) opens a phase measured exactly as the one before: the same model, the same figures.
  let previous: { key: string; phase: DrillPhase } | undefined;
  times.forEach((t, i) => {
    const states: RegionState[] = [];
    const unsteered: string[] = [];
    for (const o of outages) {
      const steered = t >= o.detectS + o.steerS;
      if (!steered) unsteered.push(o.region);
      const promoted: Record<string, string> = dict();
      for (const p of o.promotions) if (t >= p.atS) promoted[p.store] = p.to;
      states.push({ region: o.region, steered, promoted });
    }
    const last = i === times.length - 1;
    const detected = outages.length > 0 && outages.every((o) => t >= o.detectS);
    const name: DrillPhaseName = last
      ? 'steady-state'
      : !detected && outages.length
        ? 'detection'
        : unsteered.length
          ? 'steering'
          : 'promotion';
    const key = JSON.stringify(states.map((s) => [s.region, s.steered, Object.entries(s.promoted)]));
    if (previous?.key === key) {
      const phase: DrillPhase = { ...previous.phase, name, fromS: t, toS: last ? null : times[i + 1]!, events: moments.get(t) ?? [] };
      phases.push(phase);
      previous = { key, phase };
      return;
    }
    let m = base;
    for (const state of states) m = regionDown(m, state);
    phases.push(
      measure(
        {
          name,
          fromS: t,
          toS: last ? null : times[i + 1]!,
          events: moments.get(t) ?? [],
          model: m,
          lost: outages.map((o) => o.region),
          unsteered,
          timedOut,
          downed,
          diverging,
        },
        model,
        retries,
      ),
    );
    previous = { key, phase: phases[phases.length - 1]! };
  });
  const final = phases[phases.length - 1]!;
  const result: DrillResult = {
    scenarios: [...scenarios],
    titles: scenarios.map(scenarioText),
    retries,
    phases,
    dataLoss: lossList,
    final,
  };
  if (scenarios.some((s) => s.kind === 'surge')) {
    const total = scenarios.reduce((a, s) => (s.kind === 'surge' && s.flow === undefined ? a * s.factor : a), 1);
    const limited = base.componentOrder.some((id) => base.components[id]!.rateLimit !== undefined);
    const bp = limited ? limitedBreakingPoint(base, total) : breakingPoint(analyse(base), total);
    if (bp) result.breakingPoint = { ...bp, of: scenarios.some((s) => s.kind === 'surge' && s.flow !== undefined) ? 'drilled' : 'peak' };
  }
  return result;
}

/** A breaking point before it is said what its factor multiplies. */
type BreakingPoint = Omit<NonNullable<DrillResult['breakingPoint']>, 'of'>;

/**
 * Load and thread demand grow linearly with the rates: at `total` times the peak a tier at utilization u
 * reaches 100 % at total / u, and a pool with demand d of size n runs out at total x n / d. The lowest wins.
 */
export function breakingPoint(m: Metrics, total: number): BreakingPoint | undefined {
  let best: BreakingPoint | undefined;
  const consider = (factor: number, what: BreakingPoint) => {
    if (Number.isFinite(factor) && factor > 0 && (!best || factor < best.factor)) best = what;
  };
  for (const [id, byRegion] of Object.entries(m.capacity)) {
    for (const l of Object.values(byRegion))
      if (l.utilization > 0)
        consider(total / l.utilization, { kind: 'capacity', component: id, region: l.region, factor: round(total / l.utilization, 3) });
  }
  for (const svc of Object.values(m.pools)) {
    let pooled = 0;
    for (const p of svc.pools) {
      if (p.dependency) pooled += p.demand;
      if (p.demand > 0)
        consider((total * p.size) / p.demand, {
          kind: 'pool',
          component: svc.service,
          pool: p.name,
          factor: round((total * p.size) / p.demand, 3),
        });
    }
    const shared = svc.demand - pooled;
    if (svc.threads > 0 && !svc.pools.some((p) => !p.dependency) && shared > 0)
      consider((total * (svc.threads - svc.pooledThreads)) / shared, {
        kind: 'threads',
        component: svc.service,
        factor: round((total * (svc.threads - svc.pooledThreads)) / shared, 3),
      });
  }
  return best;
}

/**
 * With rate limits, load behind a limit stops growing once the limit rejects, so the linear extrapolation
 * of breakingPoint does not hold: search for the smallest multiple of the (drilled) peak at which a tier
 * reaches 100 % or a pool runs out, by doubling then bisection on the analysed design. The limited
 * gateway itself still takes every request (rejecting costs little, not nothing), so it breaks in the end.
 */
export function limitedBreakingPoint(base: Model, total: number): BreakingPoint | undefined {
  const broken = (k: number): BreakingPoint | undefined => {
    const m = analyse(k === 1 ? base : surge(base, k));
    let worst: { id: string; region: string; u: number } | undefined;
    for (const [id, byRegion] of Object.entries(m.capacity))
      for (const l of Object.values(byRegion))
        if (l.utilization >= 1 && (!worst || l.utilization > worst.u)) worst = { id, region: l.region, u: l.utilization };
    if (worst) return { kind: 'capacity', component: worst.id, region: worst.region, factor: round(total * k, 3) };
    const pool = exhaustedPools(m)[0];
    if (pool)
      return pool.pool !== undefined
        ? { kind: 'pool', component: pool.service, pool: pool.pool, factor: round(total * k, 3) }
        : { kind: 'threads', component: pool.service, factor: round(total * k, 3) };
    return undefined;
  };
  if (broken(1)) return breakingPoint(analyse(base), total);
  let lo = 1;
  let hi = 2;
  while (!broken(hi)) {
    lo = hi;
    hi *= 2;
    if (hi > 1e6) return undefined;
  }
  for (let i = 0; i < 30 && (hi - lo) / hi > 1e-4; i++) {
    const mid = (lo + hi) / 2;
    if (broken(mid)) hi = mid;
    else lo = mid;
  }
  return broken(hi);
}

function round(n: number, digits = 2): number {
  if (!Number.isFinite(n)) return n;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
