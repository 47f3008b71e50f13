// ad-click-aggregation: the key figures of the reference solutions, worked out by hand from the problem's
// facts and givens (never copied from sdcoach's output).
import { describe, expect, it } from 'vitest';
import { catalogProblem } from './catalog-helpers.js';
import { analyse } from '../../src/analysis/analyse.js';
import { estimateReferences } from '../../src/problems/estimate.js';

const { problem, model, drill } = catalogProblem('ad-click-aggregation');

describe('ad-click-aggregation', () => {
  it('derives the estimate from users, impressions and the click-through rate', () => {
    const est = problem.stages[0]!.estimate!;
    const r = estimateReferences(est.facts, est.quantities, 'staff');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // 500M × 100 / 86,400 s × 3 = 1,736,111.1 impressions/s
    expect(r.references.peak_impressions_per_s!.shown).toBeCloseTo((500e6 * 100 * 3) / 86_400, 1);
    // × 1% = 17,361.1 clicks/s
    expect(r.references.peak_clicks_per_s!.shown).toBeCloseTo((500e6 * 100 * 0.01 * 3) / 86_400, 3);
    // 500M clicks a day × 365.25 days (mathjs year) × 500 B = 91,312,500,000,000 B = 91.3125 TB
    expect(r.references.click_storage_per_year!.shown).toBeCloseTo(91.3125, 6);
    // 2M ads × 525,960 minutes × 100 B = 105,192,000,000,000 B = 105.192 TB
    expect(r.references.aggregate_storage_per_year!.shown).toBeCloseTo(105.192, 6);
  });

  it('partitions the event store and the projection below 80%', () => {
    const m = analyse(model(2));
    // click-events: 17,500 / 8 = 2,187.5 appends of 5,000 = 0.4375
    expect(m.capacity['click-events']!['us-east']!.utilization).toBeCloseTo(0.4375, 4);
    // ad-stats-db: 2,187.5 writes of 5,000 = 0.4375 + 3,000 / 8 / 2 = 187.5 reads of 10,000 = 0.01875
    expect(m.capacity['ad-stats-db']!['us-east']!.utilization).toBeCloseTo(0.4375 + 0.01875, 4);
  });

  it('bounds the campaign load with snapshots', () => {
    const r = analyse(model(4)).replay!;
    // 10,000 clicks since the snapshot × 0.001 ms = 10 ms; the whole history: 3,000,000 × 0.001 = 3,000 ms
    expect(r.replayMs).toBeCloseTo(10, 6);
    expect(r.maxEventsPerAggregate * r.applyMs).toBeCloseTo(3_000, 6);
  });

  it('loses no acknowledged click with us-east (stage 5), and a second of them when the copy is asynchronous (stage 4 has none)', () => {
    const r = drill(5, 'region-down:us-east');
    expect(r.final.healthy).toBe(true);
    expect(r.dataLoss.filter((d) => d.store === 'click-events')).toEqual([]);
    // stage 4: click-events only in us-east, so everything since the last backup is lost (no bound)
    expect(drill(4, 'region-down:us-east').dataLoss.find((d) => d.store === 'click-events')!.rpoS).toBeNull();
  });
});
