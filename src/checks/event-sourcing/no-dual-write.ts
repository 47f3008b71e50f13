// event-sourcing/no-dual-write: a request appends to the event log only; streams are fed from the log, never published beside the append.
import { eventStores } from '../cqrs/no-dual-write.js';
import { hopSpecPath } from '../../specfile/steps.js';
import { count, defineCheck, type Finding } from '../types.js';
import { fedFromEventStore } from './source-of-truth.js';

type Options = Record<string, never>;

const MESSAGE_KINDS = new Set(['stream', 'queue']);

export default defineCheck<Options>({
  meta: {
    id: 'event-sourcing/no-dual-write',
    topic: 'event-sourcing',
    title: 'Let the event log be the stream: feed other streams from it, never publish beside the append',
    concept:
      'In event sourcing the append to the event store is the one write that commits a change, and its log is already an ordered stream that projections and other services can subscribe to. ' +
      'Publishing the same event to a separate stream (a message broker) inside the request is a dual write: a crash after the append and before the publish loses the message, and every consumer of that stream, and every read model it feeds, misses the change for good, while a replay of the event store still has it. ' +
      'When another stream is needed, a subscription worker reads the event store and forwards its events, so the stream is derived from the log and can be rebuilt from it.',
    computes:
      'For each write flow that appends to an event store (kind event-store, or patterns.event_sourcing.store): every other stream or queue on its request path is a dual write. ' +
      'A `publish` on the append step (via event-sourced) that names a `stream` needs a `relay` worker that consumes the event store, or a stream fed from it by workers, and writes that stream.',
    sources: ['ddiaDualWrites', 'course'],
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaults: {},
    messages: {
      logIsStream: '{{flow}} ({{rate}} writes/s) appends to {{eventStore}} only: consumers read its log ({{consumers}})',
      forwarded: '{{flow}} ({{rate}} writes/s) appends to {{eventStore}} only; {{relay}} forwards its events to {{stream}}',
      publishesBeside:
        "{{flow}} ({{rate}} writes/s) appends to {{eventStore}} and also publishes to {{stream}} in the same request: a crash between the two keeps the event in the log and loses the message, so {{stream}}'s consumers miss it for good",
      noForwarder: '{{flow}} says {{stream}} is fed from {{eventStore}}, but names no worker that forwards the events',
      forwarderWrongSource:
        "{{flow}} names {{relay}} to forward {{eventStore}}'s events to {{stream}}, but {{relay}} reads {{source}} and writes {{targets}}: the events do not reach {{stream}} from the log",
      notTheLog:
        '{{flow}} declares publishing from event store {{eventStore}} via {{via}}: an event store needs no outbox or CDC, its log is the stream (write via: event-sourced)',
    },
    hints: {
      publishesBeside:
        'The append is the write that counts. What happens to the other stream if the request dies just after it? Ask how that stream could be derived from the log instead of written by the request.',
      noForwarder:
        'Something has to read the event store and produce to the other stream after the append. Which component runs in the background and does that?',
      forwarderWrongSource: "Trace the forwarder's input back: does it start at the event store the request appends to?",
      notTheLog: 'Outbox and CDC exist to get a change out of a table of current state. What is an event store already?',
    },
  },
  run({ model }) {
    const out: Finding[] = [];
    const logs = eventStores(model);
    if (!logs.size) return out;
    for (const name of model.flowOrder) {
      const f = model.flows[name]!;
      if (f.kind !== 'write') continue;
      const appendAt = f.path.findIndex((h) => logs.has(h));
      if (appendAt < 0) continue;
      const eventStore = f.path[appendAt]!;
      const base = { flow: f.name, rate: count(f.rate), eventStore };
      const evidence = { flow: f.name, path: f.path, eventStore };
      let failed = false;
      f.path.forEach((hop, i) => {
        if (logs.has(hop) || !MESSAGE_KINDS.has(model.components[hop]?.kind ?? '')) return;
        out.push({
          status: 'fail',
          messageId: 'publishesBeside',
          data: { ...base, stream: hop },
          path: hopSpecPath(f, i),
          evidence: { ...evidence, stream: hop },
        });
        failed = true;
      });
      const fed = fedFromEventStore(model, eventStore);
      const forwarded: { relay: string; stream: string }[] = [];
      for (const p of (f.publishes ?? []).filter((q) => q.store === eventStore)) {
        if (p.via !== 'event-sourced') {
          out.push({
            status: 'warn',
            messageId: 'notTheLog',
            data: { ...base, via: p.via },
            path: [...p.specPath, 'via'],
            evidence: { ...evidence, via: p.via },
          });
        }
        if (p.stream === undefined || p.stream === eventStore) continue;
        const data = { ...base, stream: p.stream };
        if (p.relay === undefined) {
          out.push({ status: 'fail', messageId: 'noForwarder', data, path: p.specPath, evidence: { ...evidence, stream: p.stream } });
          failed = true;
          continue;
        }
        const relay = model.components[p.relay];
        if (!relay) continue;
        if (relay.kind !== 'worker' || relay.consumes === undefined || !fed.has(relay.consumes) || !relay.writes.includes(p.stream)) {
          out.push({
            status: 'fail',
            messageId: 'forwarderWrongSource',
            data: { ...data, relay: p.relay, source: relay.consumes ?? 'nothing', targets: relay.writes.join(', ') || 'nothing' },
            path: [...p.specPath, 'relay'],
            evidence: { ...evidence, stream: p.stream, relay: p.relay, consumes: relay.consumes ?? null, writes: relay.writes },
          });
          failed = true;
          continue;
        }
        forwarded.push({ relay: p.relay, stream: p.stream });
      }
      if (failed) continue;
      if (forwarded.length) {
        const { relay, stream } = forwarded[0]!;
        out.push({ status: 'pass', messageId: 'forwarded', data: { ...base, relay, stream }, path: hopSpecPath(f, appendAt), evidence });
      } else {
        const consumers = model.componentOrder.filter(
          (id) => model.components[id]!.kind === 'worker' && model.components[id]!.consumes === eventStore,
        );
        out.push({
          status: 'pass',
          messageId: 'logIsStream',
          data: { ...base, consumers: consumers.join(', ') || 'none yet' },
          path: hopSpecPath(f, appendAt),
          evidence,
        });
      }
    }
    return out;
  },
});
