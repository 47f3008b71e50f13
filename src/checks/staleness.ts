// How a store's staleness reads in a message: the chain of workers feeding it, each with its lag and the time
// messages wait for it (analysis/staleness.ts). Shared by the checks that judge read models.
import type { StoreStaleness } from '../analysis/metrics.js';
import type { Model, ModelComponent } from '../specfile/model.js';
import { ms } from './types.js';

/** A chain of workers as its parts: "relay 100 ms + projector 300 ms + 45 ms queued". */
export function chainText(s: StoreStaleness, lagOf: (worker: string) => number): string {
  return s.chain
    .map((w) => {
      const q = s.queued[w];
      const queued =
        q === undefined || q < 0.05 // a wait that rounds to 0 ms is not worth a word
          ? ''
          : Number.isFinite(q)
            ? ` + ${ms(q)} ms queued`
            : ', and a queue that grows without bound: it receives messages faster than its replicas process them';
      return `${w} ${ms(lagOf(w))} ms${queued}`;
    })
    .join(' + ');
}

/**
 * Stores that trail the writes, so a read that must be exact cannot be served by them: those with role read-model
 * (as their writers make it: a read-model label on a store a write flow writes is not believed), the CQRS query
 * stores no write flow writes, and every projection (a store only workers write, whatever its label).
 */
export function laggingStores(model: Model): Set<string> {
  const out = new Set<string>();
  for (const q of model.patterns.cqrs?.queries ?? []) if (!model.components[q]?.writtenBy?.flows.length) out.add(q);
  for (const id of model.componentOrder) {
    const c = model.components[id]!;
    if (c.role === 'read-model' || c.projection) out.add(id);
  }
  return out;
}

/** Why a projection trails its source, for a message: "projector, which consumes order-events". */
export function projectionText(p: NonNullable<ModelComponent['projection']>): string {
  const one = p.workers.length === 1;
  return `${p.workers.join(', ')}, which ${one ? 'consumes' : 'consume'} ${p.sources.join(', ')}`;
}
