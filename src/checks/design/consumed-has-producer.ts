// design/consumed-has-producer: every queue, stream or event store a worker consumes is written by something.
import { count, defineCheck, type Finding } from '../types.js';

type Options = Record<string, never>;

export default defineCheck<Options>({
  meta: {
    id: 'design/consumed-has-producer',
    topic: 'design',
    title: 'Give every consumed queue or stream a producer',
    concept:
      'A worker is only as current as its input: a projector, relay or sender does nothing until something writes to the queue or stream it reads. ' +
      'A consumer of a stream that no request and no other worker writes to is a box on the diagram with no data behind it, and the store it feeds never changes. ' +
      'Every consumed input needs a producer: a write flow that publishes to it, or a worker that writes it.',
    computes:
      'For each worker with `consumes`: the write flows whose path reaches that component and the workers that list it in `writes`; fails when there are none.',
    sources: ['course'],
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaults: {},
    messages: {
      produced: '{{worker}} consumes {{input}}, written by {{producers}}',
      noProducer: '{{worker}} consumes {{input}}, but no write flow and no worker writes {{input}}: {{worker}} has nothing to process',
    },
    hints: {
      noProducer:
        "Follow the data backwards from this worker: which request or which other worker puts messages on its input? Put that component on the write flow's path, or have a worker write it.",
    },
  },
  run({ model }) {
    const out: Finding[] = [];
    for (const id of model.componentOrder) {
      const w = model.components[id]!;
      if (w.kind !== 'worker' || w.consumes === undefined) continue;
      const input = w.consumes;
      const flows = model.flowOrder.map((n) => model.flows[n]!).filter((f) => f.kind === 'write' && f.path.includes(input));
      const workers = model.componentOrder.filter((o) => o !== id && model.components[o]!.writes.includes(input));
      const path = ['components', id, 'consumes'];
      if (!flows.length && !workers.length) {
        out.push({ status: 'fail', messageId: 'noProducer', data: { worker: id, input }, path, evidence: { worker: id, input } });
        continue;
      }
      const producers = [...flows.map((f) => `${f.name} (${count(f.rate)} writes/s)`), ...workers];
      out.push({
        status: 'pass',
        messageId: 'produced',
        data: { worker: id, input, producers: producers.join(', ') },
        path,
        evidence: { worker: id, input, flows: flows.map((f) => f.name), workers },
      });
    }
    return out;
  },
});
