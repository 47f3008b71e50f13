// trading-mesh's estimate stage: the rates it derives from the traders over a 6.5-hour session are the
// ones the design stages grade (2,000 orders and 1,000 cancels a second; 12,000 at the open).
// Every figure worked by hand.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProblem } from '../../src/problems/problem.js';

const p = loadProblem(join(import.meta.dirname, '..', '..', 'problems', 'trading-mesh'));
if (!p.ok) throw new Error(p.diagnostics.map((d) => d.message).join('; '));
const problem = p.problem;
const estimate = problem.stages[0]!.estimate!;
const SESSION = 6.5 * 3_600; // 23,400 s: the market is open 6.5 hours, not 24

describe('trading-mesh, estimate stage', () => {
  it('comes first and computes without errors', () => {
    expect(problem.stages[0]!.kind).toBe('estimate');
    expect(problem.stages.slice(1).every((s) => s.kind === 'design')).toBe(true);
    expect(estimate.errors()).toEqual([]);
  });

  it('derives the session peaks the mesh stages carry', () => {
    // 300k × 52 = 15.6M orders a session; / 23,400 s = 666.7/s; × 3 = 2,000/s
    expect(estimate.references.peak_orders_per_s!.shown).toBeCloseTo((300e3 * 52 * 3) / SESSION, 6);
    expect(estimate.references.peak_orders_per_s!.shown).toBeCloseTo(2_000, 6);
    expect(estimate.quantities.peak_orders_per_s!.flow).toBe('place-order');
    // 300k × 26 = 7.8M cancels; / 23,400 s = 333.3/s; × 3 = 1,000/s
    expect(estimate.references.peak_cancels_per_s!.shown).toBeCloseTo(1_000, 6);
    expect(estimate.quantities.peak_cancels_per_s!.flow).toBe('cancel-order');
  });

  it("derives the opening auction's 12,000 orders/s and the replicas it needs", () => {
    // 2,000/s × 6 = 12,000/s, the auction stage's figure; no flow (the earlier stages run at the session peak)
    expect(estimate.references.opening_orders_per_s!.shown).toBeCloseTo(12_000, 6);
    expect(estimate.quantities.opening_orders_per_s!.flow).toBeUndefined();
    // (12,000 + 6,000) / 4,000 = 4.5 busy; / 0.8 = 5.625 -> 6
    expect(estimate.references.order_service_replicas_at_open!.shown).toBe(6);
  });

  it('storage and bandwidth of order-log', () => {
    // 300k × 78 = 23.4M events a session × 252 sessions × 1,000 B = 5.8968e12 B ≈ 5.9 TB
    expect(estimate.references.order_log_per_year!.shown).toBeCloseTo((300e3 * 78 * 252 * 1_000) / 1e12, 6);
    // 3,000 events/s × 1,000 B × 8 bits = 24e6 bit/s = 24 Mbps
    expect(estimate.references.order_log_ingress!.shown).toBeCloseTo(24, 6);
  });
});
