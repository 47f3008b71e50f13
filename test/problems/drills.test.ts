// Drill questions: seeded and reproducible, every kind generated, graded with the estimate rules.
import { describe, expect, it } from 'vitest';
import { DRILL_KINDS, generateDrills, gradeDrill } from '../../src/problems/drills.js';

describe('generateDrills', () => {
  it('gives the same questions for the same seed and different ones for another', () => {
    expect(generateDrills(42, 10).map((q) => q.text)).toEqual(generateDrills(42, 10).map((q) => q.text));
    expect(generateDrills(42, 10).map((q) => q.text)).not.toEqual(generateDrills(43, 10).map((q) => q.text));
  });

  it('cycles through every kind', () => {
    expect(new Set(generateDrills(1, 5).map((q) => q.kind))).toEqual(new Set(DRILL_KINDS));
  });

  it('tightens the tolerance with the level', () => {
    expect(generateDrills(1, 1, 'staff')[0]!.reference.tolerance).toBe(1.25);
    expect(generateDrills(1, 1, 'interview')[0]!.reference.tolerance).toBe(1.5);
  });

  it('a QPS question is graded against the arithmetic of its own text', () => {
    const q = generateDrills(1, 5).find((x) => x.kind === 'qps')!;
    const [, dauM, perUser, peak] = /(\d+)M daily users each make (\d+) requests a day; the busiest second is (\d+)×/.exec(q.text)!.map(Number);
    const peakRps = (dauM! * 1e6 * perUser! * peak!) / 86_400;
    expect(gradeDrill(q, `${Math.round(peakRps)}/s`)).toMatchObject({ ok: true, correct: true });
    // the average second (peak factor left out) is named as such when the factor is beyond the tolerance
    const avg = gradeDrill(q, `${Math.round(peakRps / peak!)}/s`);
    expect(avg.ok && avg.correct).toBe(false);
    if (peak! > 2) expect(avg.ok && avg.judgement.verdict).toBe('missing-factor');
  });

  it('a servers question: a bare number is a count; unreadable answers are errors, not misses', () => {
    const q = generateDrills(1, 5).find((x) => x.kind === 'servers')!;
    const [, peakK, perServer] = /(\d+)k req\/s at peak; one server handles ([\d,]+) req\/s/.exec(q.text)!;
    const servers = Math.ceil((Number(peakK) * 1000) / Number(perServer!.replace(/,/g, '')) / 0.8);
    expect(gradeDrill(q, String(servers))).toMatchObject({ ok: true, correct: true });
    expect(gradeDrill(q, 'lots').ok).toBe(false);
  });
});
