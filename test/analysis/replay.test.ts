// Event-sourcing replay cost, each case checked against a hand-computed figure.
import { describe, expect, it } from 'vitest';
import { replayCost } from '../../src/analysis/replay.js';
import { modelOf } from './model-of.js';

const ledger = (es: string) =>
  modelOf(`
regions: [eu-west]
components:
  api: {kind: service}
  ledger-events: {kind: event-store}
patterns:
  event_sourcing: {store: ledger-events${es}}
`);

describe('replayCost', () => {
  it('without snapshots replays the whole history', () => {
    // 5000 events x 0.05 ms = 250 ms
    const r = replayCost(ledger(', max_events_per_aggregate: 5000, apply_ms: 0.05'))!;
    expect(r).toMatchObject({ store: 'ledger-events', eventsToReplay: 5000, applyMs: 0.05, replayMs: 250, loadBudgetMs: 50 });
    expect(r.snapshotEvery).toBeUndefined();
  });

  it('with snapshots replays at most the events since the last one', () => {
    // snapshot every 100 of a 50,000-event history: 100 x 0.05 ms = 5 ms
    const r = replayCost(ledger(', max_events_per_aggregate: 50000, snapshot_every: 100, apply_ms: 0.05'))!;
    expect(r).toMatchObject({ eventsToReplay: 100, replayMs: 5, snapshotEvery: 100 });
  });

  it('a snapshot interval longer than the history is capped by the history', () => {
    // snapshot every 2000, but no aggregate exceeds 800 events: 800 x 0.2 ms = 160 ms
    const r = replayCost(ledger(', max_events_per_aggregate: 800, snapshot_every: 2000, apply_ms: 0.2'))!;
    expect(r).toMatchObject({ eventsToReplay: 800, replayMs: 160 });
  });

  it('uses the documented defaults: 1000 events x 0.05 ms = 50 ms against a 50 ms budget', () => {
    const r = replayCost(ledger(''))!;
    expect(r).toMatchObject({ eventsToReplay: 1000, applyMs: 0.05, replayMs: 50, loadBudgetMs: 50 });
  });

  it('keeps sub-millisecond costs exact to the microsecond', () => {
    // 3 events x 0.1 ms = 0.3 ms (the raw product is 0.30000000000000004)
    const r = replayCost(ledger(', max_events_per_aggregate: 3, apply_ms: 0.1'))!;
    expect(r.replayMs).toBe(0.3);
  });

  it('does not apply without event sourcing', () => {
    expect(replayCost(modelOf('regions: [eu-west]\ncomponents:\n  api: {kind: service}\n'))).toBeUndefined();
  });
});
