// metrics-ingestion: the key figures of the reference solutions, worked out by hand from the problem's
// facts and givens (never copied from sdcoach's output).
import { describe, expect, it } from 'vitest';
import { catalogProblem } from './catalog-helpers.js';
import { analyse } from '../../src/analysis/analyse.js';
import { estimateReferences } from '../../src/problems/estimate.js';

const { problem, model, drill } = catalogProblem('metrics-ingestion');

describe('metrics-ingestion', () => {
  it('derives the estimate from hosts, interval and sizes', () => {
    const est = problem.stages[0]!.estimate!;
    const r = estimateReferences(est.facts, est.quantities, 'interview');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // 120,000 hosts / 10 s = 12,000 batches/s
    expect(r.references.peak_ingest_batches_per_s!.shown).toBeCloseTo(12_000, 6);
    // 12,000 × 400 = 4,800,000 points/s
    expect(r.references.points_per_s!.shown).toBeCloseTo(4_800_000, 3);
    // 4.8M × 30 B = 144,000,000 B/s × 8 = 1.152 Gbps
    expect(r.references.ingest_bandwidth!.shown).toBeCloseTo(1.152, 6);
    // 4.8M × 86,400 × 30 × 1.5 B = 18,662,400,000,000 B = 18.6624 TB
    expect(r.references.raw_storage_30_days!.shown).toBeCloseTo(18.6624, 6);
    // 6,000 × 20 / 30 s = 4,000 queries/s
    expect(r.references.peak_dashboard_queries_per_s!.shown).toBeCloseTo(4_000, 6);
  });

  it('shards the time-series database so that its busiest node stays under 80%', () => {
    const m = analyse(model(2));
    // 8 shards: 12,000 / 8 = 1,500 batch writes of 2,500 = 0.6; 4,000 / 8 / 2 replicas = 250 queries of 2,000 = 0.125
    expect(m.capacity.tsdb!['us-east']!.utilization).toBeCloseTo(0.6 + 0.125, 4);
    // logs-search: 1,500 / 2,500 = 0.6 plus 300 / 8 / 2 = 18.75 searches of 1,000 = 0.01875
    expect(m.capacity['logs-search']!['us-east']!.utilization).toBeCloseTo(0.6 + 0.01875, 4);
  });

  it('bounds the monitor load with checkpoints', () => {
    const r = analyse(model(3)).replay!;
    // at most 10,000 points since the checkpoint × 0.002 ms = 20 ms; the whole window would be 432,000 × 0.002 = 864 ms
    expect(r.eventsToReplay).toBe(10_000);
    expect(r.replayMs).toBeCloseTo(20, 6);
    expect(r.maxEventsPerAggregate * r.applyMs).toBeCloseTo(864, 6);
  });

  it('keeps a slow tsdb away from ingest and log search (stage 4), and not without the bulkheads (stage 3)', () => {
    const with4 = drill(4, 'slow:tsdb=3000').final;
    expect(with4.flows.ingest!.errorShare).toBe(0);
    expect(with4.flows['search-logs']!.errorShare).toBe(0);
    expect(with4.flows['query-dashboard']!.errorShare).toBe(1);
    // Stage 3: 4,000 dashboard queries/s held 3 s each need ~12,000 threads; the gateway's 1,000 per replica run out.
    expect(drill(3, 'slow:tsdb=3000').final.flows.ingest!.errorShare).toBe(1);
  });

  it('survives the loss of us-east, losing one second of batches', () => {
    const r = drill(5, 'region-down:us-east');
    expect(r.final.healthy).toBe(true);
    const loss = r.dataLoss.find((d) => d.store === 'metrics-log')!;
    // async lag 1,000 ms: RPO 1 s × 12,000 batches/s = 12,000 batches
    expect(loss.rpoS).toBe(1);
    expect(loss.writesLost).toBe(12_000);
  });
});
