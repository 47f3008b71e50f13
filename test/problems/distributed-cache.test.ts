// distributed-cache: the figures its prompts, hints and references state, computed by hand here and
// compared with what the grader computes from the reference solutions (with the problem's givens).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { runDrill } from '../../src/analysis/drills/run.js';
import { parseScenario } from '../../src/analysis/drills/scenario.js';
import { SHIPPED_PROBLEMS } from '../../src/problems/catalog.js';
import { loadProblem } from '../../src/problems/problem.js';
import { stageGivens } from '../../src/problems/stage-rubric.js';
import { loadSpecFile, withGivens } from '../../src/specfile/load.js';

const DIR = join(SHIPPED_PROBLEMS, 'distributed-cache');
const problem = (() => {
  const r = loadProblem(DIR);
  if (!r.ok) throw new Error('distributed-cache does not load');
  return r.problem;
})();
const modelOf = (file: string, stage: number) => {
  const r = loadSpecFile(join(DIR, file));
  if (!r.ok) throw new Error(`${file} does not load`);
  return withGivens(r.loaded, stageGivens(problem, stage)).model;
};

const READS = (40e6 * 25 * 4) / 86_400; // 46,296/s
const UPDATES = (5e6 * 4) / 86_400; // 231/s

describe('distributed-cache', () => {
  it('the estimate stage derives the rates, the misses and the working set', () => {
    const refs = problem.stages[0]!.estimate!.references;
    expect(refs.peak_product_reads_per_s!.shown).toBeCloseTo(READS, 3);
    expect(refs.peak_updates_per_s!.shown).toBeCloseTo(UPDATES, 3);
    expect(refs.db_reads_at_peak!.shown).toBeCloseTo(READS * 0.05, 3); // 2,315/s
    expect(refs.cache_memory!.shown).toBeCloseTo((50e6 * 0.2 * 5000) / 1e9, 6); // 50 GB
    expect(refs.cache_nodes!.shown).toBe(4); // 50 / 13 = 3.8 -> 4
  });

  it('stage 2: the cache takes 95% of the reads off the database', () => {
    const m = analyse(modelOf('solutions/stage-2.yaml', 2));
    const db = m.capacity['products-db']!['us-east']!;
    expect(db.rate - db.writeRate).toBeCloseTo(46_296 * 0.05, 1); // the flow's 46,296/s, 5% miss
    expect(db.utilization).toBeCloseTo((46_296 * 0.05 + 231) / 10_000, 3); // 25%
    const none = analyse(modelOf('fixtures/stage-2-no-cache.yaml', 2));
    expect(none.capacity['products-db']!['us-east']!.utilization).toBeCloseTo((46_296 + 231) / 10_000, 3); // 465%
  });

  it('stage 3: a miss stays in its region; one global cache crosses the Atlantic', () => {
    const local = analyse(modelOf('solutions/stage-3.yaml', 3));
    // The miss path: 0.5 + 15 (api) + 0.5 + 2 (cache) + 0.5 + 12 (db) = 30.5 ms, plus queue waits
    const miss = local.flows['get-product']!.worst.cache!.miss;
    expect(miss.share).toBeCloseTo(0.05, 6);
    expect(miss.p99).toBeGreaterThanOrEqual(30.5);
    expect(miss.p99).toBeLessThan(32); // catalog-api at 70% queues about 0.6 ms
    // The flow's p99 is the mixture's (95 % hits): below the miss path's p99, within the 50 ms budget.
    expect(local.flows['get-product']!.worst.p99).toBeLessThan(miss.p99);
    const global = analyse(modelOf('fixtures/stage-3-global-cache.yaml', 3));
    // from eu-west, the cache hop and the database hop are in us-east: + 82 ms on the miss path
    expect(global.flows['get-product']!.worst.cache!.miss.p99).toBeGreaterThan(30.5 + 82 - 1);
  });

  it('stage 4: a lost cache node sends its quarter of the hits to the database', () => {
    const storm = (reads: number, nodes: number, dbReplicas: number) => 231 + (reads * (0.05 + 0.95 / nodes)) / dbReplicas;
    expect(storm(27_778, 4, 1)).toBeGreaterThan(8000); // 8,217: one node over 80%
    expect(storm(27_778, 4, 2)).toBeCloseTo(4224, 0);
    expect(storm(27_778, 8, 1)).toBeLessThan(8000); // more, smaller cache nodes also work
    // the survivor's catalog-api carries 46,527 req/s over 12 replicas of 5,000
    const lost = runDrill(modelOf('solutions/stage-4.yaml', 4), [(() => {
      const p = parseScenario('region-down:us-east');
      if (!p.ok) throw new Error(p.message);
      return p.scenario;
    })()]);
    expect(lost.final.metrics.capacity['catalog-api']!['eu-west']!.utilization).toBeCloseTo((READS + UPDATES) / (12 * 5000), 2);
    expect(lost.final.overloaded).toEqual([]);
    expect(analyse(modelOf('solutions/stage-4.yaml', 4)).stores['products-db']!.rtoS).toBe(10 + 30);
  });

  it('stage 5: a change reaches the caches in the connector lag plus the replica lag', () => {
    const m = analyse(modelOf('solutions/stage-5.yaml', 5));
    // (plus the connector's queue wait at its load, well under a millisecond)
    expect(m.staleness['products-cache']!.totalMs + m.stores['products-db']!.rpoS! * 1000).toBeCloseTo(300 + 1000, 1);
  });

  it('stage 4: a replica per cache partition removes the storm; a stated hit ratio does not', () => {
    // a partition's replica is promoted with its keys: only the 5% misses reach the database
    expect(231 + 27_778 * 0.05).toBeCloseTo(1620, 0); // one node, 16%
    // the fixture states 99.9% and keeps one database node: the storm is still 27,778 x (5% + 95% / 4)
    const m = analyse(modelOf('fixtures/stage-4-cache-nodes-without-copies.yaml', 4));
    const cache = m.capacity['products-cache']!['us-east']!;
    const db = m.capacity['products-db']!['us-east']!;
    expect(cache.replicas).toBe(1);
    expect(db.replicas).toBe(1);
    expect(db.writeRate + cache.rate * (0.05 + 0.95 / cache.partitions!)).toBeCloseTo(231 + 7986, -1); // 82%
    // The stated 99.9 % contradicts the measured 95 % the problem gives products-cache: it is not used
    // (design/honest-figures names it), so us-east's database takes 5 % of its 27,778 reads/s.
    expect(db.rate - db.writeRate).toBeCloseTo(27_778 * 0.05, 0);
  });

  it('stage 5: the replica lag is the measured 1 s whatever a spec states', () => {
    // the fixture states 200 ms; graded with the 1,000 ms floor: 1,700 (batch) + 1,000 = 2,700 ms > 2,000
    const m = analyse(modelOf('fixtures/stage-5-replica-lag-stated.yaml', 5));
    expect(m.stores['products-db']!.rpoS).toBe(1);
    expect(m.staleness['products-cache']!.totalMs + m.stores['products-db']!.rpoS! * 1000).toBeCloseTo(1700 + 1000, 1);
  });

  it('stage 4: restating where the shoppers are does not shrink the storm', () => {
    // at 50/50 the storm is 23,148 x (5% + 95% / 4) + 231 = 6,886 (69%); at the scenario's 60%, 8,217
    expect(23_148 * (0.05 + 0.95 / 4) + 231).toBeCloseTo(6886, 0);
    const m = analyse(modelOf('fixtures/stage-4-users-restated.yaml', 4));
    const eu = m.capacity['products-cache']!['eu-west']!;
    expect(eu.rate - eu.writeRate).toBeCloseTo(0.4 * 46_296, 0); // the given 40 %, not the spec's 50 %
  });
});
