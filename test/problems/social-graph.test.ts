// social-graph: the estimate derivations, the pop star's partition and the mesh's cost on the hot
// check, each figure worked out by hand from problem.yaml and the spec files.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { loadProblem } from '../../src/problems/problem.js';
import { stageGivens } from '../../src/problems/stage-rubric.js';
import { loadSpecFile, withGivens } from '../../src/specfile/load.js';

const DIR = join(import.meta.dirname, '..', '..', 'problems', 'social-graph');
const loaded = loadProblem(DIR);
if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
const problem = loaded.problem;

/** The spec as the grader sees it: resolved with the problem's givens for its stage. */
function metricsOf(file: string) {
  const r = loadSpecFile(join(DIR, file));
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return analyse(withGivens(r.loaded, stageGivens(problem, r.loaded.model.stage ?? 1)).model);
}

describe('social-graph estimate stage', () => {
  const refs = problem.stages[0]!.estimate!.references;

  it('derives the checks and the follows from the daily users', () => {
    // 54M × 80 = 4.32 billion a day / 86,400 s = 50,000/s × 4 = 200,000/s
    expect(refs.peak_follow_checks_per_s!.shown).toBeCloseTo((54e6 * 80 * 4) / 86_400, 6);
    expect(refs.peak_follow_checks_per_s!.shown).toBeCloseTo(200_000, 6);
    // 54M × 0.2 = 10.8M a day / 86,400 s = 125/s × 4 = 500/s
    expect(refs.peak_follows_per_s!.shown).toBeCloseTo(500, 6);
  });

  it('counts every copy of every edge, and the nodes at the 80% ceiling', () => {
    // 300M × 200 = 60 billion edges × 16 B × 2 directions × 3 replicas = 5.76e12 B = 5.76 TB
    expect(refs.edge_storage!.shown).toBeCloseTo((300e6 * 200 * 16 * 2 * 3) / 1e12, 6);
    // 200,000 / 25,000 / 0.8 = 10
    expect(refs.graph_db_nodes!.shown).toBe(10);
  });
});

describe('social-graph, the pop star on one partition', () => {
  it('split into 16 sub-keys, the busiest partition carries 1/16: 6.25% × (500 + 200,000 / 2) per node', () => {
    const east = metricsOf('solutions/stage-2.yaml').capacity['graph-db']!['us-east']!;
    expect(east.hottestShare).toBeCloseTo(1 / 16, 9);
    // 0.0625 × 100,500 = 6,281.25 req/s of 25,000 = 25.1 %
    expect(east.perNodeRate).toBeCloseTo(0.0625 * (500 + 200_000 / 2), 6);
    expect(east.utilization).toBeCloseTo(6_281.25 / 25_000, 3); // the metric is rounded to 0.01 %
  });

  it("64 partitions with the key whole leave the pop star's 20% plus 1/64 of the rest of 200,500 req/s on one node: 170.4%", () => {
    const east = metricsOf('fixtures/stage-2-more-partitions.yaml').capacity['graph-db']!['us-east']!;
    const share = 0.2 + 0.8 / 64; // 21.25%
    expect(east.hottestShare).toBeCloseTo(share, 4);
    expect(east.utilization).toBeCloseTo((share * 200_500) / 25_000, 3);
  });
});

describe('social-graph, the batch check', () => {
  it('read from graph-db in one call, it states no fan-out although graph-db has 16 partitions', () => {
    const m = metricsOf('fixtures/stage-3-fan-out-unstated.yaml');
    expect(m.capacity['graph-db']!['us-east']!.partitions).toBe(16);
    const hop = m.flows['feed-batch-check']!.worst.hops.find((h) => h.component === 'graph-db')!;
    expect(hop.fanout).toBeUndefined();
  });

  it('the reference reads following-db, fed by graph-cdc then following-projector: 200 + 300 = 500 ms behind', () => {
    const s = metricsOf('solutions/stage-3.yaml').staleness['following-db']!;
    expect(s.chain).toEqual(['graph-cdc', 'following-projector']);
    expect(s.projectionLagMs).toBe(200 + 300);
    // plus the workers' queue waits at their load: M/M/c far below saturation, about a microsecond
    expect(s.totalMs).toBeCloseTo(200 + 300, 1);
  });

  it('written beside graph-db in the request, following-db has no worker feeding it', () => {
    expect(metricsOf('fixtures/stage-3-dual-write.yaml').staleness['following-db']).toBeUndefined();
  });
});

describe('social-graph, a cache stated in front of graph-db', () => {
  it('a stated 99% is graded at 0 (the problem gives no cache one): 200,000 + 500 = 200,500 req/s reach graph-db', () => {
    const east = metricsOf('fixtures/stage-2-cache-in-front.yaml').capacity['graph-db']!['us-east']!;
    expect(east.rate).toBeCloseTo(200_000 + 500, 6);
  });
});

describe('social-graph, mTLS on the hot check', () => {
  it('sidecars add 1.35 (into feed-service) + 2.7 (feed-service -> graph-api) + 1.35 (graph-api -> graph-db) = 5.4 ms', () => {
    const f = metricsOf('fixtures/stage-4-sidecars.yaml').flows['is-following']!;
    expect(f.worst.meshMs.p99).toBeCloseTo(2.7 / 2 + 2.7 + 2.7 / 2, 6);
  });

  it('ambient adds 0.1 + 0.2 + 0.1 = 0.4 ms', () => {
    const f = metricsOf('solutions/stage-4.yaml').flows['is-following']!;
    expect(f.worst.meshMs.p99).toBeCloseTo(0.2 / 2 + 0.2 + 0.2 / 2, 6);
  });
});
