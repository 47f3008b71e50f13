// fixedNumber (checks/types.ts) must equal Number(x.toFixed(digits)) for every number: messages print it.
import { describe, expect, it } from 'vitest';
import { fixedNumber, pct } from '../../src/checks/types.js';

/** A deterministic generator (LCG), so a failure reproduces. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe('fixedNumber', () => {
  it('equals Number(x.toFixed(d)) on random, half-way, huge, tiny and negative values', () => {
    const rnd = lcg(7);
    const values: number[] = [0, -0, 0.5, -0.5, 1.005, 2.675, 1.0005, 99.9995, 99.95, 1e21, 2 ** 53, Number.MIN_VALUE, -1.5e-7];
    for (let i = 0; i < 20000; i++) {
      const d = Math.floor(rnd() * 11);
      const k = Math.floor(rnd() * 1e6);
      // Half-way cases in decimal (rarely exact in binary: the hard ones), their neighbours, and plain randoms.
      const half = (k + 0.5) / 10 ** d;
      values.push(
        half,
        -half,
        half + Number.EPSILON * half,
        rnd() * 100,
        rnd() * 10 ** Math.floor(rnd() * 16),
        -rnd() * 1000,
        1 - rnd() * 1e-6,
      );
    }
    let mismatches = 0;
    for (const x of values) for (let d = 0; d <= 12; d++) if (!Object.is(fixedNumber(x, d), Number(x.toFixed(d)))) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('pct prints what toFixed printed: 0.12345 -> "12.345%", 0.9995 at one digit -> "100%"', () => {
    // 0.12345 x 100 = 12.345 (3 digits kept); 99.95 to one digit rounds half up to 100.0 -> "100".
    expect(pct(0.12345)).toBe(`${Number((0.12345 * 100).toFixed(3))}%`);
    expect(pct(0.9995, 1)).toBe(`${Number((0.9995 * 100).toFixed(1))}%`);
    expect(pct(Number.POSITIVE_INFINITY)).toBe('unbounded');
  });
});
