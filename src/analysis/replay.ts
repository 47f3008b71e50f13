// Event-sourcing load cost: events replayed since the last snapshot x time to apply one event.
import type { Model } from '../specfile/model.js';
import type { ReplayMetrics } from './metrics.js';

export function replayCost(model: Model): ReplayMetrics | undefined {
  const es = model.patterns.eventSourcing;
  if (!es) return undefined;
  // Worst case: the aggregate is loaded just before its next snapshot is due.
  const eventsToReplay = es.snapshotEvery !== undefined ? Math.min(es.snapshotEvery, es.maxEventsPerAggregate) : es.maxEventsPerAggregate;
  const out: ReplayMetrics = {
    store: es.store,
    maxEventsPerAggregate: es.maxEventsPerAggregate,
    eventsToReplay,
    applyMs: es.applyMs,
    replayMs: Math.round(eventsToReplay * es.applyMs * 1000) / 1000,
    loadBudgetMs: es.loadBudgetMs,
  };
  if (es.snapshotEvery !== undefined) out.snapshotEvery = es.snapshotEvery;
  return out;
}
