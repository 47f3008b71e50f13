// Where the problem's named components stand, and which of a spec's components stand there instead.
// A problem's figures are keyed by component id; a learner who renames sale-api to sale-svc and keeps it
// between the gateway and inventory-db on flow buy has not built another service, only renamed it. The
// problems layer records each named component's places from the stage's reference design (the flow, and
// the components just before and after it); a component the givens do not name that takes the place of a
// named one the spec leaves out is that component, and takes its givens (standIns below, used by resolve).
import type { Givens } from './givens.js';
import { figureClass } from './givens.js';
import type { PathStep } from './spec-types.js';

/**
 * One place of a named component in the reference: a flow and its neighbours on that flow's path, or, for
 * a worker, the queue or stream it consumes (a consumer is on no path).
 */
export type GivenPlace = { flow: string; before?: string; after?: string } | { consumes: string };

/** What a spec's component stands in for: the named component, and where it takes its place ("on flow buy"). */
export interface StandIn {
  of: string;
  where: string;
}

/**
 * What may stand in for what: whatever runs requests (a service, a worker, a gateway, a load balancer) can
 * take another's place, since declaring a renamed service a gateway is itself the trick; so can the stores
 * that answer reads (a database, an event store, a search index, a cache: a "cache" in a database's place is
 * that database). Object stores, queues, streams and third parties keep their kind.
 */
function placeClass(kind: string): string {
  if (kind === 'service' || kind === 'worker' || kind === 'gateway' || kind === 'load-balancer') return 'runs-code';
  if (kind === 'database' || kind === 'event-store' || kind === 'search' || kind === 'cache') return 'store';
  return figureClass(kind);
}

type Flows = Record<string, { path?: readonly PathStep[] } | undefined> | undefined;

/** The component ids a path visits, in order (a parallel group's branches one after another). */
export function pathIds(path: readonly PathStep[] | undefined): string[] {
  const out: string[] = [];
  if (!Array.isArray(path)) return out;
  const one = (s: unknown) => {
    if (typeof s === 'string') out.push(s);
    else if (s && typeof s === 'object' && typeof (s as { to?: unknown }).to === 'string') out.push((s as { to: string }).to);
  };
  for (const step of path) {
    const parallel: unknown = step && typeof step === 'object' && 'parallel' in step ? (step as { parallel: unknown }).parallel : undefined;
    if (Array.isArray(parallel)) {
      for (const branch of parallel as unknown[])
        if (Array.isArray(branch)) (branch as unknown[]).forEach(one);
        else one(branch);
    } else one(step);
  }
  return out;
}

type Components = Record<string, { kind: string; consumes?: string } | undefined>;

/** Each named component's places in a design (the reference): per flow it is on, its neighbours; what it consumes. */
export function placesIn(flows: Flows, named: ReadonlySet<string>, components?: Components): Record<string, GivenPlace[]> {
  const out: Record<string, GivenPlace[]> = {};
  for (const id of Object.keys(components ?? {})) {
    const consumes = components![id]?.consumes;
    if (named.has(id) && typeof consumes === 'string') (out[id] ??= []).push({ consumes });
  }
  for (const [flow, f] of Object.entries(flows ?? {})) {
    const ids = pathIds(f?.path);
    ids.forEach((id, i) => {
      if (!named.has(id)) return;
      const p: { flow: string; before?: string; after?: string } = { flow };
      if (i > 0) p.before = ids[i - 1]!;
      if (i + 1 < ids.length) p.after = ids[i + 1]!;
      (out[id] ??= []).push(p);
    });
  }
  return out;
}

/**
 * The spec's components that take the place of a named component: of the same class (placeClass), next to
 * the same neighbour (before or after) the named one has on a flow of the same name in a reference, while
 * the named one is not on that flow in the spec (absent, or moved off it); or, for a worker, consuming the
 * queue or stream the named one consumes, which it does not in the spec. A flow whose name no reference
 * uses is compared with every reference flow (a renamed flow). Repeated until nothing changes, so a
 * neighbour that is itself a stand-in counts as the component it stands for (sale-svc then stock-db, for
 * sale-api then inventory-db). The most matching neighbours win; a tie goes to the named one listed first.
 */
export function standIns(
  components: Record<string, { kind: string; consumes?: string }>,
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
  const places = givens.placesOf();
  const candidates: string[] = [];
  for (const id of Object.keys(places)) if (Object.hasOwn(named, id) && named[id]!.kind !== undefined) candidates.push(id);
  if (!candidates.length) return out;
  const referenceFlows = new Set<string>();
  for (const id of candidates) for (const p of places[id]!) if ('flow' in p) referenceFlows.add(p.flow);
  const paths = Object.entries(flows ?? {}).map(([name, f]) => {
    const ids = pathIds(f?.path);
    return { name, ids, on: new Set(ids), renamed: !referenceFlows.has(name) };
  });
  const consumed = (n: string) => (Object.hasOwn(components, n) ? components[n]!.consumes : undefined);
  const as = (id: string | undefined) => (id === undefined ? undefined : (out.get(id)?.of ?? id));
  for (let changed = true; changed;) {
    changed = false;
    for (const id of Object.keys(components)) {
      if (Object.hasOwn(named, id) || out.has(id)) continue;
      const cls = placeClass(components[id]!.kind);
      let best: StandIn | undefined;
      let bestScore = 0;
      for (const n of candidates) {
        if (placeClass(named[n]!.kind!) !== cls) continue;
        let score = 0;
        let where = '';
        for (const p of places[n]!) {
          if ('consumes' in p) {
            const mine = components[id]!.consumes;
            if (mine !== undefined && as(mine) === p.consumes && consumed(n) !== p.consumes) {
              if (!where) where = `consuming ${mine}`;
              score++;
            }
            continue;
          }
          for (const { name, ids, on, renamed } of paths) {
            if ((name !== p.flow && !renamed) || on.has(n)) continue;
            for (let j = 0; j < ids.length; j++) {
              if (ids[j] !== id) continue;
              const hits =
                (p.before !== undefined && as(ids[j - 1]) === p.before ? 1 : 0) +
                (p.after !== undefined && as(ids[j + 1]) === p.after ? 1 : 0);
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
        changed = true;
      }
    }
  }
  return out;
}
