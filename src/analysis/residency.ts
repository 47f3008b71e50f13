// Data residency: every region holding a copy of a data class that its residency rule does not allow. A class's
// copies are its stores' and those of every store its data is carried into: a stream its stores publish to (outbox,
// change data capture) and whatever a worker consuming one of them writes, transitively. An EU store's change
// stream relayed into a global database put EU data in ap-southeast, and the class's stores alone looked resident
// (attack run).
import { dict } from '../specfile/dict.js';
import { replicaRegions } from '../specfile/lookups.js';
import type { Model, ModelDataClass } from '../specfile/model.js';
import type { Metrics, ResidencyViolation } from './metrics.js';

/**
 * Each store holding a class's data, with how the data got there: [store] for a store of the class,
 * [store, (worker,) ..., target] for one it is carried into.
 */
export function classCarriers(model: Model, dc: Pick<ModelDataClass, 'stores'>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const queue: string[] = [];
  const reach = (id: string, chain: string[]) => {
    if (out.has(id) || !model.components[id]) return;
    out.set(id, chain);
    queue.push(id);
  };
  for (const id of dc.stores) reach(id, [id]);
  for (let i = 0; i < queue.length; i++) {
    const from = queue[i]!;
    const chain = out.get(from)!;
    for (const name of model.flowOrder)
      for (const p of model.flows[name]!.publishes ?? [])
        if (p.store === from && p.stream !== undefined) reach(p.stream, [...chain, ...(p.relay !== undefined ? [p.relay] : []), p.stream]);
    for (const id of model.componentOrder) {
      const w = model.components[id]!;
      if (w.consumes === from) for (const t of w.writes) reach(t, [...chain, id, t]);
    }
  }
  return out;
}

export function residency(model: Model): Metrics['residency'] {
  const violations: ResidencyViolation[] = [];
  const classes: Metrics['residency']['classes'] = dict();
  for (const dc of Object.values(model.workload.data)) {
    const regions = new Set<string>();
    for (const [storeId, chain] of classCarriers(model, dc)) {
      const store = model.components[storeId]!;
      for (const r of replicaRegions(store)) {
        regions.add(r);
        if (dc.allowedRegions && !dc.allowedRegions.includes(r)) {
          const v: ResidencyViolation = { dataClass: dc.name, store: storeId, region: r, allowed: dc.allowedRegions };
          if (chain.length > 1) v.via = chain;
          violations.push(v);
        }
      }
    }
    classes[dc.name] = { regions: [...regions], ...(dc.allowedRegions ? { allowed: dc.allowedRegions } : {}) };
  }
  return { violations, classes };
}
