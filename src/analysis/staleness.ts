// Staleness of stores fed by workers (CQRS read models, event-sourcing state stores): how far behind the
// original write a read from them can be = the slowest worker chain (each worker's lag, plus the wait in its
// queue when it is loaded) + async replication lag.
import type { Model } from '../specfile/model.js';
import type { RegionLoad, StoreStaleness } from './metrics.js';
import { dict } from '../specfile/dict.js';

interface Chain {
  lagMs: number;
  queueMs: number;
  workers: string[];
}

/**
 * The mean wait of a message in front of a worker's replicas (M/M/c, capacity.ts), in its busiest region: 0 when
 * nothing loads it or queueing is off, +Infinity when it takes messages faster than it can process them.
 */
function workerQueueMs(loads: Record<string, Record<string, RegionLoad>> | undefined, worker: string): number {
  const byRegion = loads?.[worker];
  let wait = 0;
  if (byRegion)
    for (const region in byRegion) {
      const l = byRegion[region]!;
      if (l.rate > 0 && l.queue) wait = Math.max(wait, l.queue.meanMs);
    }
  return wait;
}

export function storeStaleness(model: Model, loads?: Record<string, Record<string, RegionLoad>>): Record<string, StoreStaleness> {
  const feeders = new Map<string, string[]>();
  for (const id of model.componentOrder) {
    const c = model.components[id]!;
    if (c.kind !== 'worker') continue;
    for (const store of c.writes) feeders.set(store, [...(feeders.get(store) ?? []), id]);
  }
  const waits = new Map<string, number>();
  const waitOf = (w: string) => {
    let v = waits.get(w);
    if (v === undefined) waits.set(w, (v = workerQueueMs(loads, w)));
    return v;
  };

  // Walks upstream through the workers that feed `store` (a relay into a stream, then a projector) and
  // keeps the slowest chain; `seen` stops a cycle of workers feeding each other.
  const slowestChain = (store: string, seen: ReadonlySet<string>): Chain => {
    let best: Chain = { lagMs: 0, queueMs: 0, workers: [] };
    for (const w of feeders.get(store) ?? []) {
      if (seen.has(w)) continue;
      const worker = model.components[w]!;
      const up =
        worker.consumes !== undefined ? slowestChain(worker.consumes, new Set([...seen, w])) : { lagMs: 0, queueMs: 0, workers: [] };
      const lagMs = up.lagMs + (worker.lagMs ?? 0);
      const queueMs = up.queueMs + waitOf(w);
      if (best.workers.length === 0 || lagMs + queueMs > best.lagMs + best.queueMs) best = { lagMs, queueMs, workers: [...up.workers, w] };
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
    const queued: Record<string, number> = {};
    for (const w of chain.workers) {
      const wait = waitOf(w);
      if (wait > 0) queued[w] = wait;
    }
    out[store] = {
      store,
      workers,
      chain: chain.workers,
      projectionLagMs: chain.lagMs,
      queueMs: chain.queueMs,
      queued,
      replicationLagMs,
      totalMs: chain.lagMs + chain.queueMs + replicationLagMs,
    };
  }
  return out;
}
