// Where the problem's named components stand in the stage's reference design (its solution), read once
// per stage and only when a graded spec could be renaming one (specfile/places.ts decides that). Only the
// stage's own reference: an earlier stage's places are ones a good design may have moved on from.
import { pathIds, placesIn, referenceRequirements, REQUEST_TIERS, type ReferencePlaces } from '../specfile/places.js';
import type { PathStep } from '../specfile/spec-types.js';
import { readDesign } from './design-file.js';
import type { Problem } from './problem.js';

const cache = new Map<string, ReferencePlaces>();

interface Design {
  flows?: Record<string, { path?: PathStep[] }>;
  components?: Record<string, { kind: string; consumes?: string }>;
  requirements?: Record<string, unknown>;
  strongReads?: string[];
  maxEventsPerAggregate?: number;
}

/** The flows and components of one reference, or nothing when it cannot be read (problem check reports that). */
function designOf(file: string): Design {
  const data = readDesign(file);
  if (!data) return {};
  const pick = <T>(v: unknown): T | undefined => (v && typeof v === 'object' ? (v as T) : undefined);
  const out: Design = {};
  const flows = pick<Design['flows']>(data.flows);
  const components = pick<Design['components']>(data.components);
  if (flows) out.flows = flows;
  if (components) out.components = components;
  const requirements = pick<Record<string, unknown>>(data.requirements);
  if (requirements) out.requirements = requirements;
  const strong = pick<{ strong_reads?: unknown }>(data.workload)?.strong_reads;
  if (Array.isArray(strong)) out.strongReads = strong.filter((s): s is string => typeof s === 'string');
  const events = pick<{ event_sourcing?: { max_events_per_aggregate?: unknown } }>(data.patterns)?.event_sourcing?.max_events_per_aggregate;
  if (typeof events === 'number' && Number.isFinite(events)) out.maxEventsPerAggregate = events;
  return out;
}

/** The workload facts a reference states: each partitioned store's hot key share, the longest event history. */
function factsOf(d: Design): NonNullable<ReferencePlaces['facts']> {
  const facts: NonNullable<ReferencePlaces['facts']> = {};
  for (const [id, c] of Object.entries(d.components ?? {})) {
    const share = (c as { partitions?: { hot_key_share?: unknown } })?.partitions?.hot_key_share;
    if (typeof share === 'number' && Number.isFinite(share) && share > 0) (facts.hotKeyShare ??= {})[id] = share;
  }
  if (d.maxEventsPerAggregate !== undefined) facts.maxEventsPerAggregate = d.maxEventsPerAggregate;
  return facts;
}

/**
 * Marks the tiers of the given system (the starter) each reference flow passes through, where this stage's
 * reference keeps them: on a flow the starter has, the tiers on its path there; on a flow a stage adds, the starter's
 * tiers (a settings page added to payments goes through its gateway and payments-api, as the prompt says). A spec's
 * flow that skips one (payments' gateway deleted: its hop, threads and cost gone, no check noticing) is not the
 * prompt's request. A tier only a reference adds is one way of doing the stage (a query service of its own), not the
 * prompt.
 */
function holdTiers(out: ReferencePlaces, reference: Design, starter: Design, maySkip: Record<string, Set<string>>): void {
  const starterTiers = Object.entries(starter.components ?? {})
    .filter(([, c]) => REQUEST_TIERS.has(String(c?.kind)))
    .map(([id]) => id);
  for (const [name, flow] of Object.entries(out.flows ?? {})) {
    const given = starter.flows && Object.hasOwn(starter.flows, name) ? starter.flows[name] : undefined;
    const inStarter = new Set(given ? pathIds(given.path) : starterTiers);
    const tiers = [
      ...new Set(
        pathIds(reference.flows?.[name]?.path).filter(
          (id) => inStarter.has(id) && REQUEST_TIERS.has(String(out.kinds[id])) && !maySkip[name]?.has(id),
        ),
      ),
    ];
    if (!tiers.length) continue;
    flow.tiers = tiers;
    flow.tiersFrom = given ? 'starter' : 'system';
    flow.tierKinds = Object.fromEntries(tiers.map((id) => [id, String(out.kinds[id])]));
  }
}

/** The tiers each flow may go without at stage n: what this stage's prompt and every earlier one allowed (may_skip). */
function maySkipUpTo(problem: Problem, stageNumber: number): Record<string, Set<string>> {
  const out: Record<string, Set<string>> = Object.create(null) as Record<string, Set<string>>;
  for (const stage of problem.stages.slice(0, stageNumber))
    for (const [flow, ids] of Object.entries(stage.maySkip ?? {})) for (const id of ids) (out[flow] ??= new Set()).add(id);
  return out;
}

/** Each component's places (flow, neighbour before, neighbour after; what it consumes) and kind in stage n's reference. */
export function referencePlaces(problem: Problem, stageNumber: number): ReferencePlaces {
  const file = problem.stages[stageNumber - 1]?.solution;
  if (file === undefined) return { places: {}, kinds: {} };
  const maySkip = maySkipUpTo(problem, stageNumber);
  // The same reference may serve stages that allow different skips.
  const key = `${file}\u0000${JSON.stringify(Object.entries(maySkip).map(([flow, ids]) => [flow, [...ids]]))}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const d = designOf(file);
  let out: ReferencePlaces;
  try {
    out = placesIn(d.flows, d.components);
    for (const name of d.strongReads ?? []) if (out.flows && Object.hasOwn(out.flows, name)) out.flows[name]!.strong = true;
    const requirements = referenceRequirements(d.requirements);
    if (requirements) out.requirements = requirements;
    holdTiers(out, d, designOf(problem.starter), maySkip);
    const facts = factsOf(d);
    if (facts.hotKeyShare || facts.maxEventsPerAggregate !== undefined) out.facts = facts;
  } catch {
    // A reference whose paths are not a spec's (problem check reports it) gives no places, not a crash.
    out = { places: {}, kinds: {} };
  }
  cache.set(key, out);
  return out;
}
