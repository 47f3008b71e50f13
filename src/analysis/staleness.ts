// Staleness of stores fed by workers (CQRS read models, event-sourcing state stores): how far behind the
// original write a read from them can be = the slowest worker chain (each worker's lag, plus the wait in its
// queue when it is loaded) + async replication lag.
import type { Model } from '../specfile/model.js';
import type { RegionLoad, StoreStaleness } from './metrics.js';
import { dict } from '../specfile/dict.js';
import { feeding } from './fed.js';

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
  // Only workers fed from outside the worker chain (fed.ts) carry the writes: a loop of workers feeding each other
  // feeds nothing, so a store only such a loop writes has no staleness (it is not fed at all).
  const feed = feeding(model);
  const feeders = new Map<string, string[]>();
  for (const id of model.componentOrder) {
    const c = model.components[id]!;
    if (c.kind !== 'worker' || !feed.workers.has(id)) continue;
    for (const store of c.writes) feeders.set(store, [...(feeders.get(store) ?? []), id]);
  }
  const waits = new Map<string, number>();
  const waitOf = (w: string) => {
    let v = waits.get(w);
    if (v === undefined) waits.set(w, (v = workerQueueMs(loads, w)));
    return v;
  };

  // Walks upstream through the workers that feed `store` (a relay into a stream, then a projector) and keeps the
  // slowest chain that starts outside the workers (a store a write flow reaches or no worker writes, or a worker on
  // a write flow); undefined when every way back only goes round a loop of workers (`seen`).
  const slowestChain = (store: string, seen: ReadonlySet<string>): Chain | undefined => {
    let best: Chain | undefined;
    for (const w of feeders.get(store) ?? []) {
      if (seen.has(w)) continue;
      const worker = model.components[w]!;
      const none = { lagMs: 0, queueMs: 0, workers: [] };
      const up =
        (worker.consumes !== undefined ? slowestChain(worker.consumes, new Set([...seen, w])) : undefined) ??
        (feed.selfFed.has(w) ? none : undefined);
      if (!up) continue;
      const lagMs = up.lagMs + (worker.lagMs ?? 0);
      const queueMs = up.queueMs + waitOf(w);
      if (!best || lagMs + queueMs > best.lagMs + best.queueMs) best = { lagMs, queueMs, workers: [...up.workers, w] };
    }
    return best ?? (feed.rooted(store) ? { lagMs: 0, queueMs: 0, workers: [] } : undefined);
  };

  const out: Record<string, StoreStaleness> = dict();
  for (const [store, workers] of feeders) {
    const c = model.components[store];
    if (!c) continue;
    const chain = slowestChain(store, new Set());
    if (!chain) continue;
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
