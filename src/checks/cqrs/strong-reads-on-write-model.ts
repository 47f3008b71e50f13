// cqrs/strong-reads-on-write-model: reads that must see the latest write are served by the write model,
// never by an eventually consistent read model.
import type { Model } from '../../specfile/model.js';
import { chainText, laggingStores, projectionText } from '../staleness.js';
import { defineCheck, ms, type Finding } from '../types.js';
import { hopSpecPath } from '../../specfile/steps.js';

type Options = Record<string, never>;

/**
 * Stores that lag behind the writes: read models as their writers make them (role read-model, CQRS query stores no
 * write flow writes) and projections, stores only workers write whatever their label (checks/staleness.ts).
 */
export function queryStores(model: Model): Set<string> {
  return laggingStores(model);
}

/** Stores that hold the latest committed write: the CQRS command store, the event store, role write stores, plain databases. */
export function writeModelStores(model: Model): Set<string> {
  const out = new Set<string>();
  if (model.patterns.cqrs) out.add(model.patterns.cqrs.commands);
  if (model.patterns.eventSourcing) out.add(model.patterns.eventSourcing.store);
  const queries = queryStores(model);
  for (const id of model.componentOrder) {
    const c = model.components[id]!;
    if (queries.has(id)) continue;
    if (c.role === 'write' || (c.role === 'both' && (c.kind === 'database' || c.kind === 'event-store'))) out.add(id);
  }
  return out;
}

export default defineCheck<Options>({
  meta: {
    id: 'cqrs/strong-reads-on-write-model',
    topic: 'cqrs',
    title: 'Serve strongly consistent reads from the write model, not a read model',
    concept:
      'A CQRS read model is rebuilt from the writes after the fact, so it is always a little behind: eventually consistent, by milliseconds to seconds. ' +
      'Most screens can live with that, but some reads must see the latest write: an account balance before a withdrawal, stock before confirming an order. ' +
      'Those reads belong on the write model, which is the only place the latest state is guaranteed to be.',
    computes:
      "For each read flow with consistency strong (or listed in workload.strong_reads): the hops on its path that lag the writes fail. A store lags when it is a read model (role read-model, or listed in patterns.cqrs.queries) that no write flow writes, or when only workers write it, each consuming a queue, stream or store (a projection, whatever its label); a store a write flow writes (a stateful step of its path, or where it keeps idempotency keys) holds data of record and passes, whatever its label. The lag is the slowest chain of feeding workers (sum of lag_ms, plus the wait in their queues) plus the store's async replication lag when it serves more than one region. A read flow with max_staleness_ms that reads a lagging store fails when that lag is over its bound.",
    sources: ['course', 'awsDr'],
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaults: {},
    messages: {
      readsWriteModel: '{{flow}} must be strongly consistent and reads {{store}}, the write model',
      readsReadModel: '{{flow}} must be strongly consistent but reads {{store}}, a read model {{behind}}',
      readsProjection:
        '{{flow}} must be strongly consistent but reads {{store}}, written only by {{writers}}: whatever its role says, it is a projection {{behind}}',
      readsNeither:
        '{{flow}} must be strongly consistent but reads none of the write-model stores ({{writeModel}}): nothing shows it sees the latest write',
      withinBound: '{{flow}} accepts data up to {{bound}} ms old and reads {{store}}, {{what}} at most {{lag}} ms behind the writes',
      beyondBound: '{{flow}} accepts data up to {{bound}} ms old but reads {{store}}, {{what}} {{behind}}: over its bound{{over}}',
    },
    hints: {
      readsReadModel:
        'Ask what happens if this read returns a value from before the latest write: a double spend, an oversold item? Trace where the latest committed state lives and which stores only catch up later.',
      readsProjection:
        "A store's role is what its writers make it, not what it is called. Where does the write land first, and how long until this store has it?",
      readsNeither: "List which store holds the latest committed state for this data, and check the flow's path reaches it.",
      beyondBound:
        'The flow states how old an answer may be. Add up how long a write takes to reach this store: each worker on the way, then replication. Which part would you shorten, or which store already has the write in time?',
    },
  },
  run({ model, metrics }) {
    const reads = model.flowOrder.map((n) => model.flows[n]!).filter((f) => f.kind === 'read');
    const strong = reads.filter((f) => f.consistency === 'strong');
    const queries = queryStores(model);
    const bounded = reads.filter((f) => f.maxStalenessMs !== undefined && f.path.some((h) => queries.has(h)));
    if ((!strong.length || (!model.patterns.cqrs && queries.size === 0)) && !bounded.length) return [];
    const writeModel = writeModelStores(model);
    const out: Finding[] = [];
    const behindText = (hop: string) => {
      const s = metrics.staleness[hop];
      return s
        ? `${Number.isFinite(s.totalMs) ? `up to ${ms(s.totalMs)} ms` : 'ever further'} behind the writes (${chainText(s, (w) => model.components[w]?.lagMs ?? 0)}${s.replicationLagMs ? ` + async replication ${ms(s.replicationLagMs)} ms` : ''})`
        : 'that no worker keeps in step with the writes';
    };
    for (const flow of strong) {
      const stale = flow.path.map((hop, i) => ({ hop, i })).filter(({ hop }) => queries.has(hop));
      for (const { hop, i } of stale) {
        const s = metrics.staleness[hop];
        const c = model.components[hop];
        // Called a read model (or listed as a query store): the label says it. Otherwise its writers do.
        const labelled = c?.role === 'read-model' || (model.patterns.cqrs?.queries.includes(hop) ?? false);
        const projection = !labelled ? c?.projection : undefined;
        const data = { flow: flow.name, store: hop, lag: s ? ms(s.totalMs) : 'unknown', behind: behindText(hop) };
        out.push({
          status: 'fail',
          messageId: projection ? 'readsProjection' : 'readsReadModel',
          data: projection ? { ...data, writers: projectionText(projection) } : data,
          path: hopSpecPath(flow, i),
          evidence: {
            flow: flow.name,
            store: hop,
            hop: i,
            staleness: s ?? null,
            ...(projection ? { projection, roleLabel: c?.roleLabel ?? null } : {}),
          },
        });
      }
      if (stale.length) continue;
      const hit = flow.path.findIndex((hop) => writeModel.has(hop));
      if (hit >= 0) {
        out.push({
          status: 'pass',
          messageId: 'readsWriteModel',
          data: { flow: flow.name, store: flow.path[hit]! },
          path: hopSpecPath(flow, hit),
          evidence: { flow: flow.name, store: flow.path[hit] },
        });
      } else {
        out.push({
          status: 'warn',
          messageId: 'readsNeither',
          data: { flow: flow.name, writeModel: [...writeModel].join(', ') || 'none declared' },
          path: [...flow.specPath, 'path'],
          evidence: { flow: flow.name, path: flow.path, writeModel: [...writeModel] },
        });
      }
    }
    // Bounded staleness: a read that accepts data up to max_staleness_ms old is exact to within that bound, and a
    // store that trails the writes by more cannot answer it.
    for (const flow of bounded) {
      const bound = flow.maxStalenessMs!;
      for (const [i, hop] of flow.path.entries()) {
        const s = metrics.staleness[hop];
        if (!queries.has(hop) || !s) continue;
        const c = model.components[hop];
        const labelled = c?.role === 'read-model' || (model.patterns.cqrs?.queries.includes(hop) ?? false);
        const projection = !labelled ? c?.projection : undefined;
        const evidence = { flow: flow.name, store: hop, hop: i, boundMs: bound, staleness: s };
        if (s.totalMs <= bound)
          out.push({
            status: 'pass',
            messageId: 'withinBound',
            data: { flow: flow.name, store: hop, bound: ms(bound), what: projection ? 'a projection' : 'a read model', lag: ms(s.totalMs) },
            path: hopSpecPath(flow, i),
            evidence,
          });
        else
          out.push({
            status: 'fail',
            messageId: 'beyondBound',
            data: {
              flow: flow.name,
              store: hop,
              bound: ms(bound),
              what: projection ? `a projection written only by ${projectionText(projection)},` : 'a read model',
              behind: behindText(hop),
              lag: ms(s.totalMs),
              over: Number.isFinite(s.totalMs) ? ` by ${ms(s.totalMs - bound)} ms` : '',
            },
            path: hopSpecPath(flow, i),
            evidence,
          });
      }
    }
    return out;
  },
});
