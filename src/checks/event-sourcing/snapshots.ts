// event-sourcing/snapshots: loading an aggregate (snapshot + events since it) fits the load budget.
import { EVENT_SOURCING_DEFAULTS } from '../../data/figures.js';
import { defineCheck, ms } from '../types.js';

interface Options {
  /** Longest acceptable aggregate load, ms; overrides patterns.event_sourcing.load_budget_ms. */
  loadBudgetMs?: number;
}

export default defineCheck<Options>({
  meta: {
    id: 'event-sourcing/snapshots',
    topic: 'event-sourcing',
    title: 'Bound the cost of loading an event-sourced aggregate with snapshots',
    concept:
      'An event-sourced aggregate has no stored current state: it is rebuilt by applying its events in order each time it is loaded. ' +
      'The cost grows with the history, so a long-lived aggregate gets slower every day. ' +
      'A snapshot saves the folded state every so many events, so a load reads the latest snapshot and applies only the events after it.',
    computes:
      'events to replay = snapshot_every (the worst case, just before the next snapshot) capped by max_events_per_aggregate, or the whole history without snapshots; ' +
      'replay ms = events x apply_ms; compared with the load budget (rubric option, else load_budget_ms).',
    sources: ['eventSourcingFrameworks', 'sdcoach'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        loadBudgetMs: {
          type: 'number',
          minimum: 0,
          description: `Longest acceptable aggregate load, ms. Default: the spec's patterns.event_sourcing.load_budget_ms (itself ${EVENT_SOURCING_DEFAULTS.loadBudgetMs} by default).`,
        },
      },
    },
    defaults: {},
    messages: {
      withinBudget:
        'loading an aggregate replays at most {{events}} events x {{applyMs}} ms = {{replayMs}} ms ({{snapshots}}), budget {{budget}} ms',
      noSnapshots:
        'replaying {{events}} events x {{applyMs}} ms = {{replayMs}} ms, budget {{budget}} ms: no snapshots, so every load replays the whole history',
      sparseSnapshots:
        'replaying {{events}} events x {{applyMs}} ms = {{replayMs}} ms, budget {{budget}} ms: a snapshot every {{snapshotEvery}} events leaves too many to replay',
    },
    hints: {
      noSnapshots: `Load cost = events since the last snapshot x the time to apply one. How long can one aggregate's history grow, and how many events can you afford to apply inside the budget? (Frameworks snapshot every ${EVENT_SOURCING_DEFAULTS.frameworkSnapshotEvery} events or so by default.)`,
      sparseSnapshots:
        'Work backwards from the budget: how many events can one load apply at this cost per event? Compare that with how far apart the snapshots are.',
    },
  },
  run({ metrics, options }) {
    const r = metrics.replay;
    if (!r) return [];
    const budget = options.loadBudgetMs ?? r.loadBudgetMs;
    const data = {
      events: r.eventsToReplay,
      applyMs: String(r.applyMs),
      replayMs: ms(r.replayMs),
      budget: ms(budget),
      snapshots: r.snapshotEvery !== undefined ? `snapshot every ${r.snapshotEvery}` : 'whole history, no snapshots',
    };
    const evidence = { ...r, budget };
    if (r.replayMs <= budget) return [{ status: 'pass', messageId: 'withinBudget', data, path: ['patterns', 'event_sourcing'], evidence }];
    if (r.snapshotEvery === undefined)
      return [{ status: 'fail', messageId: 'noSnapshots', data, path: ['patterns', 'event_sourcing'], evidence }];
    return [
      {
        status: 'fail',
        messageId: 'sparseSnapshots',
        data: { ...data, snapshotEvery: r.snapshotEvery },
        path: ['patterns', 'event_sourcing', 'snapshot_every'],
        evidence,
      },
    ];
  },
});
