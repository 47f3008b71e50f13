// Checks a schema-valid spec for problems JSON Schema cannot express: references to unknown
// components or regions, shares that do not sum to 1, misplaced fields, impossible orderings.
import { KNOWN_REGIONS, LIMITS } from '../data/figures.js';
import type { SpecPath } from './diagnostic.js';
import { DEPRECATED_STRATEGIES } from './model.js';
import { isArea, isKnownRegion, lookupRtt } from './regions.js';
import { flattenPath, type FlatStep } from './steps.js';
import { closestMatch, listChoices } from './suggest.js';
import { withArticle } from './kind-words.js';
import { checkInterviewSemantics } from './interview-semantics.js';
import { MESH_TECH, TECH } from '../data/tech.js';
import type { ComponentKind, Spec, SpecComponent } from './types.js';

export interface SemanticProblem {
  path: SpecPath;
  key?: boolean;
  message: string;
  code: string;
  severity: 'error' | 'warning';
}

const STATEFUL: ReadonlySet<ComponentKind> = new Set(['cache', 'database', 'queue', 'stream', 'event-store', 'search', 'object-store']);
const RUNS_CODE: ReadonlySet<ComponentKind> = new Set(['service', 'gateway', 'worker']);
/** Kinds that call onward (see analysis/route.ts CALLER_KINDS): one of them must make a parallel group's calls. */
const CALLERS: ReadonlySet<ComponentKind> = new Set(['client', 'cdn', 'load-balancer', 'gateway', 'service', 'worker']);
const STORES_WITH_ROLE: ReadonlySet<ComponentKind> = new Set(['database', 'event-store', 'search', 'cache', 'object-store']);

/** Which kinds each kind-specific field applies to, and how to say it. */
export const FIELD_KINDS: Record<string, { kinds: ReadonlySet<ComponentKind>; say: string }> = {
  role: { kinds: STORES_WITH_ROLE, say: 'databases, event stores, search indexes, caches and object stores' },
  primary: { kinds: STATEFUL, say: 'stateful components (stores, queues, streams, caches)' },
  replication: { kinds: STATEFUL, say: 'stateful components (stores, queues, streams, caches)' },
  write_latency_ms: { kinds: STATEFUL, say: 'stateful components (stores, queues, streams, caches)' },
  hit_ratio: { kinds: new Set(['cache', 'cdn']), say: 'caches and CDNs' },
  rate_limit: { kinds: new Set(['gateway', 'load-balancer']), say: 'gateways and load balancers' },
  threads: { kinds: RUNS_CODE, say: 'services, gateways and workers' },
  pools: { kinds: RUNS_CODE, say: 'services, gateways and workers' },
  consumes: { kinds: new Set(['worker']), say: 'workers' },
  writes: { kinds: new Set(['worker']), say: 'workers' },
  lag_ms: { kinds: new Set(['worker']), say: 'workers' },
  partitions: { kinds: new Set(['database', 'event-store', 'search', 'cache']), say: 'databases, event stores, search indexes and caches' },
  failover: {
    kinds: new Set(['cdn', 'load-balancer', 'gateway', 'service', 'worker', ...STATEFUL]),
    say: 'deployed components (not clients or external dependencies)',
  },
};
const FIELD_KIND_RULES = Object.entries(FIELD_KINDS);

export function checkSemantics(spec: Spec): SemanticProblem[] {
  const out: SemanticProblem[] = [];
  const err = (path: SpecPath, message: string, code: string, key = false) =>
    out.push({ path, message, code, severity: 'error', ...(key ? { key } : {}) });
  const warn = (path: SpecPath, message: string, code: string) => out.push({ path, message, code, severity: 'warning' });

  const declared = spec.regions;
  const components = spec.components as Record<string, SpecComponent>;
  // Own keys only: a hop named "toString" or a flow named "constructor" must not find Object.prototype.
  const component = (name: string): SpecComponent | undefined => (Object.hasOwn(components, name) ? components[name] : undefined);
  const ids = Object.keys(components);
  const flows = spec.flows ?? {};
  const overrides = spec.network?.rtt_ms;
  const table = spec.network?.rtt_table ?? 'measured';

  const unknownComponent = (path: SpecPath, name: string, what: string) => {
    const guess = closestMatch(name, ids);
    err(
      path,
      `${what} names unknown component "${name}"${guess ? `: did you mean "${guess}"?` : `. Components: ${listChoices(ids)}`}`,
      'unknown-component',
    );
  };
  const ref = (
    path: SpecPath,
    name: string,
    what: string,
    kinds?: ReadonlySet<ComponentKind>,
    kindWords?: string,
  ): SpecComponent | undefined => {
    const c = component(name);
    if (!c) {
      unknownComponent(path, name, what);
      return undefined;
    }
    if (kinds && !kinds.has(c.kind)) err(path, `${what} must be ${kindWords}, but "${name}" is a ${c.kind}`, 'wrong-kind');
    return c;
  };
  const declaredRegion = (path: SpecPath, region: string, what: string) => {
    if (declared.includes(region)) return true;
    // A real region id (eu-west) is most likely missing from `regions`, not a typo of a declared one (us-west).
    const guess = isKnownRegion(region) ? undefined : closestMatch(region, declared);
    err(
      path,
      `${what} is in region "${region}", which the spec does not declare in \`regions\`${guess ? `: did you mean "${guess}"?` : ` (declared: ${declared.join(', ')}): add it there`}`,
      'undeclared-region',
    );
    return false;
  };

  // Regions: every region mentioned needs a round-trip figure to every other.
  const mentioned = new Map<string, SpecPath>();
  declared.forEach((r, i) => mentioned.set(r, ['regions', i]));
  for (const r of Object.keys(spec.users ?? {})) if (!mentioned.has(r)) mentioned.set(r, ['users', r]);
  for (const [name, f] of Object.entries(flows))
    f?.origins?.forEach((r, i) => {
      if (!mentioned.has(r)) mentioned.set(r, ['flows', name, 'origins', i]);
    });
  for (const [region, path] of mentioned) {
    if (isKnownRegion(region)) continue;
    const missing = [...mentioned.keys()].filter((o) => o !== region && !lookupRtt(region, o, table, overrides, 0));
    if (missing.length === 0 && mentioned.size > 1) continue;
    if (mentioned.size === 1 && overrides && Object.hasOwn(overrides, region)) continue;
    const guess = closestMatch(region, KNOWN_REGIONS);
    err(
      path,
      `unknown region "${region}"${guess ? `: did you mean "${guess}"?` : '.'} sdcoach knows ${KNOWN_REGIONS.join(', ')}; for another region, give its round trips${missing.length ? ` to ${missing.join(', ')}` : ''} under network.rtt_ms`,
      'unknown-region',
      path[0] === 'users',
    );
  }

  // Users: shares sum to 1.
  if (spec.users) {
    const sum = Object.values(spec.users).reduce<number>((a, b) => a + (b ?? 0), 0);
    if (Math.abs(sum - 1) > LIMITS.shareTolerance) {
      err(
        ['users'],
        `user shares sum to ${round(sum)}, not 1: they are fractions of all traffic (e.g. us-east: 0.6, eu-west: 0.4)`,
        'user-shares',
      );
    }
  }

  // Components.
  for (const [id, c] of Object.entries(components)) {
    if (!c) continue;
    const base: SpecPath = ['components', id];
    for (const [field, rule] of FIELD_KIND_RULES) {
      if ((c as unknown as Record<string, unknown>)[field] !== undefined && !rule.kinds.has(c.kind)) {
        err([...base, field], `"${field}" applies only to ${rule.say}; "${id}" is ${withArticle(c.kind)}`, 'field-not-for-kind', true);
      }
    }
    checkTech(id, c, base, err);
    if (c.kind === 'external' && c.regions && c.regions.length > 1) {
      warn(
        [...base, 'regions'],
        `an external dependency is one endpoint: only its first region (${c.regions[0]}) is used for network time`,
        'external-regions',
      );
    }
    const regions = c.regions ?? declared;
    c.regions?.forEach((r, i) => {
      if (c.kind === 'external') {
        if (!isKnownRegion(r) && !declared.includes(r)) {
          const guess = closestMatch(r, [...KNOWN_REGIONS, ...declared]);
          err(
            [...base, 'regions', i],
            `unknown region "${r}" for external dependency "${id}"${guess ? `: did you mean "${guess}"?` : `: use one of the spec's regions or one sdcoach knows (${KNOWN_REGIONS.join(', ')})`}`,
            'unknown-region',
          );
        }
      } else {
        declaredRegion([...base, 'regions', i], r, `component "${id}"`);
      }
    });
    if (c.primary !== undefined && !regions.includes(c.primary)) {
      err(
        [...base, 'primary'],
        `primary region "${c.primary}" is not one of "${id}"'s regions (${regions.join(', ')})`,
        'primary-not-placed',
      );
    }
    checkLatencyOrder(c.latency_ms, [...base, 'latency_ms'], err);
    checkLatencyOrder(c.write_latency_ms, [...base, 'write_latency_ms'], err);
    const fo = c.failover;
    if (fo) {
      const primary = c.primary ?? regions[0];
      if (fo.mode === 'active-passive') {
        if (!fo.standby) err([...base, 'failover'], `active-passive failover needs a \`standby\` region for "${id}"`, 'missing-standby');
        else if (declaredRegion([...base, 'failover', 'standby'], fo.standby, `the standby of "${id}"`) && fo.standby === primary) {
          err(
            [...base, 'failover', 'standby'],
            `the standby of "${id}" is in ${fo.standby}, the same region as its primary: a region outage takes both. Put the standby in another region`,
            'standby-same-region',
          );
        }
        if (fo.conflict && fo.conflict !== 'none')
          warn(
            [...base, 'failover', 'conflict'],
            'a conflict strategy only matters for active-active (one writer at a time in active-passive)',
            'unused-field',
          );
      } else {
        // Active-active detects a failed region too (health checks), then steers its users elsewhere.
        for (const f of fo.mode === 'active-active'
          ? (['standby', 'promote_s'] as const)
          : (['standby', 'detect_s', 'promote_s'] as const)) {
          if (fo[f] !== undefined)
            warn([...base, 'failover', f], `"${f}" only applies to active-passive failover (mode is ${fo.mode})`, 'unused-field');
        }
      }
      // A stateless tier's DNS record has a TTL in either mode (a standby region's failover record too).
      if (fo.steer_s !== undefined && fo.mode !== 'active-active' && (fo.mode === 'none' || STATEFUL.has(c.kind)))
        warn([...base, 'failover', 'steer_s'], `"steer_s" only applies to active-active failover (mode is ${fo.mode})`, 'unused-field');
    }
    if (c.availability !== undefined && c.replica_availability !== undefined) {
      warn(
        [...base, 'replica_availability'],
        `"${id}" states both availability (its whole deployment in a region) and replica_availability: availability is used, replica_availability ignored`,
        'unused-field',
      );
    }
    const rep = c.replication;
    if (rep && rep.lag_ms !== undefined && rep.mode !== 'async') {
      warn([...base, 'replication', 'lag_ms'], `lag_ms only applies to async replication (mode is ${rep.mode})`, 'unused-field');
    }
    for (const [pool, p] of Object.entries(c.pools ?? {})) {
      // A pool's queue is not modelled: a queued call still holds its caller, and the fluid model has no rejections.
      if (typeof p === 'object' && p?.queue !== undefined) {
        warn(
          [...base, 'pools', pool, 'queue'],
          'pool "queue" is deprecated and ignored: sdcoach does not model calls waiting for a thread; size the pool for its demand (Little\'s law) and give the call a timeout',
          'deprecated-field',
        );
      }
      if (component(pool)) continue;
      const guess = closestMatch(pool, ids);
      if (guess)
        err(
          [...base, 'pools', pool],
          `pool "${pool}" names no component: did you mean "${guess}"? (pools are keyed by the dependency they call)`,
          'unknown-component',
          true,
        );
    }
    if (c.consumes !== undefined)
      ref(
        [...base, 'consumes'],
        c.consumes,
        `"consumes" of worker "${id}"`,
        new Set(['queue', 'stream', 'event-store', 'database']),
        'a queue, stream or event store, or a database whose outbox or change log it reads',
      );
    const writes = c.writes === undefined ? [] : Array.isArray(c.writes) ? c.writes : [c.writes];
    writes.forEach((w, i) => ref(Array.isArray(c.writes) ? [...base, 'writes', i] : [...base, 'writes'], w, `"writes" of worker "${id}"`));
  }

  // A write step's publish declaration: what it names must exist and be of the right kind; whether the
  // relay really carries this store's changes to the stream is cqrs/no-dual-write's to judge (it teaches).
  const checkPublish = (
    pub: NonNullable<FlatStep['publish']>,
    at: SpecPath,
    flowKind: string,
    hop: string,
    c: SpecComponent | undefined,
  ) => {
    if (flowKind !== 'write') warn(at, 'publish applies to write steps: a read publishes nothing', 'unused-field');
    if (c && !STATEFUL.has(c.kind)) err(at, `publish goes on the step that writes a store; "${hop}" is a ${c.kind}`, 'publish-target');
    if (pub.stream !== undefined)
      ref([...at, 'stream'], pub.stream, 'publish.stream', new Set(['queue', 'stream', 'event-store']), 'a stream, queue or event store');
    else if (pub.via !== 'event-sourced' && c?.kind !== 'event-store')
      err(at, `publish via ${pub.via} needs \`stream\`: the stream or queue the change must reach`, 'missing-field');
    if (pub.relay !== undefined) ref([...at, 'relay'], pub.relay, 'publish.relay', new Set(['worker']), 'a worker');
  };

  // Fan-out on write: the step hands each item to a queue or stream whose consumer copies it into every
  // follower's timeline (the store the consumer writes); the figures must be ordered, a hybrid names where
  // readers pull the above-threshold authors from. Whether the timeline copes is scalability/fan-out-on-write's.
  const checkFanoutOnWrite = (
    fw: NonNullable<FlatStep['call']>['fanout_on_write'] & object,
    at: SpecPath,
    flowKind: string,
    stepHop: string,
    stepComponent: SpecComponent | undefined,
    publishStream: string | undefined,
  ) => {
    // Through an outbox or CDC, the post reaches the fan-out queue by the store step's publish.
    const hop = publishStream ?? stepHop;
    const c = publishStream !== undefined ? component(publishStream) : stepComponent;
    if (flowKind !== 'write') err(at, 'fanout_on_write goes on a write flow: the post that is copied to its followers', 'wrong-flow-kind');
    if (c && c.kind !== 'queue' && c.kind !== 'stream')
      err(
        at,
        `fanout_on_write goes on the step that hands the post to the fan-out workers (a queue or stream, or a store step that publishes to one), but "${hop}" is a ${c.kind}: a request cannot wait for one write per follower`,
        'fanout-target',
      );
    else if (c) {
      const consumer = Object.entries(components).find(([, w]) => w?.kind === 'worker' && w.consumes === hop);
      const writes = consumer ? [consumer[1].writes ?? []].flat() : [];
      if (!consumer || writes.length === 0)
        err(
          at,
          `fanout_on_write needs a worker that consumes "${hop}" and writes the timelines (its \`writes\`): nothing copies the post to the followers`,
          'fanout-consumer',
        );
    }
    const { mean, p99, max } = fw.followers;
    if (mean > max || (p99 !== undefined && (p99 < mean || p99 > max)))
      err(
        [...at, 'followers'],
        `followers must be ordered mean <= p99 <= max (mean ${mean}, p99 ${p99 ?? '-'}, max ${max})`,
        'followers-order',
      );
    if (fw.threshold !== undefined && fw.pull_from === undefined)
      err(at, "a hybrid (threshold) needs `pull_from`: the store readers pull the above-threshold authors' posts from", 'missing-field');
    if (fw.pull_from !== undefined) {
      ref([...at, 'pull_from'], fw.pull_from, 'fanout_on_write.pull_from', STATEFUL, 'a store');
      if (fw.threshold === undefined)
        warn([...at, 'pull_from'], 'pull_from applies to a hybrid: give the threshold above which authors are pulled', 'unused-field');
    }
    if (fw.celebrities_followed !== undefined && fw.threshold === undefined)
      warn([...at, 'celebrities_followed'], 'celebrities_followed applies to a hybrid (threshold)', 'unused-field');
  };

  // Flows.
  const wlStrong = new Set(spec.workload?.strong_reads ?? []);
  for (const [name, f] of Object.entries(flows)) {
    if (!f) continue;
    const base: SpecPath = ['flows', name];
    const calls = flattenPath(f.path);
    calls.forEach((step, i) => {
      const hop = step.component;
      const at: SpecPath = [...base, ...step.idAt];
      const c = component(hop);
      if (!c) unknownComponent(at, hop, `flow "${name}" hop ${i + 1}`);
      else if (c.kind === 'client' && i > 0)
        err(at, `a client can only be the first hop of a flow (flow "${name}" hop ${i + 1})`, 'client-not-first');
      else if (c.kind === 'client' && (step.group || step.fanout > 1 || step.latency !== undefined))
        err([...base, ...step.at], `the client "${hop}" is where the flow starts: write it as a plain id, not a call step`, 'client-step');
      else if (step.fanout > 1 && c.kind === 'cdn')
        err(
          [...base, ...step.at, 'fanout'],
          `a flow reaches the CDN "${hop}" once: fan-out is for calls a service makes to several shards or partitions`,
          'fanout-target',
        );
      const prev = calls[i - 1];
      if (prev && prev.component === hop && !step.group && !prev.group)
        err(
          at,
          `flow "${name}" visits "${hop}" twice in a row (hops ${i} and ${i + 1}): list each call once, or use fanout: N for N identical calls`,
          'repeated-hop',
        );
      if (step.latency !== undefined) checkLatencyOrder(step.latency, [...base, ...step.at, 'latency_ms'], err);
      const cs = step.call;
      if (cs?.idempotency_key !== undefined && typeof cs.idempotency_key === 'object' && cs.idempotency_key.store !== undefined) {
        ref(
          [...base, ...step.at, 'idempotency_key', 'store'],
          cs.idempotency_key.store,
          `the idempotency key store of flow "${name}" hop ${i + 1}`,
          STATEFUL,
          'a stateful component (a store)',
        );
      }
      if (cs?.concurrency !== undefined && c) {
        const mode = typeof cs.concurrency === 'string' ? cs.concurrency : cs.concurrency.mode;
        const ccAt: SpecPath = [...base, ...step.at, 'concurrency'];
        if (mode !== 'none' && !STATEFUL.has(c.kind))
          err(
            ccAt,
            `concurrency says how a write to a store stays correct, but "${hop}" is a ${c.kind}: put it on the step that writes the store`,
            'wrong-kind',
          );
        else if (mode !== 'none' && f.kind === 'read')
          warn(ccAt, `concurrency applies to writes, and flow "${name}" is a read`, 'unused-field');
        if (typeof cs.concurrency === 'object' && cs.concurrency.ttl_s !== undefined && mode !== 'atomic-hold')
          warn([...ccAt, 'ttl_s'], `ttl_s only applies to an atomic hold (mode is ${mode})`, 'unused-field');
      }
      if (step.publish) checkPublish(step.publish, [...base, ...step.at, 'publish'], f.kind, hop, c);
      if (cs?.fanout_on_write)
        checkFanoutOnWrite(cs.fanout_on_write, [...base, ...step.at, 'fanout_on_write'], f.kind, hop, c, step.publish?.stream);
      if (step.fanout === 1) {
        const raw = valueAtSteps(f.path, step.at.slice(1));
        if (raw && typeof raw === 'object' && 'fanout' in raw)
          warn([...base, ...step.at, 'fanout'], 'fanout: 1 is one call, the default: leave it out', 'unused-field');
      }
    });
    if (f.throughput) {
      const t = f.throughput;
      const tAt: SpecPath = [...base, 'throughput'];
      if (f.origins)
        err(
          [...base, 'origins'],
          `flow "${name}" is a batch flow (throughput): it starts in one region, throughput.runs_in, not from users' origins`,
          'batch-origins',
        );
      if (t.items_per_s !== undefined && (t.items !== undefined || t.window_s !== undefined))
        err(tAt, 'give the target as items_per_s, or as items in window_s, not both', 'batch-target');
      else if (t.items_per_s === undefined && (t.items === undefined || t.window_s === undefined))
        err(tAt, 'a batch target needs items_per_s, or items with window_s (the needed rate is items / window_s)', 'batch-target');
      if (t.runs_in !== undefined) declaredRegion([...tAt, 'runs_in'], t.runs_in, `batch flow "${name}"`);
    }
    f.path.forEach((step, i) => {
      if (typeof step !== 'object' || !('parallel' in step)) return;
      if (i === 0)
        err(
          [...base, 'path', i],
          `flow "${name}" starts with a parallel group: the first hop is where the request enters (a client, CDN, load balancer or gateway), and a service after it makes the parallel calls`,
          'parallel-first',
        );
      const callers = f.path
        .slice(0, i)
        .map((s) => (typeof s === 'string' ? s : 'to' in s ? s.to : undefined))
        .filter((id): id is string => id !== undefined && CALLERS.has(component(id)?.kind as ComponentKind));
      if (i > 0 && !callers.length)
        err(
          [...base, 'path', i],
          `the parallel group in flow "${name}" has no caller: put the service that makes the calls before it`,
          'parallel-no-caller',
        );
    });
    if (f.budget_ms?.p50 !== undefined && f.budget_ms.p99 !== undefined && f.budget_ms.p50 > f.budget_ms.p99) {
      err(
        [...base, 'budget_ms'],
        `the p50 budget (${f.budget_ms.p50} ms) is above the p99 budget (${f.budget_ms.p99} ms): p99 is the slow tail, so it cannot be smaller`,
        'budget-order',
      );
    }
    if (f.invariant) {
      const names = Array.isArray(f.invariant.protects) ? f.invariant.protects : [f.invariant.protects];
      const classes = Object.keys(spec.workload?.data ?? {});
      names.forEach((n, i) => {
        const at: SpecPath = Array.isArray(f.invariant!.protects)
          ? [...base, 'invariant', 'protects', i]
          : [...base, 'invariant', 'protects'];
        if (classes.includes(n)) return;
        const c = component(n);
        if (!c) {
          const guess = closestMatch(n, [...ids, ...classes]);
          err(
            at,
            `invariant of flow "${name}" protects "${n}", which is neither a component nor a data class in workload.data${guess ? `: did you mean "${guess}"?` : ''}`,
            'unknown-component',
          );
        } else if (!STATEFUL.has(c.kind))
          err(
            at,
            `invariant of flow "${name}" protects "${n}", a ${c.kind}: name the store (or data class) holding the data`,
            'wrong-kind',
          );
      });
    }
    if (f.consistency && f.kind === 'write') warn([...base, 'consistency'], 'consistency applies to read flows', 'unused-field');
    if (f.max_staleness_ms !== undefined) {
      if (f.kind === 'write') warn([...base, 'max_staleness_ms'], 'max_staleness_ms applies to read flows', 'unused-field');
      else if (f.consistency === 'strong' || wlStrong.has(name))
        warn(
          [...base, 'max_staleness_ms'],
          `flow "${name}" must read the latest write (strong consistency), so it cannot accept stale data: max_staleness_ms is ignored`,
          'unused-field',
        );
    }
  }

  // Workload.
  const wl = spec.workload;
  for (const [name, dc] of Object.entries(wl?.data ?? {})) {
    if (!dc) continue;
    dc.stores.forEach((s, i) =>
      ref(
        ['workload', 'data', name, 'stores', i],
        s,
        `"stores" of data class "${name}"`,
        STATEFUL,
        'a stateful component (store, queue, stream or cache)',
      ),
    );
    dc.residency?.forEach((r, i) => {
      if (isArea(r) || isKnownRegion(r) || declared.includes(r)) return;
      const guess = closestMatch(r, [...KNOWN_REGIONS, 'us', 'eu', 'ap', 'sa']);
      err(
        ['workload', 'data', name, 'residency', i],
        `residency "${r}" is neither an area (us, eu, ap, sa) nor a region${guess ? `: did you mean "${guess}"?` : ''}`,
        'unknown-region',
      );
    });
  }
  wl?.strong_reads?.forEach((name, i) => {
    const f = Object.hasOwn(flows, name) ? flows[name] : undefined;
    if (!f) {
      const guess = closestMatch(name, Object.keys(flows));
      err(
        ['workload', 'strong_reads', i],
        `strong_reads names unknown flow "${name}"${guess ? `: did you mean "${guess}"?` : ''}`,
        'unknown-flow',
      );
    } else if (f.kind !== 'read') {
      err(['workload', 'strong_reads', i], `strong_reads lists "${name}", which is a ${f.kind} flow: list read flows`, 'wrong-kind');
    }
  });

  // Patterns.
  const p = spec.patterns;
  if (p?.cqrs) {
    const STORE_KINDS = new Set<ComponentKind>(['database', 'event-store', 'search', 'cache', 'object-store', 'stream']);
    ref(['patterns', 'cqrs', 'commands'], p.cqrs.commands, 'cqrs.commands', STORE_KINDS, 'a store');
    const qs = Array.isArray(p.cqrs.queries) ? p.cqrs.queries : [p.cqrs.queries];
    qs.forEach((q, i) =>
      ref(
        Array.isArray(p.cqrs!.queries) ? ['patterns', 'cqrs', 'queries', i] : ['patterns', 'cqrs', 'queries'],
        q,
        'cqrs.queries',
        STORE_KINDS,
        'a store',
      ),
    );
    if (p.cqrs.projection)
      ref(['patterns', 'cqrs', 'projection'], p.cqrs.projection, 'cqrs.projection', new Set(['worker', 'service']), 'a worker or service');
  }
  if (p?.event_sourcing) {
    ref(
      ['patterns', 'event_sourcing', 'store'],
      p.event_sourcing.store,
      'event_sourcing.store',
      new Set(['event-store', 'database', 'stream']),
      'an event store, database or stream',
    );
    p.event_sourcing.state_stores?.forEach((s, i) =>
      ref(['patterns', 'event_sourcing', 'state_stores', i], s, 'event_sourcing.state_stores'),
    );
  }
  if (
    p?.mesh?.tech !== undefined &&
    p.mesh.data_plane !== undefined &&
    MESH_TECH[p.mesh.tech] &&
    MESH_TECH[p.mesh.tech]!.dataPlane !== p.mesh.data_plane
  ) {
    err(
      ['patterns', 'mesh', 'data_plane'],
      `data_plane is ${p.mesh.data_plane}, but ${p.mesh.tech} is a ${MESH_TECH[p.mesh.tech]!.dataPlane} data plane: drop data_plane or name the mesh you run`,
      'tech-data-plane',
    );
  }
  if (p?.mesh && Array.isArray(p.mesh.services)) {
    p.mesh.services.forEach((s, i) =>
      ref(
        ['patterns', 'mesh', 'services', i],
        s,
        'mesh.services',
        new Set(['service', 'gateway', 'worker']),
        'a service, gateway or worker',
      ),
    );
  }
  const strategy = p?.multi_region?.strategy;
  if (strategy !== undefined && Object.hasOwn(DEPRECATED_STRATEGIES, strategy)) {
    warn(
      ['patterns', 'multi_region', 'strategy'],
      `strategy "${strategy}" is deprecated: it means every region accepts writes and replicates asynchronously, so write "${DEPRECATED_STRATEGIES[strategy]}" (one writable region with asynchronous replicas is "single-primary")`,
      'deprecated-value',
    );
  }
  p?.bulkhead?.services?.forEach((s, i) =>
    ref(['patterns', 'bulkhead', 'services', i], s, 'bulkhead.services', RUNS_CODE, 'a service, gateway or worker'),
  );
  out.push(...checkInterviewSemantics(spec));

  return out;
}

function checkLatencyOrder(l: SpecComponent['latency_ms'], path: SpecPath, err: (p: SpecPath, m: string, c: string) => void) {
  if (l && typeof l === 'object' && l.p50 !== undefined && l.p99 !== undefined && l.p50 > l.p99) {
    err(path, `p50 (${l.p50} ms) is above p99 (${l.p99} ms): the 99th percentile cannot be faster than the median`, 'latency-order');
  }
}

/** The raw step at ['path', i, 'parallel', b, k] (without the leading 'path'). */
function valueAtSteps(path: unknown, at: SpecPath): unknown {
  let v: unknown = path;
  for (const k of at) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined;
  return v;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** `tech` must name a catalog technology of the component's kind, and `size` one of its sizes. */
function checkTech(
  id: string,
  c: SpecComponent,
  base: SpecPath,
  err: (path: SpecPath, message: string, code: string, key?: boolean) => void,
): void {
  if (c.tech === undefined) {
    if (c.size !== undefined)
      err(
        [...base, 'size'],
        `"${id}" gives a size but no tech: size picks one of a technology's sizes (e.g. tech: postgres, size: large)`,
        'size-without-tech',
        true,
      );
    return;
  }
  if (!Object.hasOwn(TECH, c.tech)) {
    const guess = closestMatch(c.tech, Object.keys(TECH));
    const fit = Object.entries(TECH)
      .filter(([, t]) => t.kinds.includes(c.kind))
      .map(([n]) => n);
    err(
      [...base, 'tech'],
      `unknown tech "${c.tech}"${guess ? `: did you mean "${guess}"?` : ''} (for a ${c.kind}: ${fit.length ? listChoices(fit) : 'none in the catalog; leave tech out'})`,
      'unknown-tech',
    );
    return;
  }
  const t = TECH[c.tech]!;
  if (!t.kinds.includes(c.kind)) {
    const fit = Object.entries(TECH)
      .filter(([, x]) => x.kinds.includes(c.kind))
      .map(([n]) => n);
    err(
      [...base, 'tech'],
      `${c.tech} is a ${t.kinds.join(' or ')}, but "${id}" is a ${c.kind}${fit.length ? ` (for a ${c.kind}: ${listChoices(fit)})` : ''}`,
      'tech-wrong-kind',
    );
  }
  if (c.size !== undefined && !Object.hasOwn(t.sizes, c.size)) {
    const guess = closestMatch(c.size, Object.keys(t.sizes));
    err(
      [...base, 'size'],
      `${c.tech} has no size "${c.size}"${guess ? `: did you mean "${guess}"?` : ''} (sizes: ${listChoices(Object.keys(t.sizes))})`,
      'unknown-size',
    );
  }
}
