// Read:write ratio and where its inputs come from, each case checked against a hand-computed figure.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { readWriteRatio } from '../../src/analysis/read-write.js';
import { modelOf } from './model-of.js';

describe('readWriteRatio', () => {
  it('divides reads by writes', () => {
    // the course's orders example: 40,000 reads/s / 200 writes/s = 200:1
    expect(readWriteRatio(40000, 200)).toBe(200);
    // 2,000 / 50 = 40:1
    expect(readWriteRatio(2000, 50)).toBe(40);
    // 250 / 1000 = 0.25: a write-heavy workload
    expect(readWriteRatio(250, 1000)).toBe(0.25);
  });

  it('is unbounded with reads and no writes, and 0 with nothing at all', () => {
    expect(readWriteRatio(10, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(readWriteRatio(0, 0)).toBe(0);
    expect(readWriteRatio(0, 5)).toBe(0);
  });
});

const spec = (workload: string) => `
regions: [us-east]
components:
  api: {kind: service}
  db: {kind: database}
flows:
  get-order: {kind: read, rate: 1000, path: [api, db]}
  list-orders: {kind: read, rate: 500, path: [api, db]}
  create-order: {kind: write, rate: 10, path: [api, db]}
  cancel-order: {kind: write, rate: 5, path: [api, db]}
  ping: {kind: read, path: [api]}
${workload}`;

describe('workload read:write in the metrics', () => {
  it('sums the flow rates when the workload does not state them', () => {
    // reads 1000 + 500 + 0 = 1500/s, writes 10 + 5 = 15/s: 1500 / 15 = 100:1
    const w = analyse(modelOf(spec(''))).workload;
    expect(w).toEqual({ readsPerS: 1500, writesPerS: 15, readWriteRatio: 100, derived: { reads: true, writes: true } });
  });

  it('takes a stated figure over the flows, side by side', () => {
    // reads stated 3000/s, writes summed 15/s: 3000 / 15 = 200:1
    const w = analyse(modelOf(spec('workload: {reads_per_s: 3000}'))).workload;
    expect(w).toEqual({ readsPerS: 3000, writesPerS: 15, readWriteRatio: 200, derived: { reads: false, writes: true } });
  });

  it('uses both stated figures', () => {
    // 2000 / 50 = 40:1
    const w = analyse(modelOf(spec('workload: {reads_per_s: 2000, writes_per_s: 50}'))).workload;
    expect(w).toMatchObject({ readWriteRatio: 40, derived: { reads: false, writes: false } });
  });
});
