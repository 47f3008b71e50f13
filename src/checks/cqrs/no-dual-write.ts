// cqrs/no-dual-write: a write that must reach a store and a stream gets there through the store (outbox or CDC), never as two writes in one request.
import type { Model, ModelFlow, ModelPublish } from '../../specfile/model.js';
import { hopSpecPath } from '../../specfile/steps.js';
import { count, defineCheck, ms, type Finding } from '../types.js';

type Options = Record<string, never>;

/** Stores of record whose changes a stream may have to carry (event stores are event-sourcing/no-dual-write's). */
const STORE_KINDS = new Set(['database', 'search', 'object-store']);
/** What a request publishes to. */
const MESSAGE_KINDS = new Set(['stream', 'queue']);

/** Event stores: the kind, and the store event sourcing declares (which may be a database or a stream). */
export function eventStores(model: Model): Set<string> {
  const out = new Set(model.componentOrder.filter((id) => model.components[id]!.kind === 'event-store'));
  if (model.patterns.eventSourcing) out.add(model.patterns.eventSourcing.store);
  return out;
}

export default defineCheck<Options>({
  meta: {
    id: 'cqrs/no-dual-write',
    topic: 'cqrs',
    title: "Publish a store's changes from the store (outbox or CDC), not as a second write in the request",
    concept:
      'A request that commits to a database and then publishes to a stream makes two writes that cannot share a transaction. ' +
      'If the process crashes, times out or is redeployed between them, the row is committed and the event is never sent; nothing re-sends it, so every projection and read model built from the stream stays wrong forever, silently. ' +
      "The fix is to write once and derive the message from that write: a transactional outbox (the event is a row written in the same transaction, and a relay worker publishes the outbox rows) or change data capture (a connector tails the database's log and publishes every committed change). " +
      'Either way the stream receives each change at least once, so its consumers must be idempotent.',
    computes:
      "For each write flow that writes a database, search index or object store (flows that append to an event store are event-sourcing/no-dual-write's): every stream or queue on the same request path is a dual write. " +
      'Each `publish` on a write step is checked: outbox and cdc need a `relay` worker that `consumes` the very store the step writes (the outbox table lives in it; CDC reads its log) and `writes` the stream; event-sourced needs the step to write an event store. ' +
      'With patterns.cqrs, every write flow that changes the write model must get its change to the read models: a `publish` on its write step, or a CDC feed on that store declared by another flow (CDC captures every committed change, whoever wrote it; an outbox relay only the rows written to the outbox). ' +
      "The pass reports the relay's lag, which the read models downstream inherit.",
    sources: ['ddiaDualWrites', 'transactionalOutbox', 'debeziumCdc'],
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaults: {},
    messages: {
      published:
        '{{flow}} ({{rate}} writes/s) writes {{store}} once; {{relay}} carries each change to {{stream}} via {{via}} (lag {{lag}} ms)',
      dualWrite:
        '{{flow}} ({{rate}} writes/s) writes {{store}} and publishes to {{stream}} in the same request: a crash between the two commits the write and loses the event, and whatever is built from {{stream}} stays wrong forever',
      noRelay:
        '{{flow}} publishes from {{store}} to {{stream}} via {{via}}, but names no relay: nothing reads {{store}} and publishes to {{stream}}',
      relayWrongStore:
        '{{flow}} writes {{store}}, but its {{via}} relay {{relay}} reads {{source}}: the change committed in {{store}} never reaches {{stream}}',
      relayNotToStream:
        "{{flow}}'s {{via}} relay {{relay}} reads {{store}} but does not write {{stream}} (it writes {{targets}}): the change never reaches {{stream}}",
      notEventStore:
        '{{flow}} says its write to {{store}} is event-sourced, but {{store}} is a {{kind}}, not an event store: its rows are current state, not a log consumers can read',
      unpublished:
        '{{flow}} ({{rate}} writes/s) changes {{store}}, the CQRS write model, but declares no way for the change to reach the read models: {{why}}, so {{queries}} never show it',
    },
    hints: {
      dualWrite:
        'Imagine the process dies right after the database commit and before the publish. Which of the two holds the truth, and what would ever bring the other one up to date? Look for a way to make the request write exactly once and derive the other from it.',
      noRelay:
        'Rows in an outbox only matter if something moves them. Which component reads them and produces to the stream? Declare it as a worker and name it.',
      relayWrongStore:
        "An outbox row is written in the same transaction as the change, so it lives in the same database; a CDC connector reads one database's log. Which store does this flow actually commit to, and which one does the relay read?",
      relayNotToStream: "Follow the relay's `writes`: does it end at the stream the consumers read?",
      unpublished:
        'A read model only knows what reaches its projection. An outbox relay moves the rows a writer put in the outbox, nothing else; a CDC connector sees every committed change, whoever made it. Which one covers this writer?',
      notEventStore:
        'Event-sourced means the log of events is the record. Is this store a log that consumers can subscribe to, or a table of current rows? If it is a table, which other way gets its changes out?',
    },
  },
  run({ model }) {
    const out: Finding[] = [];
    const logs = eventStores(model);
    for (const name of model.flowOrder) {
      const f = model.flows[name]!;
      if (f.kind !== 'write' || f.path.some((h) => logs.has(h))) continue;
      const stores = f.path.map((hop, i) => ({ hop, i })).filter(({ hop }) => STORE_KINDS.has(model.components[hop]?.kind ?? ''));
      if (!stores.length) continue;
      const base = { flow: f.name, rate: count(f.rate) };
      const store = stores[0]!.hop;
      f.path.forEach((hop, i) => {
        if (!MESSAGE_KINDS.has(model.components[hop]?.kind ?? '')) return;
        out.push({
          status: 'fail',
          messageId: 'dualWrite',
          data: { ...base, store, stream: hop },
          path: hopSpecPath(f, i),
          evidence: { flow: f.name, path: f.path, store, stream: hop },
        });
      });
      for (const p of f.publishes ?? []) {
        if (logs.has(p.store)) continue;
        const finding = judgePublish(model, f, p);
        if (finding) out.push(finding);
      }
      const unpublished = unpublishedWrite(model, f);
      if (unpublished) out.push(unpublished);
    }
    return out;
  },
});

/** Stores with a CDC feed declared by some write step: every committed change to them reaches a stream. */
function cdcFeeds(model: Model): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of model.flowOrder) {
    for (const p of model.flows[name]!.publishes ?? []) {
      const relay = p.relay === undefined ? undefined : model.components[p.relay];
      if (p.via === 'cdc' && relay?.consumes === p.store && p.stream !== undefined && relay.writes.includes(p.stream))
        out.set(p.store, p.relay!);
    }
  }
  return out;
}

/** A write to the CQRS write model that nothing carries to the read models (no stream on the path, no publish, no CDC feed). */
function unpublishedWrite(model: Model, f: ModelFlow): Finding | undefined {
  const cqrs = model.patterns.cqrs;
  if (!cqrs) return undefined;
  const at = f.path.indexOf(cqrs.commands);
  if (at < 0 || !STORE_KINDS.has(model.components[cqrs.commands]?.kind ?? '')) return undefined;
  if (f.path.some((h) => MESSAGE_KINDS.has(model.components[h]?.kind ?? ''))) return undefined; // a dual write, reported above
  if ((f.publishes ?? []).some((p) => p.store === cqrs.commands)) return undefined;
  if (cdcFeeds(model).has(cqrs.commands)) return undefined;
  const outbox = model.flowOrder
    .flatMap((n) => model.flows[n]!.publishes ?? [])
    .find((p) => p.store === cqrs.commands && p.via === 'outbox' && p.relay !== undefined);
  const why = outbox
    ? `${outbox.relay} relays only the outbox rows other flows write, and this flow writes none`
    : 'it publishes to no stream and no outbox or CDC feed reads the store';
  return {
    status: 'fail',
    messageId: 'unpublished',
    data: { flow: f.name, rate: count(f.rate), store: cqrs.commands, queries: cqrs.queries.join(', '), why },
    path: hopSpecPath(f, at),
    evidence: { flow: f.name, store: cqrs.commands, outboxRelay: outbox?.relay ?? null },
  };
}

function judgePublish(model: Model, f: ModelFlow, p: ModelPublish): Finding | undefined {
  const store = model.components[p.store];
  if (!store || !STORE_KINDS.has(store.kind)) return undefined;
  const stream = p.stream ?? '(none)';
  const base = { flow: f.name, rate: count(f.rate), store: p.store, stream, via: p.via === 'cdc' ? 'CDC feed' : p.via };
  const evidence = { flow: f.name, store: p.store, via: p.via, stream: p.stream ?? null, relay: p.relay ?? null };
  if (p.via === 'event-sourced') {
    return { status: 'fail', messageId: 'notEventStore', data: { ...base, kind: store.kind }, path: [...p.specPath, 'via'], evidence };
  }
  if (p.relay === undefined) return { status: 'fail', messageId: 'noRelay', data: base, path: p.specPath, evidence };
  const relay = model.components[p.relay];
  if (!relay) return undefined; // validation reports an unknown id, or a relay that is not a worker
  if (relay.consumes !== p.store) {
    return {
      status: 'fail',
      messageId: 'relayWrongStore',
      data: { ...base, relay: p.relay, source: relay.consumes ?? 'nothing (no `consumes`)' },
      path: ['components', p.relay, 'consumes'],
      evidence,
    };
  }
  if (p.stream === undefined || !relay.writes.includes(p.stream)) {
    return {
      status: 'fail',
      messageId: 'relayNotToStream',
      data: { ...base, relay: p.relay, targets: relay.writes.join(', ') || 'nothing' },
      path: ['components', p.relay, 'writes'],
      evidence,
    };
  }
  const lag = relay.lagMs ?? 0;
  return {
    status: 'pass',
    messageId: 'published',
    data: { ...base, relay: p.relay, lag: ms(lag) },
    path: p.specPath,
    evidence: { ...evidence, relayLagMs: lag },
  };
}
