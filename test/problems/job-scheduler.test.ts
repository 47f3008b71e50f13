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
});
