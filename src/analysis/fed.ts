// What is fed from outside the worker chain. A worker makes data only from what it consumes: a queue, stream or
// store it reads is fed when something outside the workers puts data there (a write flow reaching it, or nothing in
// the design writing it, so its data comes from outside), or a fed worker writes it. A flow's publish reaches its
// stream through its relay, a worker consuming the store the flow writes (an outbox nobody relays feeds nothing). A
// worker on a write flow's path makes data from the request; one that consumes nothing else makes nothing. A loop of
// workers feeding only each other produces nothing: the projector writing echo-stream, whose worker writes the
// follow-events the projector consumes, passed as "fed" with no CDC worker and no publish (review attack).
// design/consumed-has-producer fails such a loop; staleness follows fed workers only.
import type { Model } from '../specfile/model.js';

export interface Feeding {
  /** Workers whose input traces back to outside the worker chain, or that run on a write flow. */
  workers: ReadonlySet<string>;
  /** The components a write flow reaches. */
  flowWritten: ReadonlySet<string>;
  /** Workers that write each component (its `writes`). */
  writers: ReadonlyMap<string, readonly string[]>;
  /** Whether data reaches `id` from outside the worker chain. */
  fed(id: string): boolean;
  /** Whether `id` takes data from outside the workers itself: a write flow reaches it, or no worker writes it. */
  rooted(id: string): boolean;
  /** Workers that make data from a request: they run on a write flow's path. */
  selfFed: ReadonlySet<string>;
}

export function feeding(model: Model): Feeding {
  const flowWritten = new Set<string>();
  for (const name of model.flowOrder) {
    const f = model.flows[name]!;
    if (f.kind === 'write') for (const id of f.path) flowWritten.add(id);
  }
  const writers = new Map<string, string[]>();
  const workerIds: string[] = [];
  for (const id of model.componentOrder) {
    const c = model.components[id]!;
    if (c.kind !== 'worker') continue;
    workerIds.push(id);
    for (const t of c.writes) writers.set(t, [...(writers.get(t) ?? []), id]);
  }
  const workers = new Set<string>();
  // A worker on a write flow's path makes data from the request; one that consumes nothing and runs on no write flow
  // makes nothing a user wrote (and is idle unless something else runs it).
  const selfFed = new Set(workerIds.filter((id) => flowWritten.has(id)));
  // From outside: a write flow reaches it, or no worker writes it (its data is not the workers').
  const rooted = (id: string) => flowWritten.has(id) || !writers.has(id);
  const fed = (id: string) => rooted(id) || (writers.get(id) ?? []).some((w) => workers.has(w));
  // Fixed point: a worker is fed once what it consumes is; a loop of workers never becomes fed by itself.
  for (let changed = true; changed;) {
    changed = false;
    for (const id of workerIds) {
      if (workers.has(id)) continue;
      const c = model.components[id]!;
      if (selfFed.has(id) || (c.consumes !== undefined && fed(c.consumes))) {
        workers.add(id);
        changed = true;
      }
    }
  }
  return { workers, flowWritten, writers, fed, rooted, selfFed };
}
