// The prompt's flows are the scenario, not knobs. Against a problem, a spec's flow named as one of the stage's
// reference flows is held to what the prompt fixes of it: its rate (no lower), its latency budget (no looser),
// where its requests come from (no region left out), its availability target (no lower), its consistency
// (strong stays strong) and how stale it may be (no staler). Without this a learner passed chat-presence's
// "sync replication does not fit 320 ms from Tokyo" by writing budget_ms 400, or by dropping Tokyo from the
// flow's origins; order-history's payment-status lookup at 1 request/s with a 2 s budget scored 100.
// A reference flow with a budget (a request users make and wait for) that the prompt names must also be in the
// spec under its name.
import { partitionKeyOf, type ReferenceFlow } from './places.js';
import type { Latency, Model, ModelFigure, ModelFlow } from './model.js';

/** Where the figures a flow is held to come from, as messages name it. */
export const PROMPT_FROM = "the stage's prompt";

/**
 * A flow field the spec set looser than the prompt, and not a number: origins, consistency; or a prompt's request
 * the spec's flow of that name no longer is: a batch job (`batch`), a path that reaches no store (`hollow`), one that
 * skips a tier the given system's request passes through (`skipped`; `used` names the tiers), or one that reaches a
 * tier only after what it calls (`behind`; `used` is the tier, `stated` what it comes after).
 */
export interface PromptHeld {
  flow: string;
  field: 'origins' | 'consistency' | 'batch' | 'hollow' | 'kind' | 'skipped' | 'behind';
  stated: string;
  used: string;
  path: (string | number)[];
  /** For skipped tiers: on the starter's flow of that name (`starter`), or tiers of the starter on a flow a stage adds (`system`). */
  from?: 'starter' | 'system';
  /** For a tier behind what it calls: beside it in a parallel group rather than after it. */
  beside?: boolean;
}

/** What holdPromptFlows needs of the spec's design besides its flows. */
export interface PromptDesign {
  /** Whether a component (by the spec's id) keeps data: a store, a cache, a queue or stream. */
  keepsData: (id: string) => boolean;
  /** The reference component a spec component stands in for (renamed, in its place), else its own id. */
  asReference: (id: string) => string;
  /**
   * What each spec worker doing a reference component's work consumes (by the reference id): a tier moved off the
   * request's path behind a queue still does the request's work, when the flow writes or publishes to that queue.
   */
  consumersOf?: (refId: string) => string[];
  /** The spec's workers new to the reference's design that consume a queue or stream (by the spec's id). */
  newWorkersOn?: (input: string) => string[];
  /** Whether a component (by the reference's id) is one of the stage's reference design. */
  known?: (refId: string) => boolean;
  /**
   * A tier's processing time (by the reference's id, else the spec's id): the problem's given, else the spec component's.
   * A merge adds the merged tier's to the service it went into.
   */
  latencyOf?: (refId: string, specId?: string) => Latency | undefined;
  /** A tier's capacity per replica, req/s (by the reference's id, else the spec's id): the problem's given, else the spec component's. */
  capacityOf?: (refId: string, specId?: string) => number | undefined;
  /** A spec component's kind. */
  kindOf?: (id: string) => string | undefined;
  /** The spec service a missing held service was merged into, the same on every flow (holdPromptFlows sets it). */
  mergeTarget?: (refId: string) => string | undefined;
  /** A component's partitions (by the spec's id), if it is partitioned. */
  partitionsOf?: (id: string) => { count: number; key: string } | undefined;
  /** Each region's share of the users, as graded (the problem's given users where it gives them). */
  users?: Record<string, number>;
}

/** A request the prompt makes that the spec has no flow for (under its name). */
export interface PromptMissing {
  flow: string;
  rate?: number;
  budgetP99?: number;
}

function held(
  figures: ModelFigure[],
  flow: string,
  field: string,
  claimed: number | undefined,
  value: number,
  path: (string | number)[],
): void {
  figures.push({
    subject: `flow ${flow}`,
    field,
    value,
    origin: 'given',
    from: PROMPT_FROM,
    ...(claimed !== undefined ? { claimed, verdict: 'contradicts-given' as const } : {}),
    path,
  });
}

/**
 * Holds each of `flows` (the spec's, resolved) to the reference flow of the same name; `defaultOrigins` are the
 * regions with users, where a flow's requests come from when neither the spec nor the reference says. Returns
 * the non-numeric fields it held and the reference's requests the spec does not have; numeric ones go to
 * `figures` (design/honest-figures fails a looser one, and every check grades with the prompt's).
 */
export function holdPromptFlows(
  flows: Record<string, ModelFlow>,
  reference: Record<string, ReferenceFlow> | undefined,
  defaultOrigins: readonly string[],
  figures: ModelFigure[],
  design: PromptDesign = { keepsData: () => true, asReference: (id) => id },
): { held: PromptHeld[]; missing: PromptMissing[] } {
  const out = { held: [] as PromptHeld[], missing: [] as PromptMissing[] };
  if (!reference) return out;
  const targets = mergeTargets(flows, reference, design);
  if (targets.size) design = { ...design, mergeTarget: (t) => targets.get(t) };
  for (const [name, ref] of Object.entries(reference)) {
    // Parts named after the request (name-direct, name-eu) are counted as its parts where an estimate sets its rate
    // (design/rates-match-estimates): each goes through its tiers. A token share through the gateway beside the
    // rest straight to the api scored 100 (review attack).
    for (const [n, g] of Object.entries(flows))
      if (n.startsWith(`${name}-`) && !Object.hasOwn(reference, n) && !g.batch) pushTierFaults(out.held, g, ref, design);
    const f = Object.hasOwn(flows, name) ? flows[name] : undefined;
    if (!f) {
      let parts: { flow: ModelFlow; rate: number }[] = [];
      let carried = carriedElsewhere(name, ref, flows, reference, defaultOrigins, design, false, parts);
      // Carried only by flows that skip a tier of the given system (renamed past the gateway: get-ad-stats as ad-stats,
      // straight from the client to the api, scored 100: review attack): those flows are the request, held to its tiers.
      if (!carried && ref.tiers?.length && !ref.batch) {
        const loose: { flow: ModelFlow; rate: number }[] = [];
        if (carriedElsewhere(name, ref, flows, reference, defaultOrigins, design, false, loose, false)) {
          for (const { flow: g } of loose) pushTierFaults(out.held, g, ref, design);
          carried = true;
          parts = loose;
        }
      }
      if (ref.budget && ref.named && !carried)
        out.missing.push({
          flow: name,
          ...(ref.rate !== undefined ? { rate: ref.rate } : {}),
          ...(ref.budget.p99 !== undefined ? { budgetP99: ref.budget.p99 } : {}),
        });
      // Split into parts none of which keeps the name: together they still carry each region's share.
      else if (carried && !ref.batch && parts.length)
        holdSplitOrigins(name, ref, parts, defaultOrigins, figures, design, [...parts[0]!.flow.specPath, 'origins']);
      continue;
    }
    const at = (...p: string[]) => [...f.specPath, ...p];
    if (f.batch && !ref.batch) {
      // A request users make, turned into a job run in one place: its rate and origins no longer apply.
      out.held.push({ flow: name, field: 'batch', stated: 'a batch job (throughput)', used: 'a request', path: at('throughput') });
      continue;
    }
    // Charging a card or sending a message is a write whatever the flow says: relabelled a read, it skipped the
    // primary, the synchronous copy and every replica's apply (chat-presence's send-message passed a sync primary
    // it fails as a write, 5,000 writes/s gone from the capacity figures: review attack).
    if (ref.kind !== undefined && f.kind !== ref.kind) {
      out.held.push({ flow: name, field: 'kind', stated: f.kind, used: ref.kind, path: at('kind') });
      f.kind = ref.kind;
    }
    // A read the reference answers from a store is answered by what keeps its data to query: a queue or stream it only
    // reaches answers nothing (a dashboard read ending at a queue, its service made the queue's worker, scored 100:
    // review attack). A read the reference serves from a log (a monitor tailing metrics-log) may read a log.
    const answers = (id: string) => design.keepsData(id) && !(f.kind === 'read' && ref.queried && carriesMessages(design, id));
    // Nor does a read end at a queue or stream where the reference's does not read a log (typeahead's shard lookups
    // made a queue's worker: the suggestions never come back).
    const last = f.path[f.path.length - 1];
    const logRead = !!ref.stores?.length && !ref.queried;
    const endsInLog = f.kind === 'read' && !logRead && last !== undefined && carriesMessages(design, last);
    if ((ref.stores?.length && !f.path.some(answers)) || endsInLog) {
      const used = (ref.stores?.length ? ref.stores : (ref.path?.slice(-1) ?? [])).join(', ');
      out.held.push({ flow: name, field: 'hollow', stated: f.path.join(', '), used, path: at('path') });
    }
    pushTierFaults(out.held, f, ref, design);
    // Split per region or tenant while one part keeps the name (search-logs for us-east, search-logs-eu): the parts
    // together are the request, so neither the kept name's rate nor its origins are held to the whole of it.
    const parts: { flow: ModelFlow; rate: number }[] = [];
    const split =
      !ref.batch &&
      (f.rate < (ref.rate ?? 0) || (ref.origins ?? defaultOrigins).some((r) => !f.origins.includes(r))) &&
      carriedElsewhere(name, ref, flows, reference, defaultOrigins, design, true, parts);
    if (split) holdSplitOrigins(name, ref, parts, defaultOrigins, figures, design, at('origins'));
    if (ref.rate !== undefined && !f.batch && !split && f.rate < ref.rate) {
      held(figures, name, 'rate', f.rate, ref.rate, at('rate'));
      f.rate = ref.rate;
    }
    for (const q of ['p50', 'p99'] as const) {
      const want = ref.budget?.[q];
      if (want === undefined) continue;
      const has = f.budget[q];
      if (has !== undefined && has <= want) continue;
      held(figures, name, `budget_ms.${q}`, has, want, at('budget_ms', q));
      f.budget[q] = want;
    }
    for (const q of ['p50', 'p99'] as const) {
      const want = ref.missBudget?.[q];
      const has = f.missBudget?.[q];
      if (want === undefined || has === undefined || has <= want) continue;
      held(figures, name, `miss_budget_ms.${q}`, has, want, at('miss_budget_ms', q));
      f.missBudget![q] = want;
    }
    if (ref.availability !== undefined && (f.availability === undefined || f.availability < ref.availability)) {
      held(figures, name, 'availability', f.availability, ref.availability, at('availability'));
      f.availability = ref.availability;
    }
    holdScatter(f, ref, figures, design);
    if (ref.strong && f.consistency !== 'strong') {
      out.held.push({ flow: name, field: 'consistency', stated: f.consistency, used: 'strong', path: at('consistency') });
      f.consistency = 'strong';
      delete f.maxStalenessMs;
    } else if (ref.maxStalenessMs !== undefined && f.consistency !== 'strong') {
      // Only a stated staleness: none stated is not looser (a consensus store then serves the read at its leader).
      const has = f.maxStalenessMs;
      if (has !== undefined && has > ref.maxStalenessMs) {
        held(figures, name, 'max_staleness_ms', has, ref.maxStalenessMs, at('max_staleness_ms'));
        f.maxStalenessMs = ref.maxStalenessMs;
      }
    }
    if (!f.batch && !ref.batch && !split) {
      const want = ref.origins ?? defaultOrigins;
      const left = want.filter((r) => !f.origins.includes(r));
      if (left.length) {
        out.held.push({
          flow: name,
          field: 'origins',
          stated: f.origins.join(', '),
          used: [...f.origins, ...left].join(', '),
          path: at('origins'),
        });
        f.origins = [...f.origins, ...left];
      }
    }
  }
  return out;
}

/**
 * How the spec's flow falls short of the tiers the given system's request passes through (ref.tiers):
 * - `skipped`: reached neither itself nor by a stand-in. A service may be merged into another service on the path
 *   that stands for none of the held tiers (one links service for links-api and redirect-api: the hop, its threads
 *   and its load are still counted), one for one, or its work moved behind a queue or stream the flow writes that
 *   the reference's request does not (the worker consuming it stands in). A gateway or load balancer, where requests
 *   enter, can be neither; and a worker reading the flow's own database or log (change data capture) is not the
 *   request's tier. Deleting payments' gateway, or re-declaring it a worker on payments-db, scored 100 (attack run).
 * - `behind`: reached only after something it calls in the reference's request (a gateway after the database or in
 *   a branch after the api holds no thread while the rest runs). A service is held in front of the stores and third
 *   parties it calls, not in an order among services (a pre-trade risk check first is a layout of its own).
 */
function tierFaults(
  f: ModelFlow,
  ref: ReferenceFlow,
  design: PromptDesign,
): { skipped: string[]; behind: { tier: string; after: string; beside?: boolean }[]; merges: { tier: string; at: number }[] } {
  const out = {
    skipped: [] as string[],
    behind: [] as { tier: string; after: string; beside?: boolean }[],
    merges: [] as { tier: string; at: number }[],
  };
  if (!ref.tiers?.length) return out;
  const seq = f.path.map(design.asReference);
  const held = new Set(ref.tiers);
  const own = new Set(ref.stores ?? []);
  const queued = new Set<string>();
  const wrote = (id: string) => {
    if (carriesMessages(design, id) && !own.has(design.asReference(id))) queued.add(id);
  };
  f.path.forEach(wrote);
  for (const p of f.publishes ?? []) if (p.stream !== undefined) wrote(p.stream);
  // Services of the reference's design on the path (or standing in for one): each may be the one a missing held service
  // was merged into, one for one (order-router into order-service, app-api's routing into report-service: the stages'
  // own hints). Not a new service placed where nothing stood, with the best figures of its kind.
  // The merged service does the missing one's work too: that service's processing is added to its hop on this flow
  // (merges), so a merge saves the network hop and its threads' second wait, not the work (risk-service's 2 ms into
  // order-service's 1 ms kept 1 ms: review attack).
  const spares: number[] = [];
  const seen = new Set<string>();
  f.path.forEach((id, i) => {
    if (design.kindOf?.(id) !== 'service' || !(design.known?.(seq[i]!) ?? false) || seen.has(id)) return;
    seen.add(id);
    spares.push(i);
  });
  // A gateway or load balancer of its own (gateway-eu beside gateway-us, on a part split per region) is the entry a
  // missing one was merged into, where it enters the request: first on the path, behind nothing but the edge.
  const edge = (id: string) => ['cdn', 'cache', 'client'].includes(design.kindOf?.(id) ?? '');
  const firstCalled = f.path.findIndex((id) => !edge(id));
  // Of the missing one's kind: a gateway of its own is held to the best gateway the problem gives, a load balancer in a
  // gateway's place would bring a load balancer's lighter figures (a per-region part through a new one scored 100).
  const entryKind = firstCalled !== -1 && !held.has(seq[firstCalled]!) ? design.kindOf?.(f.path[firstCalled]!) : undefined;
  let entries = isEntry(entryKind) ? 1 : 0;
  const code = new Set(ref.code ?? []);
  const path = ref.path ?? [];
  const byWorker = new Set<string>();
  for (const t of ref.tiers) {
    const at = seq.indexOf(t);
    const service = ref.tierKinds?.[t] === 'service';
    if (at === -1) {
      // Its work behind a queue the flow writes, whose worker does it: not also merged into a service on the path (the
      // worker and a service both charged for order-router's work: review). Only on a write: a read that never reaches
      // what answers it has no answer (a dashboard queued).
      if (service && f.kind === 'write') {
        if ((design.consumersOf?.(t) ?? []).some((input) => queued.has(input))) continue;
        // Or a worker of the design's own on such a queue (router-worker on route-queue for order-router), one for one.
        const worker = [...queued].flatMap((q) => design.newWorkersOn?.(q) ?? []).find((w) => !byWorker.has(w));
        if (worker !== undefined) {
          byWorker.add(worker);
          continue;
        }
      }
      if (service && spares.length) {
        // Into the service it went into on every flow (mergeTargets), else the spare nearest to its place in the
        // reference's path.
        const want = path.indexOf(t);
        const dist = (i: number) => Math.abs((path.indexOf(seq[i]!) + 1 || Number.MAX_SAFE_INTEGER) - 1 - want);
        const target = design.mergeTarget?.(t);
        const fixed = target === undefined ? -1 : spares.findIndex((i) => f.path[i] === target);
        const k = fixed !== -1 ? fixed : spares.reduce((best, i, j) => (dist(i) < dist(spares[best]!) ? j : best), 0);
        out.merges.push({ tier: t, at: spares[k]! });
        spares.splice(k, 1);
      } else if (!service && entries > 0 && (ref.tierKinds?.[t] ?? entryKind) === entryKind) entries--;
      else out.skipped.push(t);
      continue;
    }
    const after = new Set(path.slice(path.indexOf(t) + 1).filter((id) => id !== t && !(service && code.has(id))));
    const before = seq.slice(0, at).find((id) => after.has(id));
    if (before !== undefined) {
      out.behind.push({ tier: t, after: before });
      continue;
    }
    // Beside what it calls, in another branch of a parallel group, it does not wait for it either.
    const g = f.hops?.[at]?.group;
    const beside = g
      ? seq.find((id, j) => after.has(id) && f.hops?.[j]?.group?.step === g.step && f.hops[j].group.branch !== g.branch)
      : undefined;
    if (beside !== undefined) out.behind.push({ tier: t, after: beside, beside: true });
  }
  return out;
}

/**
 * For each held service that flows of the spec go without: the one service it was merged into, on all of them. A
 * service of the reference's design on the path of every such flow (order-router, missing from place-order and
 * cancel-order, into order-service, the service both keep), the one nearest its place in the reference's path where
 * several are. Chosen per flow, order-router went into compliance-service on one and order-service on the other, and
 * a learner who sized order-service for it failed (review). None where no service is on every flow: each flow then
 * merges into its own nearest.
 */
function mergeTargets(
  flows: Record<string, ModelFlow>,
  reference: Record<string, ReferenceFlow>,
  design: PromptDesign,
): Map<string, string> {
  const common = new Map<string, { candidates: Set<string>; path: readonly string[] }>();
  for (const [name, ref] of Object.entries(reference)) {
    if (!ref.tiers?.length) continue;
    for (const [n, f] of Object.entries(flows)) {
      if (n !== name && !(n.startsWith(`${name}-`) && !Object.hasOwn(reference, n))) continue;
      const seq = f.path.map(design.asReference);
      for (const t of ref.tiers) {
        if (ref.tierKinds?.[t] !== 'service' || seq.includes(t)) continue;
        const here = new Set(f.path.filter((id, i) => design.kindOf?.(id) === 'service' && (design.known?.(seq[i]!) ?? false)));
        const seen = common.get(t);
        if (!seen) common.set(t, { candidates: here, path: ref.path ?? [] });
        else for (const id of seen.candidates) if (!here.has(id)) seen.candidates.delete(id);
      }
    }
  }
  const out = new Map<string, string>();
  for (const [t, { candidates, path }] of common) {
    if (!candidates.size) continue;
    const want = path.indexOf(t);
    const dist = (id: string) => Math.abs((path.indexOf(design.asReference(id)) + 1 || Number.MAX_SAFE_INTEGER) - 1 - want);
    out.set(
      t,
      [...candidates].reduce((best, id) => (dist(id) < dist(best) ? id : best)),
    );
  }
  return out;
}

/** The flows whose tiers were judged (and merges applied) once. */
const judged = new WeakSet<ModelFlow>();

/** Whether a spec component is a queue or a stream (a worker behind one does a service's work for a write). */
const carriesMessages = (design: PromptDesign, id: string): boolean => {
  const kind = design.kindOf?.(id);
  return kind === 'queue' || kind === 'stream';
};

/** A gateway or load balancer: where requests enter. */
const isEntry = (kind: string | undefined): boolean => kind === 'gateway' || kind === 'load-balancer';

/** Adds a flow's tier faults (tierFaults) to `held`, once per flow. */
function pushTierFaults(held: PromptHeld[], f: ModelFlow, ref: ReferenceFlow, design: PromptDesign): void {
  if (judged.has(f)) return;
  judged.add(f);
  const { skipped, behind, merges } = tierFaults(f, ref, design);
  // A merged service does the work of the one merged into it: this flow spends both processing times there.
  for (const m of merges) {
    const extra = design.latencyOf?.(m.tier);
    const own = f.hops?.[m.at]?.latency ?? design.latencyOf?.(design.asReference(f.path[m.at]!), f.path[m.at]);
    if (!extra || !own) continue;
    f.hops ??= f.path.map((component, i) => ({ component, fanout: 1, specPath: [...f.specPath, 'path', i] }));
    const hop = f.hops[m.at]!;
    hop.latency = { p50: own.p50 + extra.p50, p99: own.p99 + extra.p99 };
    // And its capacity: a call there takes its own share of a replica plus the merged one's, counted in its own
    // requests (order-service at 4,000/s doing order-router's 5,000/s work too: 1 + 0.8 of a request).
    const ownCap = design.capacityOf?.(design.asReference(f.path[m.at]!), f.path[m.at]);
    const extraCap = design.capacityOf?.(m.tier);
    if (ownCap && extraCap && Number.isFinite(ownCap) && Number.isFinite(extraCap))
      (hop.merged ??= []).push({ component: m.tier, work: ownCap / extraCap });
  }
  const path = [...f.specPath, 'path'];
  if (skipped.length)
    held.push({
      flow: f.name,
      field: 'skipped',
      stated: f.path.join(', '),
      used: skipped.join(', '),
      path,
      from: ref.tiersFrom ?? 'starter',
    });
  for (const b of behind)
    held.push({ flow: f.name, field: 'behind', stated: b.after, used: b.tier, path, ...(b.beside ? { beside: true } : {}) });
}

/**
 * Whether the spec serves a reference request it does not name by other flows: renamed, split per region or
 * tenant, or merged into another. Flows of the same kind, as strict (its p99 budget, strong consistency,
 * availability target), reaching one of the stores it reaches (by the spec's id or the one it stands in for),
 * carry its rate between them from all of its origins: a flow the reference also has counts only for what it
 * carries beyond its own reference rate. A rate an estimate sets: any such flow. With `withOwn`, the flow of that
 * name counts too, with all it carries (one part of a split that kept the name; its own figures are held apart),
 * and the other parts must take its path.
 */
function carriedElsewhere(
  name: string,
  ref: ReferenceFlow,
  flows: Record<string, ModelFlow>,
  reference: Record<string, ReferenceFlow>,
  defaultOrigins: readonly string[],
  design: PromptDesign,
  withOwn = false,
  parts?: { flow: ModelFlow; rate: number }[],
  throughTiers = true,
): boolean {
  const stores = new Set(ref.stores ?? []);
  let carried = 0;
  let any = false;
  const from = new Set<string>();
  // The other parts of a split that kept the name do what it does: the same calls, publishing the same way (a
  // part that skips the card network or the outbox is a decoy, not a share of the request).
  const own = withOwn ? flows[name] : undefined;
  // By the reference's ids, any gateway or load balancer one entry: a part through its region's own gateway (gateway-eu
  // beside gateway-us) takes the same path.
  const step = (id: string) => (isEntry(design.kindOf?.(id)) ? '(entry)' : design.asReference(id));
  const shape = (f: ModelFlow) =>
    JSON.stringify([f.path.map(step), (f.publishes ?? []).map((p) => [p.hop, design.asReference(p.store), p.via, p.stream])]);
  const ownShape = own ? shape(own) : undefined;
  for (const f of Object.values(flows)) {
    if (ownShape !== undefined && f.name !== name && shape(f) !== ownShape) continue;
    if (f.name === name && withOwn && !f.batch) {
      carried += f.rate;
      parts?.push({ flow: f, rate: f.rate });
      for (const o of f.origins) from.add(o);
      continue;
    }
    if (f.name === name || f.kind !== ref.kind || f.batch) continue;
    // As strict as the request it carries: its budget, its consistency, its availability target.
    if (ref.budget?.p99 !== undefined && !(f.budget.p99 !== undefined && f.budget.p99 <= ref.budget.p99)) continue;
    if (ref.strong && f.consistency !== 'strong') continue;
    if (ref.availability !== undefined && !(f.availability !== undefined && f.availability >= ref.availability)) continue;
    if (stores.size && !f.path.some((id) => stores.has(design.asReference(id)))) continue;
    // Through the given system's tiers: a part that skips the gateway is not a share of the request.
    if (throughTiers) {
      const faults = tierFaults(f, ref, design);
      if (faults.skipped.length || faults.behind.length) continue;
    }
    const own = Object.hasOwn(reference, f.name) ? reference[f.name]!.rate : undefined;
    if (own !== undefined) carried += Math.max(0, f.rate - own);
    else {
      carried += f.rate;
      any = true;
    }
    parts?.push({ flow: f, rate: own !== undefined ? Math.max(0, f.rate - own) : f.rate });
    for (const o of f.origins) from.add(o);
  }
  // Between them, from every region its requests come from.
  if (!(ref.origins ?? defaultOrigins).every((o) => from.has(o))) return false;
  return ref.rate !== undefined ? carried >= ref.rate * (1 - 1e-9) : any;
}

/** The prompt's overall targets (requirements) a spec may not loosen: availability no lower, RTO, RPO and staleness no longer. */
export function holdPromptRequirements(
  req: Model['requirements'],
  reference: Model['requirements'] | undefined,
  figures: ModelFigure[],
): void {
  if (!reference) return;
  const push = (field: string, claimed: number | undefined, value: number) =>
    figures.push({
      subject: 'requirements',
      field,
      value,
      origin: 'given',
      from: PROMPT_FROM,
      ...(claimed !== undefined ? { claimed, verdict: 'contradicts-given' as const } : {}),
      path: ['requirements', field],
    });
  if (reference.availability !== undefined && (req.availability === undefined || req.availability < reference.availability)) {
    push('availability', req.availability, reference.availability);
    req.availability = reference.availability;
  }
  const longest = [
    ['rtoS', 'rto_s'],
    ['rpoS', 'rpo_s'],
    ['maxStalenessMs', 'max_staleness_ms'],
  ] as const;
  for (const [key, field] of longest) {
    const want = reference[key];
    if (want === undefined) continue;
    const has = req[key];
    // As for a flow, only a stated staleness is held; a missing RTO or RPO is graded with the prompt's.
    if (has !== undefined ? has <= want : key === 'maxStalenessMs') continue;
    push(field, has, want);
    req[key] = want;
  }
}

/**
 * A query the prompt makes of a partitioned store reads as many partitions as the reference's does, while the spec
 * keeps the store's partition key: not by that key, it reads every partition (the spec's count of them), else the
 * reference's number. The partition key decides the scatter, not the path as written: proximity-search's nearby
 * query with `fanout: 9` deleted, its index still keyed by geohash cell, read one cell. A spec that partitions by
 * another key has changed the design, and its own fan-out stands (whether a free-text key serves the query is not
 * judged: metrics-ingestion's panel query, which the reference reads by its own key, is left to the problem).
 */
function holdScatter(f: ModelFlow, ref: ReferenceFlow, figures: ModelFigure[], design: PromptDesign): void {
  if (!ref.scatter || !design.partitionsOf || f.batch) return;
  f.path.forEach((id, i) => {
    const want = ref.scatter![design.asReference(id)];
    const parts = want ? design.partitionsOf!(id) : undefined;
    if (!want || !parts || partitionKeyOf(parts.key) !== want.key) return;
    const need = Math.min(want.all ? parts.count : want.fanout, parts.count);
    f.hops ??= f.path.map((component, k) => ({ component, fanout: 1, specPath: [...f.specPath, 'path', k] }));
    const hop = f.hops[i];
    if (!hop || hop.group || hop.fanout >= need) return;
    figures.push({
      subject: `flow ${f.name}`,
      field: `fanout to ${id}`,
      value: need,
      origin: 'given',
      from: `${PROMPT_FROM}: partitioned by ${parts.key}, the query reads ${want.all ? 'every partition' : `${need} of its ${parts.count} partitions`}`,
      claimed: hop.fanout,
      verdict: 'contradicts-given',
      path: hop.specPath,
    });
    hop.fanout = need;
  });
}

/**
 * The parts of a prompt's request split per region (suggest-us, suggest-eu) carry, from each region, its users'
 * share of the request: where the users are is a given, and splitting the flow must not restate it (typeahead's
 * 30,000 suggestions/s at 70/30, split into two halves of 15,000 from one region each, sized us-east for 15,000
 * instead of 21,000: review). A region the parts together carry less from is a figure design/honest-figures fails.
 */
function holdSplitOrigins(
  name: string,
  ref: ReferenceFlow,
  parts: readonly { flow: ModelFlow; rate: number }[],
  defaultOrigins: readonly string[],
  figures: ModelFigure[],
  design: PromptDesign,
  path: (string | number)[],
): void {
  const users = design.users;
  // The prompt's rate, or where an estimate stage sets it (design/rates-match-estimates holds that), the parts' total.
  const rate = ref.rate ?? parts.reduce((a, p) => a + p.rate, 0);
  if (!users || !(rate > 0)) return;
  const shareOver = (origins: readonly string[]) => {
    const total = origins.reduce((a, o) => a + (users[o] ?? 0), 0);
    return (o: string) => (total > 0 ? (users[o] ?? 0) / total : 1 / origins.length);
  };
  const want = ref.origins ?? defaultOrigins;
  const wantShare = shareOver(want);
  const carried = new Map<string, number>();
  for (const { flow, rate } of parts) {
    const share = shareOver(flow.origins);
    for (const o of flow.origins) carried.set(o, (carried.get(o) ?? 0) + rate * share(o));
  }
  for (const o of want) {
    const need = rate * wantShare(o);
    const has = carried.get(o) ?? 0;
    if (has >= need * (1 - 1e-6)) continue;
    figures.push({
      subject: `flow ${name}`,
      field: `rate from ${o}`,
      value: Math.round(need * 100) / 100,
      origin: 'given',
      from: `${PROMPT_FROM}: its users' share of ${name}, split across ${parts.map((p) => p.flow.name).join(', ')}`,
      claimed: Math.round(has * 100) / 100,
      verdict: 'contradicts-given',
      path,
    });
  }
}
