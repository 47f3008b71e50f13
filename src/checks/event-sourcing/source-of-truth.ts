// event-sourcing/source-of-truth: writes append to the event store only; state stores are rebuilt from its events.
import type { Model } from '../../specfile/model.js';
import { defineCheck, ms, type Finding } from '../types.js';
import { hopSpecPath } from '../../specfile/steps.js';

type Options = Record<string, never>;

/** The event store plus every component fed from it through workers (a relay into a stream, and so on). */
export function fedFromEventStore(model: Model, store: string): Set<string> {
  const fed = new Set([store]);
  for (let grew = true; grew;) {
    grew = false;
    for (const id of model.componentOrder) {
      const c = model.components[id]!;
      if (c.kind !== 'worker' || c.consumes === undefined || !fed.has(c.consumes)) continue;
      for (const w of c.writes)
        if (!fed.has(w)) {
          fed.add(w);
          grew = true;
        }
    }
  }
  return fed;
}

/**
 * Kinds that hold state of record rather than carry messages (a queue or stream is not a state store).
 * A cache is left out: a path step cannot say whether it reads or writes, and a cache on a write path is
 * almost always a lookup (nearby drivers, a session); a cache declared in state_stores is still checked.
 */
const STATE_KINDS = new Set(['database', 'search', 'object-store', 'event-store']);
const holdsState = (model: Model, id: string): boolean => STATE_KINDS.has(model.components[id]!.kind);

export default defineCheck<Options>({
  meta: {
    id: 'event-sourcing/source-of-truth',
    topic: 'event-sourcing',
    title: 'Make the event store the only source of truth',
    concept:
      'In event sourcing the append-only log of events is the system of record; every other store is a projection that can be thrown away and rebuilt by replaying the log. ' +
      'That holds only if every change is appended as an event and nothing writes current state around the log. ' +
      'A request that writes a state store directly, even beside an append, is a dual write: when one side fails the two disagree, and a replay silently loses the change.',
    computes:
      'Write flows that reach the event store or a state store (patterns.event_sourcing.state_stores) must append to the event store and write no state store; ' +
      'a write flow that appends to the event store writes no other store of record (database, search, object store, another event store), declared as a state store or not; ' +
      'each state store must be written by a worker that consumes the event store or a stream fed from it by workers; its lag is the summed lag_ms of that worker chain plus its async replication lag.',
    sources: ['course'],
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaults: {},
    messages: {
      appends: '{{flow}} ({{rate}} writes/s) appends to {{eventStore}} and writes no state store directly',
      dualWrite:
        '{{flow}} ({{rate}} writes/s) appends to {{eventStore}} and also writes state store {{store}} directly: a dual write that can leave the two disagreeing',
      bypassesEventStore:
        '{{flow}} ({{rate}} writes/s) writes state store {{store}} without appending to {{eventStore}}: the change has no event, so a replay loses it',
      noAppend: 'no write flow ({{flows}}) appends to event store {{eventStore}}: nothing records the changes as events',
      fed: 'state store {{store}} is rebuilt from {{eventStore}} by {{chain}}, up to {{lag}} ms behind',
      notFed: 'nothing rebuilds state store {{store}} from {{eventStore}}: no worker writes it',
      fedElsewhere: 'state store {{store}} is fed by {{worker}} from {{source}}, which does not carry the events of {{eventStore}}',
    },
    hints: {
      dualWrite:
        'Ask what happens when the append succeeds and the second write fails, or the other way round. Which store should the request touch, and what should bring the other one up to date?',
      bypassesEventStore:
        'If the event log is the record, every change must exist as an event first. Follow this flow: where does its change get recorded, and could you rebuild this store from the log alone?',
      noAppend: 'Follow each write flow to the store it ends in. In event sourcing, where must every change land first?',
      notFed:
        'A state store is a projection of the events. Which component reads the events and keeps this store current? Declare it with `consumes` and `writes`.',
      fedElsewhere:
        "Trace the worker's input back to its origin: does it carry the events from the event store, or changes from somewhere else?",
    },
  },
  run({ model, metrics }) {
    const es = model.patterns.eventSourcing;
    if (!es) return [];
    const out: Finding[] = [];
    const state = new Set(es.stateStores);
    const writeFlows = model.flowOrder.map((n) => model.flows[n]!).filter((f) => f.kind === 'write');
    let appending = 0;
    for (const f of writeFlows) {
      const appends = f.path.includes(es.store);
      if (appends) appending++;
      // A flow that appends is event-sourced: any other store holding state that it writes is a dual write,
      // declared as a state store or not. Queues and streams carry messages, not state.
      const direct = f.path
        .map((hop, i) => ({ hop, i }))
        .filter(({ hop }) => hop !== es.store && (state.has(hop) || (appends && holdsState(model, hop))));
      if (!appends && !direct.length) continue; // does not touch the aggregate
      const base = { flow: f.name, rate: ms(f.rate), eventStore: es.store };
      for (const { hop, i } of direct) {
        out.push({
          status: 'fail',
          messageId: appends ? 'dualWrite' : 'bypassesEventStore',
          data: { ...base, store: hop },
          path: hopSpecPath(f, i),
          evidence: { flow: f.name, path: f.path, eventStore: es.store, stateStore: hop },
        });
      }
      if (!direct.length)
        out.push({
          status: 'pass',
          messageId: 'appends',
          data: base,
          path: hopSpecPath(f, f.path.indexOf(es.store)),
          evidence: { flow: f.name, path: f.path },
        });
    }
    if (writeFlows.length && appending === 0) {
      out.push({
        status: 'fail',
        messageId: 'noAppend',
        data: { flows: writeFlows.map((f) => f.name).join(', '), eventStore: es.store },
        path: ['patterns', 'event_sourcing', 'store'],
        evidence: { writeFlows: writeFlows.map((f) => f.name) },
      });
    }

    const fed = fedFromEventStore(model, es.store);
    es.stateStores.forEach((store, i) => {
      if (store === es.store) return;
      const writers = model.componentOrder.filter(
        (id) => model.components[id]!.kind === 'worker' && model.components[id]!.writes.includes(store),
      );
      if (!writers.length) {
        out.push({
          status: 'fail',
          messageId: 'notFed',
          data: { store, eventStore: es.store },
          path: ['patterns', 'event_sourcing', 'state_stores', i],
          evidence: { store },
        });
        return;
      }
      const outside = writers.filter((w) => {
        const c = model.components[w]!.consumes;
        return c === undefined || !fed.has(c);
      });
      for (const w of outside) {
        const source = model.components[w]!.consumes;
        out.push({
          status: 'fail',
          messageId: 'fedElsewhere',
          data: { store, worker: w, source: source ?? 'nothing (no `consumes`)', eventStore: es.store },
          path: ['components', w, source === undefined ? 'writes' : 'consumes'],
          evidence: { store, worker: w, consumes: source ?? null },
        });
      }
      if (outside.length) return;
      const s = metrics.staleness[store];
      out.push({
        status: 'pass',
        messageId: 'fed',
        data: { store, eventStore: es.store, chain: s?.chain.join(' -> ') ?? writers.join(', '), lag: ms(s?.totalMs ?? 0) },
        path: ['patterns', 'event_sourcing', 'state_stores', i],
        evidence: { store, writers, staleness: s ?? null },
      });
    });
    return out;
  },
});
