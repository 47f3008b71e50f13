// key-value-store: the figures its prompts, hints and references state, computed by hand here and
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

const DIR = join(SHIPPED_PROBLEMS, 'key-value-store');
const problem = (() => {
  const r = loadProblem(DIR);
  if (!r.ok) throw new Error('key-value-store does not load');
  return r.problem;
})();
const modelOf = (file: string, stage: number) => {
  const r = loadSpecFile(join(DIR, file));
  if (!r.ok) throw new Error(`${file} does not load`);
  return withGivens(r.loaded, stageGivens(problem, stage)).model;
};
const scenario = (text: string) => {
  const p = parseScenario(text);
  if (!p.ok) throw new Error(p.message);
  return p.scenario;
};

const READS = (200e6 * 300 * 3) / 86_400; // 2,083,333/s
const WRITES = (200e6 * 100 * 3) / 86_400; // 694,444/s

describe('key-value-store', () => {
  it('the estimate stage derives the rates, storage, replication traffic and partitions', () => {
    const refs = problem.stages[0]!.estimate!.references;
    expect(refs.peak_reads_per_s!.shown).toBeCloseTo(READS, 3);
    expect(refs.peak_writes_per_s!.shown).toBeCloseTo(WRITES, 3);
    // 500M accounts × 20 keys × 1 KB × 3 copies = 3 × 10^13 B = 30 TB
    expect(refs.storage_with_replicas!.shown).toBeCloseTo((500e6 * 20 * 1000 * 3) / 1e12, 6);
    // 694,444 writes/s × 1 KB × 2 other copies × 8 bits = 11.1 Gbit/s
    expect(refs.replication_egress!.shown).toBeCloseTo((WRITES * 1000 * 2 * 8) / 1e9, 6);
    // 694,444 / (50,000 × 0.6) = 23.1 -> 24
    expect(refs.leader_partitions!.shown).toBe(24);
  });

  it('stage 2: a put waits for the leader and its nearest other voter; gets stay local', () => {
    const m = analyse(modelOf('solutions/stage-2.yaml', 2));
    // from eu-west: 82 ms to the leader in us-east + 15 ms write + 64 ms to us-west (the quorum), plus a queue wait
    const put = m.flows['put-key']!.worst.p99;
    expect(put).toBeGreaterThanOrEqual(82 + 15 + 64);
    expect(put).toBeLessThan(82 + 15 + 64 + 0.5);
    // a follower read: 0.5 ms + 9 ms
    expect(m.flows['get-key']!.worst.p99).toBeLessThan(0.5 + 9 + 0.5);
    // election: 1 s timeout + the 147 ms vote round trip us-west <-> eu-west
    expect(m.stores['kv-db']!.rtoS).toBeCloseTo(1 + 0.147, 6);
    expect(m.stores['kv-db']!.rpoS).toBe(0);
    // busiest node (us-east): its partition's writes + half the reads over 32 partitions and 2 replicas
    expect(m.capacity['kv-db']!['us-east']!.utilization).toBeCloseTo((WRITES / 32 + (READS * 0.5) / 32 / 2) / 50_000, 3);
  });

  it('stage 3: the unsplit counter puts 5% of everything on one partition', () => {
    const whole = analyse(modelOf('fixtures/stage-3-counter-whole.yaml', 3));
    // The partition owning the counter: its 5% plus 1/32 of the other 95% = 7.97% of 694,444 writes + 1,041,667 reads / 2
    const hot = 0.05 + 0.95 / 32;
    expect(whole.capacity['kv-db']!['us-east']!.utilization).toBeCloseTo((WRITES * hot + (READS * 0.5 * hot) / 2) / 50_000, 3);
    const split = analyse(modelOf('solutions/stage-3.yaml', 3));
    // split into 32 sub-keys, one per partition: 0.05 / 32 + 0.95 / 32 = 1/32, the even share
    expect(split.capacity['kv-db']!['us-east']!.utilization).toBeCloseTo((WRITES / 32 + (READS * 0.5) / 32 / 2) / 50_000, 3);
    // 8 sub-keys would leave 0.05 / 8 + 0.95 / 32 = 3.59% on the busiest partition: 87% of a node
    const eight = 0.05 / 8 + 0.95 / 32;
    expect((WRITES * eight + (READS * 0.5 * eight) / 2) / 50_000).toBeGreaterThan(0.87);
  });

  it('stage 4: with us-east lost, us-west carries 70% of the reads under 80% with 3 replicas, not with 2', () => {
    const node = (replicas: number) => (WRITES / 32 + (READS * 0.7) / 32 / replicas) / 50_000;
    expect(node(2)).toBeGreaterThan(0.8); // 0.89
    expect(node(3)).toBeLessThan(0.8); // 0.74
    const ref = runDrill(modelOf('solutions/stage-4.yaml', 4), [scenario('region-down:us-east')]);
    expect(ref.final.metrics.capacity['kv-db']!['us-west']!.utilization).toBeCloseTo(node(3), 3);
    expect(ref.dataLoss.every((d) => (d.rpoS ?? 0) === 0)).toBe(true);
    const thin = runDrill(modelOf('fixtures/stage-4-sized-for-peak-only.yaml', 4), [scenario('region-down:us-east')]);
    expect(thin.final.metrics.capacity['kv-db']!['us-west']!.utilization).toBeCloseTo(node(2), 3);
  });

  it('stage 5: carts are written locally and merged; kv-db keeps consensus', () => {
    const m = analyse(modelOf('solutions/stage-5.yaml', 5));
    expect(m.flows['add-to-cart']!.worst.p99).toBeLessThan(0.5 + 15 + 1); // local write, no quorum
    expect(m.stores['cart-db']!.rtoS).toBe(10 + 0); // detect 10 s, steer 0 s
    expect(m.stores['cart-db']!.rpoS).toBe(0.5);
    // cart-db per node in us-east: every write 20,000 + half of the 60,000 reads / 3 replicas
    expect(m.capacity['cart-db']!['us-east']!.utilization).toBeCloseTo((20_000 + (60_000 * 0.5) / 3) / 50_000, 3);
  });

  it('stage 2: a synchronous standby cannot state its way to 15 s, nor every region take writes', () => {
    // the measured promotion (givens.failover): 10 s to detect + 30 s to promote = 40 s; the fixture states
    // 3 + 5 = 8 s, which is graded with the measured figures
    const fast = modelOf('fixtures/stage-2-sync-fast-promotion.yaml', 2);
    expect(fast.figures!.filter((f) => f.verdict === 'contradicts-given').map((f) => [f.field, f.claimed, f.value])).toEqual([
      ['failover.detect_s', 3, 10],
      ['failover.promote_s', 5, 30],
    ]);
    expect(fast.components['kv-db']!.failover!.mode).toBe('active-passive');
    expect(analyse(fast).stores['kv-db']!.rtoS).toBe(10 + 30);
    // sync multi-primary: nothing lost (RPO 0), but no single order of writes for compare-and-set
    const multi = analyse(modelOf('fixtures/stage-2-sync-multi-primary.yaml', 2));
    expect(multi.stores['kv-db']!.rpoS).toBe(0);
    expect(multi.stores['kv-db']!.mode).toBe('active-active');
    expect(multi.stores['kv-db']!.replication).not.toBe('consensus');
    // the reference: consensus, elected in 1 s + one vote round trip
    expect(analyse(modelOf('solutions/stage-2.yaml', 2)).stores['kv-db']!.replication).toBe('consensus');
  });

  it('stage 2: restating where the users are does not size the store', () => {
    // 28 partitions sized for an even split; graded at the given 50 % in us-east, its nodes carry
    // 694,444 / 28 + 0.5 x 2,083,333 / 28 / 2 = 43,403 (87%)
    expect(694_444 / 28 + (0.5 * READS) / 28 / 2).toBeCloseTo(43_403, -1);
    const m = analyse(modelOf('fixtures/stage-2-users-restated.yaml', 2));
    const east = m.capacity['kv-db']!['us-east']!;
    expect(east.rate - east.writeRate).toBeCloseTo(0.5 * 2_083_333, -1); // the given 50 %, not the spec's 34 %
    const west = m.capacity['kv-db']!['us-west']!;
    expect(west.rate - west.writeRate).toBeCloseTo(0.2 * 2_083_333, -1); // the given 20 %, not the spec's 33 %
  });
});
