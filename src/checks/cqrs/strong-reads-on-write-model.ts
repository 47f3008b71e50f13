// cqrs/strong-reads-on-write-model: reads that must see the latest write are served by the write model,
// never by an eventually consistent read model.
import type { Model } from '../../specfile/model.js';
import { chainText } from '../staleness.js';
import { defineCheck, ms, type Finding } from '../types.js';
import { hopSpecPath } from '../../specfile/steps.js';

type Options = Record<string, never>;

/** Stores that lag behind the writes: the declared CQRS query stores and every store with role read-model. */
export function queryStores(model: Model): Set<string> {
  const out = new Set(model.patterns.cqrs?.queries ?? []);
  for (const id of model.componentOrder) if (model.components[id]!.role === 'read-model') out.add(id);
  return out;
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
      "For each read flow with consistency strong (or listed in workload.strong_reads): the hops on its path that are query stores (patterns.cqrs.queries or role read-model) fail; the read model's lag is its slowest chain of feeding workers (sum of lag_ms) plus its async replication lag when it serves more than one region.",
    sources: ['course', 'awsDr'],
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaults: {},
    messages: {
      readsWriteModel: '{{flow}} must be strongly consistent and reads {{store}}, the write model',
      readsReadModel: '{{flow}} must be strongly consistent but reads {{store}}, a read model {{behind}}',
      readsNeither:
        '{{flow}} must be strongly consistent but reads none of the write-model stores ({{writeModel}}): nothing shows it sees the latest write',
    },
    hints: {
      readsReadModel:
        'Ask what happens if this read returns a value from before the latest write: a double spend, an oversold item? Trace where the latest committed state lives and which stores only catch up later.',
      readsNeither: "List which store holds the latest committed state for this data, and check the flow's path reaches it.",
    },
  },
  run({ model, metrics }) {
    const strong = model.flowOrder.map((n) => model.flows[n]!).filter((f) => f.kind === 'read' && f.consistency === 'strong');
    const queries = queryStores(model);
    if (!strong.length || (!model.patterns.cqrs && queries.size === 0)) return [];
    const writeModel = writeModelStores(model);
    const out: Finding[] = [];
    for (const flow of strong) {
      const stale = flow.path.map((hop, i) => ({ hop, i })).filter(({ hop }) => queries.has(hop));
      for (const { hop, i } of stale) {
        const s = metrics.staleness[hop];
        const behind = s
          ? `${Number.isFinite(s.totalMs) ? `up to ${ms(s.totalMs)} ms` : 'ever further'} behind the writes (${chainText(s, (w) => model.components[w]?.lagMs ?? 0)}${s.replicationLagMs ? ` + async replication ${ms(s.replicationLagMs)} ms` : ''})`
          : 'that no worker keeps in step with the writes';
        out.push({
          status: 'fail',
          messageId: 'readsReadModel',
          data: { flow: flow.name, store: hop, lag: s ? ms(s.totalMs) : 'unknown', behind },
          path: hopSpecPath(flow, i),
          evidence: { flow: flow.name, store: hop, hop: i, staleness: s ?? null },
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
    return out;
  },
});
