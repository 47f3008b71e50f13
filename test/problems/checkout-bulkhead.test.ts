// checkout-bulkhead's estimate stage: the rates it derives from the customers are the ones the design
// stages grade (login 1,200, browse 2,000, checkout 240, reset 40 req/s). Every figure worked by hand.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProblem } from '../../src/problems/problem.js';

const p = loadProblem(join(import.meta.dirname, '..', '..', 'problems', 'checkout-bulkhead'));
if (!p.ok) throw new Error(p.diagnostics.map((d) => d.message).join('; '));
const problem = p.problem;
const estimate = problem.stages[0]!.estimate!;

describe('checkout-bulkhead, estimate stage', () => {
  it('comes first and computes without errors', () => {
    expect(problem.stages[0]!.kind).toBe('estimate');
    expect(problem.stages.slice(1).every((s) => s.kind === 'design')).toBe(true);
    expect(estimate.errors()).toEqual([]);
  });

  it.each([
    // 57.6M customers × 0.6 sign-ins a day = 34.56M; / 86,400 s = 400/s; × 3 at peak = 1,200/s
    ['peak_logins_per_s', (57.6e6 * 0.6 * 3) / 86_400, 'login'],
    // 57.6M × 1 / 86,400 = 666.7/s; × 3 = 2,000/s
    ['peak_browse_per_s', (57.6e6 * 1 * 3) / 86_400, 'browse'],
    // 57.6M × 0.12 = 6.912M a day; / 86,400 = 80/s; × 3 = 240/s
    ['peak_checkouts_per_s', (57.6e6 * 0.12 * 3) / 86_400, 'checkout'],
    // 57.6M × 0.02 = 1.152M a day; / 86,400 = 13.33/s; × 3 = 40/s
    ['peak_resets_per_s', (57.6e6 * 0.02 * 3) / 86_400, 'reset-password'],
  ])('%s is %d req/s and feeds flow %s', (name, value, flow) => {
    const ref = estimate.references[name]!;
    expect(ref.shown).toBeCloseTo(value, 6);
    expect(estimate.quantities[name]!.flow).toBe(flow);
  });

  it('the flow rates it derives are the scenario figures', () => {
    expect(estimate.references.peak_logins_per_s!.shown).toBeCloseTo(1_200, 6);
    expect(estimate.references.peak_browse_per_s!.shown).toBeCloseTo(2_000, 6);
    expect(estimate.references.peak_checkouts_per_s!.shown).toBeCloseTo(240, 6);
    expect(estimate.references.peak_resets_per_s!.shown).toBeCloseTo(40, 6);
  });

  it('storage, bandwidth and threads per replica', () => {
    // 6.912M orders a day × 365.25 days (a year in mathjs) × 2,000 B = 5.05e12 B = 5.05 TB
    expect(estimate.references.order_storage_per_year!.shown).toBeCloseTo((57.6e6 * 0.12 * 365.25 * 2_000) / 1e12, 6);
    // 2,000 responses/s × 40,000 B × 8 bits = 640e6 bit/s = 640 Mbps
    expect(estimate.references.browse_egress!.shown).toBeCloseTo(640, 6);
    // Little's law per replica: 240 / 4 = 60/s × 0.2 s = 12; 40 / 4 = 10/s × 0.4 s = 4
    expect(estimate.references.payment_threads!.shown).toBeCloseTo(12, 6);
    expect(estimate.references.email_threads!.shown).toBeCloseTo(4, 6);
  });
});
