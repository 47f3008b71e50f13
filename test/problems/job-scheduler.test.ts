// job-scheduler: the figures its prompts, hints and references state, computed by hand here and
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

const DIR = join(SHIPPED_PROBLEMS, 'job-scheduler');
const problem = (() => {
  const r = loadProblem(DIR);
  if (!r.ok) throw new Error('job-scheduler does not load');
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

const HOURLY = 40_000 * 30; // 1.2M runs an hour

describe('job-scheduler', () => {
  it('the estimate stage derives the top-of-the-hour peak and the workers by Little\'s law', () => {
    const refs = problem.stages[0]!.estimate!.references;
    expect(refs.avg_triggers_per_s!.shown).toBeCloseTo(HOURLY / 3600, 3); // 333/s
    expect(refs.peak_triggers_per_s!.shown).toBeCloseTo((HOURLY * 0.25) / 60, 3); // 5,000/s, 15x the average
    // 1.2M an hour × 8,766 hours (365.25 days) × 2 KB = 21 TB
    expect(refs.history_storage_per_year!.shown).toBeCloseTo((HOURLY * 365.25 * 24 * 2000) / 1e12, 6);
    expect(refs.worker_replicas!.shown).toBe(Math.ceil((5000 * 1) / 200 / 0.8)); // 31.25 -> 32
  });

  it('stage 2: three schedulers, a partitioned claim store, workers sized by the threads a run holds', () => {
    const m = analyse(modelOf('solutions/stage-2.yaml', 2));
    expect(m.capacity['scheduler']!['us-east']!.utilization).toBeCloseTo(5000 / (3 * 5000), 3);
    // 5,000 claims + 2 updates per run = 15,000 writes/s; 4 partitions: 3,750 per node of 10,000
    expect(m.capacity['runs-db']!['us-east']!.utilization).toBeCloseTo(15_000 / 4 / 10_000, 3);
    // execute-job: 15 + 20 (conditional start) + 1,000 (webhook) + 20 (done) + round trips
    expect(m.flows['execute-job']!.worst.p99).toBeGreaterThan(15 + 20 + 1000 + 20);
    expect(m.flows['execute-job']!.worst.p99).toBeLessThan(15 + 20 + 1000 + 20 + 5);
  });

  it('stage 3: a hung Acme endpoint fails Acme\'s runs only', () => {
    // Acme's pool at the 2 s timeout: 1,500 / 40 × 2 = 75 threads per replica (pool 80)
    expect((1500 / 40) * 2).toBe(75);
    const drill = runDrill(modelOf('solutions/stage-3.yaml', 3), [scenario('slow:acme-webhook=5000')]);
    expect(drill.final.flows['execute-job-acme']!.errorShare).toBe(1);
    expect(drill.final.flows['execute-job-others']!.errorShare).toBe(0);
    const shared = runDrill(modelOf('fixtures/stage-3-shared-pool.yaml', 3), [scenario('slow:acme-webhook=5000')]);
    expect(shared.final.flows['execute-job-others']!.errorShare).toBe(1);
  });

  it('stage 4: the claim store fails over in 40 s and loses no claimed run', () => {
    const m = analyse(modelOf('solutions/stage-4.yaml', 4));
    expect(m.stores['runs-db']!.rtoS).toBe(10 + 30);
    expect(m.stores['runs-db']!.rpoS).toBe(0);
    // the claim now waits for the standby: + 64 ms
    expect(m.flows['fire-job']!.worst.p99).toBeGreaterThan(0.5 + 15 + 0.5 + 20 + 64);
    const lost = runDrill(modelOf('solutions/stage-4.yaml', 4), [scenario('region-down:us-east')]);
    expect(lost.final.healthy).toBe(true);
    expect(lost.dataLoss.filter((d) => (d.rpoS ?? 0) > 0)).toEqual([]);
    const async = runDrill(modelOf('fixtures/stage-4-async-claims.yaml', 4), [scenario('region-down:us-east')]);
    expect(async.dataLoss.find((d) => d.store === 'runs-db')!.rpoS).toBe(1);
  });

  it('stage 3: a pool may neither starve Acme nor cut its healthy calls short', () => {
    // 32 replicas: 1,500 / 32 = 46.9 Acme calls/s per replica x 1 s p99 = 46.9 threads busy, pool 20
    const starved = analyse(modelOf('fixtures/stage-3-acme-pool-starved.yaml', 3));
    const acme = starved.pools['job-worker']!.pools.find((p) => p.name === 'acme-webhook')!;
    expect(acme.size).toBe(20);
    expect(acme.demand).toBeCloseTo(1500 / 32, 1);
    // a 300 ms pool timeout: log-normal with median 200 ms and p99 1,000 ms has sigma = ln 5 / 2.326,
    // so P(call > 300 ms) = 1 - Phi(ln 1.5 / sigma) = 1 - Phi(0.586) = 0.279 of healthy calls cut off
    const sigma = Math.log(5) / 2.3263;
    expect(Math.log(1.5) / sigma).toBeCloseTo(0.586, 2);
    const cut = analyse(modelOf('fixtures/stage-3-acme-timeout-cut.yaml', 3));
    const call = cut.pools['job-worker']!.calls.find((c) => c.dependency === 'acme-webhook')!;
    expect(call.p99Ms).toBe(300); // held at most 300 ms: under the healthy 1,000 ms p99
    expect(call.demand).toBeCloseTo((1500 / 32) * 0.3, 1); // 14 threads: why 50 look enough
  });

  it('stage 4: the synchronous claims lengthen the core pool\'s calls; 44 replicas and 70 / 100 / 30 fit', () => {
    const m = analyse(modelOf('solutions/stage-4.yaml', 4));
    const pools = m.pools['job-worker']!.pools;
    expect(pools.map((p) => p.size)).toEqual([70, 100, 30]); // 200 threads
    // a hung Acme holds 1,500 / 44 x 2 s = 68.2 threads, within 70
    expect((1500 / 44) * 2).toBeLessThan(70);
    expect(pools.find((p) => p.name === 'acme-webhook')!.demand).toBeCloseTo(1500 / 44, 1); // 34.1 at the 1 s p99
    expect(pools.find((p) => p.name === 'tenant-webhooks')!.demand).toBeCloseTo(3500 / 44, 1); // 79.5
    const core = pools.find((p) => p.name === 'core')!.demand;
    expect(core + 5).toBeLessThanOrEqual(30); // about 21 + 5 breathing room
  });
});
