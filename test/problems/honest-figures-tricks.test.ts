// Each trick class of issue 10, applied to a shipped problem: the stage fails, and design/honest-figures
// names the claimed and the used figure. The fixtures are the catalog's own (problem check proves them too).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradeLoaded } from '../../src/grading/grade.js';
import { loadProblem } from '../../src/problems/problem.js';
import { stageRubric } from '../../src/problems/stage-rubric.js';
import { loadSpecFile } from '../../src/specfile/load.js';

const PROBLEMS = join(import.meta.dirname, '..', '..', 'problems');

function gradeFixture(problemId: string, stage: number, fixture: string) {
  const p = loadProblem(join(PROBLEMS, problemId));
  if (!p.ok) throw new Error(p.diagnostics.map((d) => d.message).join('; '));
  const rubric = stageRubric(p.problem, stage);
  if (!rubric.ok) throw new Error(rubric.diagnostics.map((d) => d.message).join('; '));
  const loaded = loadSpecFile(join(PROBLEMS, problemId, 'fixtures', fixture));
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  const report = gradeLoaded(loaded.loaded, rubric.rubric, { problem: problemId, stage });
  const honest = report.checks.find((c) => c.id === 'design/honest-figures');
  return { report, honest, messages: honest?.findings.map((f) => f.message) ?? [] };
}

describe('a grade cannot be bought by stating numbers', () => {
  it('fast dependency claim: payment-api at a tenth of its given latency', () => {
    // checkout-bulkhead gives payment-api 80 ms p50 / 200 ms p99; the fixture says 80 / 10 = 8 and 200 / 10 = 20.
    const { report, honest, messages } = gradeFixture('checkout-bulkhead', 2, 'stage-1-trick-fast-dependency.yaml');
    expect(report.passed).toBe(false);
    expect(honest?.status).toBe('fail');
    expect(messages).toContain('payment-api latency_ms.p99 is 200 ms in this problem (given for payment-api); your spec says 20 ms: graded with 200 ms');
    // And the analysis used the given: checkout's payment hop takes 200 ms at p99.
    const hop = report.metrics.flows['checkout']!.worst.hops.find((h) => h.component === 'payment-api')!;
    expect(hop.processing.p99).toBe(200);
  });

  it('a call step cannot buy back a given latency: payment-api stated at a tenth on checkout\'s step', () => {
    // checkout-bulkhead gives payment-api 80 ms p50 / 200 ms p99; the step says 8 / 20 ms.
    const { report, honest, messages } = gradeFixture('checkout-bulkhead', 2, 'stage-1-trick-step-latency.yaml');
    expect(report.passed).toBe(false);
    expect(honest?.status).toBe('fail');
    expect(messages).toContain(
      'payment-api latency_ms.p99 is 200 ms in this problem (given for payment-api; a call step cannot make it faster); your spec says 20 ms: graded with 200 ms',
    );
    const hop = report.metrics.flows['checkout']!.worst.hops.find((h) => h.component === 'payment-api')!;
    expect(hop.processing.p99).toBe(200);
    expect(hop.processing.p50).toBe(80);
  });

  it('inflated capacity_rps: a CDN node serving a million requests a second', () => {
    // url-shortener gives every cdn 500,000 req/s per node; the fixture claims 1,000,000.
    const { report, messages } = gradeFixture('url-shortener', 3, 'stage-2-trick-inflated-capacity.yaml');
    expect(report.passed).toBe(false);
    expect(messages).toContain('edge capacity_rps is 500,000 req/s in this problem (given for every cdn); your spec says 1,000,000 req/s: graded with 500,000 req/s');
  });

  it('inflated threads: web-api with ten times the threads the problem gives', () => {
    // 200 threads per replica given; 200 x 10 = 2,000 claimed.
    const { report, messages } = gradeFixture('checkout-bulkhead', 2, 'stage-1-trick-inflated-threads.yaml');
    expect(report.passed).toBe(false);
    expect(messages).toContain('web-api threads is 200 threads in this problem (given for web-api); your spec says 2000 threads: graded with 200 threads');
    expect(report.metrics.pools['web-api']!.threads).toBe(200);
  });

  it('tiny RTT override: us-east to eu-west in 1 ms', () => {
    // The problem fixes the measured table: us-east <-> eu-west is 82 ms.
    const { report, messages } = gradeFixture('global-feed', 2, 'stage-1-trick-tiny-rtt.yaml');
    expect(report.passed).toBe(false);
    expect(messages).toContain('the round trip us-east <-> eu-west is 82 ms in this problem (measured table, given for this problem); your spec says 1 ms: graded with 82 ms');
  });

  it('availability 1: a service that is never down', () => {
    // payments-failover gives 99.95 % for one region's deployment of any tier.
    const { report, messages } = gradeFixture('payments-failover', 2, 'stage-1-trick-availability-one.yaml');
    expect(report.passed).toBe(false);
    expect(messages).toContain('payments-api availability is 0.9995 in this problem (given for every component); your spec says 1: graded with 0.9995');
  });

  it('availability 1 where the problem gives none: out of the plausible range', () => {
    const { report, messages } = gradeFixture('order-history', 2, 'stage-1-trick-availability-one.yaml');
    expect(report.passed).toBe(false);
    // At most 0.9999 for one region (the highest single-region SLA in the catalog); the default 0.9995 is used.
    expect(messages).toContain('orders-api availability is 1: nothing one region runs is never down (at most 0.9999); graded with 0.9995');
  });

  it('async replication with zero lag', () => {
    // presence-db's copies reach ap-northeast: half of the measured us-east <-> ap-northeast 156 ms = 78 ms at least.
    const { report, messages } = gradeFixture('chat-presence', 2, 'stage-1-trick-async-lag-zero.yaml');
    expect(report.passed).toBe(false);
    expect(messages).toContain('presence-db replication.lag_ms is 0 ms on async replication: an async copy always trails its primary (between 78 and 600,000 ms here); graded with 1000 ms');
  });

  it('ambient overhead on a sidecar mesh', () => {
    // trading-mesh gives a sidecar pair 1.7 ms p50 / 2.7 ms p99 per call; the fixture states ambient's 0.17 / 0.2.
    const { report, messages } = gradeFixture('trading-mesh', 2, 'stage-1-trick-ambient-on-sidecar.yaml');
    expect(report.passed).toBe(false);
    expect(messages).toContain("the mesh's overhead_ms.p99 is 2.7 ms in this problem (given for a sidecar mesh); your spec says 0.2 ms: graded with 2.7 ms");
    expect(report.metrics.mesh?.overheadMs.p99).toBe(2.7);
  });

  it('the report warns at the claim\'s file:line:col, naming both figures', () => {
    const { report } = gradeFixture('checkout-bulkhead', 2, 'stage-1-trick-fast-dependency.yaml');
    expect(report.warnings.some((w) => /stage-1-trick-fast-dependency\.yaml:\d+:\d+.*payment-api latency_ms\.p99 is 200 ms in this problem.*your spec says 20 ms: graded with 200 ms/.test(w))).toBe(true);
  });

  it('a mentor relaxes the check by listing it with must_pass false, or disables it', () => {
    const p = loadProblem(join(PROBLEMS, 'checkout-bulkhead'));
    if (!p.ok) throw new Error('no problem');
    const relaxed = { ...p.problem, stages: p.problem.stages.map((s) => ({ ...s, rubric: { checks: { 'bulkhead/isolated-pools': true, 'design/honest-figures': { must_pass: false } } } })) };
    const r = stageRubric(relaxed, 2);
    expect(r.ok && r.rubric.checks.find((c) => c.id === 'design/honest-figures')?.mustPass).toBe(false);
    const off = { ...p.problem, stages: p.problem.stages.map((s) => ({ ...s, rubric: { checks: { 'bulkhead/isolated-pools': true, 'design/honest-figures': false } } })) };
    const r2 = stageRubric(off, 2);
    expect(r2.ok && r2.rubric.checks.some((c) => c.id === 'design/honest-figures')).toBe(false);
  });
});
