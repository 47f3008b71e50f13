// Where the stage's reference components stand, and which of a spec's components stand there instead.
// A problem's figures are keyed by component id; a learner who renames sale-api to sale-svc and keeps it
// between the gateway and inventory-db on flow buy has not built another service, only renamed it. The
// problems layer reads every component's places from the stage's reference design (its neighbours per
// flow, what a worker consumes); a new component in the place of one the spec moved or left out is taken
// for it (standIns below), and resolve holds it to that one's givens, if the problem names it.
import type { Givens } from './givens.js';
import type { Model } from './model.js';
import { figureClass } from './givens.js';
import type { PathStep } from './spec-types.js';
import { flattenPath } from './steps.js';
import { dict } from './dict.js';

/**
 * One place of a named component in the reference: a flow and its neighbours on that flow's path; for a
 * worker, the queue or stream it consumes (a consumer is on no path); for what a worker writes, that worker
 * (a queue fed only through an outbox relay is on no path either).
 */
export type GivenPlace = { flow: string; before?: string; after?: string } | { consumes: string } | { writtenBy: string };

/** A worker's `writes`, one id or a list, as a list. */
function writesOf(c: { writes?: unknown } | undefined): string[] {
  const w = c?.writes;
  return typeof w === 'string' ? [w] : Array.isArray(w) ? w.filter((x): x is string => typeof x === 'string') : [];
}

/** What a spec's component stands in for: the named component, and where it takes its place ("on flow buy"). */
export interface StandIn {
  of: string;
  where: string;
}

/** Kinds that run a flow's requests on its path: a tier a request passes through (a worker is on no path). */
export const REQUEST_TIERS: ReadonlySet<string> = new Set(['service', 'gateway', 'load-balancer']);

/**
 * What may stand in for what: whatever runs requests (a service, a worker, a gateway, a load balancer) can
 * take another's place, since declaring a renamed service a gateway is itself the trick; so can the stores
 * that answer reads (a database, an event store, a search index, a cache: a "cache" in a database's place is
 * that database). Object stores, queues, streams and third parties keep their kind.
 */
function placeClass(kind: string): string {
  if (kind === 'worker' || REQUEST_TIERS.has(kind)) return 'runs-code';
  if (kind === 'database' || kind === 'event-store' || kind === 'search' || kind === 'cache') return 'store';
  return figureClass(kind);
}

/**
 * Whether a component of `kind` can take the place of the reference's `refKind` component `n`: the same class,
 * or a store (a search index, database, event store or cache) in the place of something that runs requests,
 * when that one is gone from the spec altogether. A service re-declared a search index is still the service
 * (typeahead's index-shard as `search` brought a search index's figures); a cache in front of a service
 * that is still in the spec, on this flow or another, is a cache.
 */
function canStandIn(kind: string, refKind: string, across: boolean): boolean {
  const cls = placeClass(kind);
  const refCls = placeClass(refKind);
  return cls === refCls || (across && cls === 'store' && refCls === 'runs-code');
}

type Flows =
  | Record<
      string,
      | {
          path?: readonly PathStep[];
          rate?: unknown;
          budget_ms?: unknown;
          origins?: unknown;
          throughput?: unknown;
          availability?: unknown;
          consistency?: unknown;
          max_staleness_ms?: unknown;
          miss_budget_ms?: unknown;
          kind?: unknown;
        }
      | undefined
    >
  | undefined;

/**
 * A flow of the stage's reference as the prompt gives it: its rate (absent where an earlier estimate stage
 * lets the learner's own estimate set it), its latency budget and where its requests come from. A spec's
 * flow of the same name is held to these (resolve.ts holdPromptFlows): they are the scenario, not knobs.
 */
export interface ReferenceFlow {
  rate?: number;
  budget?: { p50?: number; p99?: number };
  /** Stated in the reference; absent: the regions with users, as for any flow. */
  origins?: string[];
  /** A batch (throughput) flow: it runs in one place, it has no origins to hold. */
  batch?: boolean;
  availability?: number;
  /** Strong reads (consistency: strong, or named in the reference's workload.strong_reads). */
  strong?: boolean;
  maxStalenessMs?: number;
  /** The prompt names the flow (problems/stage-rubric.ts): a spec must have it under that name, if it has a budget. */
  named?: boolean;
  kind?: 'read' | 'write';
  missBudget?: { p50?: number; p99?: number };
  /** The components on its path that keep data (stores, caches, queues, streams), by the reference's ids. */
  stores?: string[];
  /**
   * The tiers that run its requests (services, gateways, load balancers) on its path both in the starter, the system
   * the prompt gives, and in the stage's reference, by the reference's ids: the request passes through them whatever
   * the design (resolve.ts holdPromptFlows holds a spec's flow of that name to reach each, or a stand-in for it).
   */
  tiers?: string[];
  /** It reaches a store other than a queue or stream (one that answers a query): a read of it must too. */
  queried?: boolean;
  /** Where `tiers` come from: the starter's flow of the same name, or (a flow a stage adds) the starter's tiers. */
  tiersFrom?: 'starter' | 'system';
  /**
   * The kind of each of `tiers` in the reference: a missing gateway is merged only into a gateway of its own (held to
   * the best of its kind); a service may merge into another or move behind a queue a write writes, an entry cannot.
   */
  tierKinds?: Record<string, string>;
  /** Its path's component ids in order but its caches and CDNs, by the reference's ids: a held tier stays in front of what follows it there. */
  path?: string[];
  /** The components on `path` that run code (services, gateways, load balancers, workers): a service need not precede another. */
  code?: string[];
  /**
   * The partitioned stores it scatters to, by the reference's ids: how many calls at once, the store's partition key,
   * and whether that is every partition (a query not by the key reads them all).
   */
  scatter?: Record<string, { fanout: number; key: string; all: boolean }>;
}

/**
 * A partition key as written, compared by its letters and digits only: customer_id, Customer_ID, customer-id,
 * "customer id" and customerId are one key (rewording the reference's key with a separator escaped the scatter hold).
 */
export const partitionKeyOf = (key: string): string => key.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

const finite = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** A reference's {p50, p99} (budget_ms, miss_budget_ms), its finite numbers only; undefined when it has none. */
function percentiles(v: unknown): { p50?: number; p99?: number } | undefined {
  const o = v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  const p50 = finite(o?.p50);
  const p99 = finite(o?.p99);
  if (p50 === undefined && p99 === undefined) return undefined;
  return { ...(p50 !== undefined ? { p50 } : {}), ...(p99 !== undefined ? { p99 } : {}) };
}

/** A reference's requirements section as the model names it; undefined when it states none. */
export function referenceRequirements(r: unknown): Model['requirements'] | undefined {
  const o = r && typeof r === 'object' ? (r as Record<string, unknown>) : undefined;
  const out: Model['requirements'] = {};
  const availability = finite(o?.availability);
  const rto = finite(o?.rto_s);
  const rpo = finite(o?.rpo_s);
  const stale = finite(o?.max_staleness_ms);
  if (availability !== undefined) out.availability = availability;
  if (rto !== undefined) out.rtoS = rto;
  if (rpo !== undefined) out.rpoS = rpo;
  if (stale !== undefined) out.maxStalenessMs = stale;
  return Object.keys(out).length ? out : undefined;
}

/** Kinds that keep data: a flow that reaches none of them reads or writes nothing. */
export const KEEPS_DATA: ReadonlySet<string> = new Set([
  'database',
  'event-store',
  'search',
  'cache',
  'object-store',
  'queue',
  'stream',
  'cdn',
]);

function referenceFlow(f: NonNullable<NonNullable<Flows>[string]>, components?: Components): ReferenceFlow {
  const out: ReferenceFlow = {};
  if (f.kind === 'read' || f.kind === 'write') out.kind = f.kind;
  const missBudget = percentiles(f.miss_budget_ms);
  if (missBudget) out.missBudget = missBudget;
  let ids: string[];
  try {
    ids = pathIds(f.path);
  } catch {
    ids = []; // a reference whose path is not a spec's (problem check reports it)
  }
  const stores = [...new Set(ids.filter((id) => KEEPS_DATA.has(String(components?.[id]?.kind))))];
  if (stores.length) out.stores = stores;
  if (stores.some((id) => components?.[id]?.kind !== 'queue' && components?.[id]?.kind !== 'stream')) out.queried = true;
  // What a tier calls, in order: a cache or CDN may sit in front of a tier (at the edge) without taking its place.
  const order = ids.filter((id) => components?.[id]?.kind !== 'cache' && components?.[id]?.kind !== 'cdn');
  if (order.length) out.path = order;
  const code = order.filter((id) => REQUEST_TIERS.has(String(components?.[id]?.kind)) || components?.[id]?.kind === 'worker');
  if (code.length) out.code = code;
  // Top-level fan-outs to a partitioned store: {to: tsdb, fanout: 8}.
  for (const step of Array.isArray(f.path) ? (f.path as unknown[]) : []) {
    if (!step || typeof step !== 'object' || Array.isArray(step)) continue;
    const { to, fanout } = step as { to?: unknown; fanout?: unknown };
    const parts = typeof to === 'string' ? components?.[to]?.partitions : undefined;
    const n = finite(fanout);
    if (typeof to !== 'string' || n === undefined || n <= 1 || !parts || typeof parts.key !== 'string') continue;
    const count = finite(parts.count);
    // Exactly its partitions: a query not by the key, which reads them all. More calls than partitions are keys (9 cells).
    (out.scatter ??= {})[to] = { fanout: n, key: partitionKeyOf(parts.key), all: count !== undefined && n === count };
  }
  const rate = finite(f.rate);
  if (rate !== undefined) out.rate = rate;
  const budget = percentiles(f.budget_ms);
  if (budget) out.budget = budget;
  if (Array.isArray(f.origins)) out.origins = f.origins.filter((r): r is string => typeof r === 'string');
  if (f.throughput !== undefined) out.batch = true;
  const availability = finite(f.availability);
  if (availability !== undefined) out.availability = availability;
  if (f.consistency === 'strong') out.strong = true;
  const stale = finite(f.max_staleness_ms);
  if (stale !== undefined) out.maxStalenessMs = stale;
  return out;
}

/** The component ids a path visits, in order (a parallel group's branches one after another). */
export function pathIds(path: readonly PathStep[] | undefined): string[] {
  return Array.isArray(path) ? flattenPath(path).map((c) => c.component) : [];
}

type Components = Record<
  string,
  { kind: string; consumes?: string; writes?: unknown; partitions?: { count?: unknown; key?: unknown } } | undefined
>;

/** The stage's reference design as identity needs it: every component's places, and its kind. */
export interface ReferencePlaces {
  places: Record<string, GivenPlace[]>;
  kinds: Record<string, string>;
  /** The reference's flows: what the prompt fixes of each. */
  flows?: Record<string, ReferenceFlow>;
  /** The reference's overall targets (its requirements section). */
  requirements?: Model['requirements'];
  /**
   * For each cache and CDN of the reference, what keeps data behind it on the reference's flows (the stores its
   * misses reach, by the reference's ids): the keys it caches, which its given hit ratio is a figure of.
   */
  behind?: Record<string, string[]>;
  /**
   * Facts of the workload the reference states (the prompt's, not design choices): the hottest key's share of a
   * partitioned store's traffic by store, and the longest event history of one aggregate. A spec states them no lower.
   */
  facts?: { hotKeyShare?: Record<string, number>; maxEventsPerAggregate?: number };
}

/** Every component's places in a design (the reference): per flow it is on, its neighbours; what it consumes. */
export function placesIn(flows: Flows, components?: Components): ReferencePlaces {
  const places: Record<string, GivenPlace[]> = {};
  const kinds: Record<string, string> = {};
  for (const id of Object.keys(components ?? {})) {
    const c = components![id];
    if (!c || typeof c.kind !== 'string') continue;
    kinds[id] = c.kind;
    if (typeof c.consumes === 'string') (places[id] ??= []).push({ consumes: c.consumes });
    for (const t of writesOf(c)) (places[t] ??= []).push({ writtenBy: id });
  }
  const refFlows: Record<string, ReferenceFlow> = dict();
  const behind: Record<string, string[]> = dict();
  const kindOf = (id: string) => (components && Object.hasOwn(components, id) ? components[id]?.kind : undefined);
  for (const [flow, f] of Object.entries(flows ?? {})) {
    if (f && typeof f === 'object') refFlows[flow] = referenceFlow(f, components);
    const ids = pathIds(f?.path);
    ids.forEach((id, i) => {
      const kind = kindOf(id);
      if (kind !== 'cache' && kind !== 'cdn') return;
      const list = (behind[id] ??= []);
      for (const b of ids.slice(i + 1)) if (b !== id && KEEPS_DATA.has(kindOf(b) ?? '') && !list.includes(b)) list.push(b);
    });
    ids.forEach((id, i) => {
      const p: { flow: string; before?: string; after?: string } = { flow };
      if (i > 0) p.before = ids[i - 1]!;
      if (i + 1 < ids.length) p.after = ids[i + 1]!;
      (places[id] ??= []).push(p);
    });
  }
  return { places, kinds, flows: refFlows, behind };
}

/**
 * The spec's components that take the place of one of the reference's (the stage's own design): a component
 * the reference does not have, of the same class (placeClass), next to a neighbour the reference one has on
 * a flow of the same name while that one is not on the spec's flow (absent, or moved off it); on a flow the
 * reference does not have, compared with the reference flows the spec does not have (a renamed flow); a
 * worker by the queue or stream it consumes, when the reference one does not consume it in the spec.
 * Neighbours are the nearest components the reference knows (or stand-ins for them): a new component
 * slipped in between (a shim) is seen through. Repeated until nothing changes, so a stand-in's neighbours
 * count as the components they stand for (sale-svc then stock-db, for sale-api then inventory-db; a renamed
 * queue, then the worker consuming it). The most matching neighbours win; a tie goes to the one listed
 * first. Only a component the givens name brings figures (resolve.ts); the others give identity.
 */
export function standIns(
  components: Record<string, { kind: string; consumes?: string; writes?: unknown }>,
  flows: Flows,
  givens: Givens | undefined,
): Map<string, StandIn> {
  const out = new Map<string, StandIn>();
  const named = givens?.components;
  if (!named || !givens.placesOf) return out;
  // Only a spec with a component the givens do not name can have renamed one.
  let unnamed = false;
  for (const id of Object.keys(components)) if (!Object.hasOwn(named, id)) unnamed = true;
  if (!unnamed) return out;
  const ref = givens.placesOf();
  const known = (id: string) => Object.hasOwn(ref.kinds, id);
  const candidates = Object.keys(ref.kinds).filter((id) => Object.hasOwn(ref.places, id));
  if (!candidates.length) return out;
  const referenceFlows = new Set<string>();
  for (const id of candidates) for (const p of ref.places[id]!) if ('flow' in p) referenceFlows.add(p.flow);
  const specFlows = new Set(Object.keys(flows ?? {}));
  const missingFlows = new Set([...referenceFlows].filter((f) => !specFlows.has(f)));
  const paths = Object.entries(flows ?? {}).map(([name, f]) => {
    const ids = pathIds(f?.path);
    return { name, ids, on: new Set(ids), renamed: !referenceFlows.has(name) };
  });
  const consumed = (n: string) => (Object.hasOwn(components, n) ? components[n]!.consumes : undefined);
  // Who writes each component in the spec (workers' `writes`).
  const writers = new Map<string, string[]>();
  for (const w of Object.keys(components)) for (const t of writesOf(components[w])) writers.set(t, [...(writers.get(t) ?? []), w]);
  const as = (id: string | undefined) => (id === undefined ? undefined : (out.get(id)?.of ?? id));
  /** The nearest neighbour the reference knows, seeing through new components that stand in for nothing. */
  const neighbour = (ids: string[], j: number, step: -1 | 1): string | undefined => {
    for (let k = j + step; k >= 0 && k < ids.length; k += step) {
      const id = ids[k]!;
      if (known(id) || out.has(id)) return as(id);
    }
    return undefined;
  };
  // First of its own kind; then of its own class, where no component of its kind took the place (a cache slipped
  // in front of a renamed database stays a cache: the renamed one is the database); then a store for something that
  // runs requests and is gone, where no component of its class took the place (a cache slipped in front of a renamed
  // service stays a shim).
  let sameKind: Set<string> | undefined;
  for (const pass of ['kind', 'class', 'across'] as const) {
    const across = pass === 'across';
    if (pass === 'class') sameKind = new Set([...out.values()].map((st) => st.of));
    for (let changed = true; changed;) {
      changed = false;
      const taken = across ? new Set([...out.values()].map((st) => st.of)) : sameKind;
      for (const id of Object.keys(components)) {
        if (known(id) || Object.hasOwn(named, id) || out.has(id)) continue;
        const kind = components[id]!.kind;
        let best: StandIn | undefined;
        let bestScore = 0;
        for (const n of candidates) {
          if (taken?.has(n)) continue;
          if (pass === 'kind' ? kind !== ref.kinds[n] : !canStandIn(kind, ref.kinds[n]!, across && !Object.hasOwn(components, n))) continue;
          let score = 0;
          let where = '';
          for (const p of ref.places[n]!) {
            if ('writtenBy' in p) {
              // Written by the worker (or its stand-in) that writes the reference one, which it no longer writes.
              const mine = writers.get(id) ?? [];
              const still = (writers.get(n) ?? []).some((w) => as(w) === p.writtenBy);
              if (!still && mine.some((w) => as(w) === p.writtenBy)) {
                if (!where) where = `written by ${mine.find((w) => as(w) === p.writtenBy)}`;
                score++;
              }
              continue;
            }
            if ('consumes' in p) {
              const mine = components[id]!.consumes;
              if (mine !== undefined && as(mine) === p.consumes && consumed(n) !== p.consumes) {
                if (!where) where = `consuming ${mine}`;
                score++;
              }
              continue;
            }
            for (const { name, ids, on, renamed } of paths) {
              if (on.has(n) || (renamed ? !missingFlows.has(p.flow) : name !== p.flow)) continue;
              for (let j = 0; j < ids.length; j++) {
                if (ids[j] !== id) continue;
                const hits =
                  (p.before !== undefined && neighbour(ids, j, -1) === p.before ? 1 : 0) +
                  (p.after !== undefined && neighbour(ids, j, 1) === p.after ? 1 : 0);
                if (hits && !where) where = `on flow ${name}`;
                score += hits;
              }
            }
          }
          if (score > bestScore) {
            bestScore = score;
            best = { of: n, where };
          }
        }
        if (best) {
          out.set(id, best);
          if (across) taken?.add(best.of);
          changed = true;
        }
      }
    }
  }
  return out;
}
