// design/consumed-has-producer: every queue, stream or event store a worker consumes is written by something, and
// what writes it is fed from outside the worker chain (analysis/fed.ts): a loop of workers produces nothing.
import { feeding, type Feeding } from '../../analysis/fed.js';
import type { Model } from '../../specfile/model.js';
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
      'Every consumed input needs a producer: a write flow that reaches it, or a worker that writes it and is itself fed (a relay or change feed of a store a write flow reaches, for a published stream). ' +
      'Workers that only feed each other (a projector writing a stream whose worker writes what the projector consumes), or a worker that consumes nothing, carry nothing: nothing a request wrote ever enters them.',
    computes:
      'For each worker with `consumes`: the write flows whose path reaches that component and the workers that list it in `writes`; fails when there are none, ' +
      'or when there is no such flow and none of those workers is fed: a worker is fed when it runs on a write flow, or consumes something a write flow reaches, that nothing in the design writes (its data comes from outside), or that a fed worker writes; one that consumes nothing else is fed by nothing.',
    sources: ['course'],
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaults: {},
    messages: {
      produced: '{{worker}} consumes {{input}}, written by {{producers}}',
      noProducer: '{{worker}} consumes {{input}}, but no write flow and no worker writes {{input}}: {{worker}} has nothing to process',
      loopOnly:
        '{{worker}} consumes {{input}}, written only by workers that nothing outside the workers feeds ({{trace}}): no write flow, nor a change feed of a store one writes, ever puts data in there, so {{worker}} has nothing to process',
    },
    hints: {
      noProducer:
        "Follow the data backwards from this worker: which request or which other worker puts messages on its input? Put that component on the write flow's path, or have a worker write it.",
      loopOnly:
        'Follow the data backwards from this worker until you reach a request: every step must be a write, a publish or a change feed of a store that a request writes. Workers that hand messages to each other in a circle, or a worker that reads nothing, never receive one from a user. Where do these messages first come from?',
    },
  },
  run({ model }) {
    const out: Finding[] = [];
    const feed = feeding(model);
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
      if (!flows.length && !workers.some((o) => feed.workers.has(o))) {
        const trace = loopTrace(model, feed, input);
        out.push({
          status: 'fail',
          messageId: 'loopOnly',
          data: { worker: id, input, trace: trace.join(' <- ') },
          path,
          evidence: { worker: id, input, workers, loop: trace },
        });
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

/**
 * The way back from an input written only by unfed workers, each step the component and the worker writing it, until
 * the loop closes: "echo-stream <- following-projector <- follow-events <- echo-worker <- echo-stream".
 */
function loopTrace(model: Model, feed: Feeding, input: string): string[] {
  const out = [input];
  const seen = new Set<string>(out);
  for (let at: string | undefined = input; at !== undefined;) {
    const writer: string | undefined = (feed.writers.get(at) ?? []).find((w) => !feed.workers.has(w));
    if (writer === undefined) break;
    out.push(writer);
    if (seen.has(writer)) break; // the loop closes
    seen.add(writer);
    at = model.components[writer]!.consumes;
    if (at === undefined) break;
    out.push(at);
    if (seen.has(at)) break;
    seen.add(at);
  }
  return out;
}
