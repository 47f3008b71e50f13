// Staleness of stores fed by workers (CQRS read models, event-sourcing state stores): how far behind the
// original write a read from them can be = lag of the slowest worker chain + async replication lag.
import type { Model } from '../specfile/model.js';
import type { StoreStaleness } from './metrics.js';
import { dict } from '../specfile/dict.js';

interface Chain {
  lagMs: number;
  workers: string[];
}

export function storeStaleness(model: Model): Record<string, StoreStaleness> {
  const feeders = new Map<string, string[]>();
  for (const id of model.componentOrder) {
    const c = model.components[id]!;
    if (c.kind !== 'worker') continue;
    for (const store of c.writes) feeders.set(store, [...(feeders.get(store) ?? []), id]);
  }

  // Walks upstream through the workers that feed `store` (a relay into a stream, then a projector) and
  // keeps the slowest chain; `seen` stops a cycle of workers feeding each other.
  const slowestChain = (store: string, seen: ReadonlySet<string>): Chain => {
    let best: Chain = { lagMs: 0, workers: [] };
    for (const w of feeders.get(store) ?? []) {
      if (seen.has(w)) continue;
      const worker = model.components[w]!;
      const up = worker.consumes !== undefined ? slowestChain(worker.consumes, new Set([...seen, w])) : { lagMs: 0, workers: [] };
      const lagMs = up.lagMs + (worker.lagMs ?? 0);
      if (best.workers.length === 0 || lagMs > best.lagMs) best = { lagMs, workers: [...up.workers, w] };
    }
    return best;
  };

  const out: Record<string, StoreStaleness> = dict();
  for (const [store, workers] of feeders) {
    const c = model.components[store];
    if (!c) continue;
    const chain = slowestChain(store, new Set());
    // Reads are served from the nearest placement; a standby serves no reads, so only placements count.
    const replicationLagMs = c.replication?.mode === 'async' && c.regions.length > 1 ? c.replication.lagMs : 0;
    out[store] = {
      store,
      workers,
      chain: chain.workers,
      projectionLagMs: chain.lagMs,
      replicationLagMs,
      totalMs: chain.lagMs + replicationLagMs,
    };
  }
  return out;
}
