// Mock interviews in the progress file: a history of {problem, at, overall, signal}, read back, kept when
// a practice session merges its problems, refused when malformed, and optional (older files have none).
import { describe, expect, it } from 'vitest';
import {
  emptyProgress,
  MAX_INTERVIEWS,
  mergeProgress,
  parseProgress,
  recordGrade,
  recordInterview,
  serializeProgress,
} from '../../src/progress/progress.js';
import { progressText } from '../../src/cli/progress.js';

const AT = '2026-11-30T07:30:00.000Z';
const r = (overall: number, signal = 'hire') => ({
  problem: 'order-history',
  at: AT,
  overall,
  signal,
  session: '/w/s.interview-x/session.yaml',
});

describe('interviews in the progress file', () => {
  it('a file without interviews (every file so far) reads as before, with no list', () => {
    const p = parseProgress('{"version": 2, "problems": {}}');
    expect(p.ok && p.progress.interviews).toBe(undefined);
  });

  it('records, serializes and reads back the history in order', () => {
    const p = recordInterview(recordInterview(emptyProgress(), r(62, 'lean hire')), r(91, 'strong hire'));
    const back = parseProgress(serializeProgress(p));
    expect(back.ok && back.progress.interviews).toEqual([r(62, 'lean hire'), r(91, 'strong hire')]);
  });

  it('keeps the last MAX_INTERVIEWS', () => {
    let p = emptyProgress();
    for (let i = 0; i <= MAX_INTERVIEWS; i++) p = recordInterview(p, r(i % 101));
    expect(p.interviews).toHaveLength(MAX_INTERVIEWS);
    // The first (overall 0) was dropped: the oldest kept is the second.
    expect(p.interviews![0]!.overall).toBe(1);
  });

  it('refuses a malformed entry (the file is then set aside, never half-used)', () => {
    for (const bad of [
      '"x"',
      '[{"problem": "order-history", "at": "2026-11-30T07:30:00Z", "overall": 140, "signal": "hire"}]',
      '[{"problem": "Bad Id", "at": "2026-11-30T07:30:00Z", "overall": 40, "signal": "hire"}]',
    ]) {
      const p = parseProgress(`{"version": 2, "problems": {}, "interviews": ${bad}}`);
      expect(p.ok).toBe(false);
    }
  });

  it('a practice session saving its problems keeps the interviews already on disk', () => {
    const onDisk = recordInterview(emptyProgress(), r(80));
    const mine = recordGrade(emptyProgress(), 'url-shortener', 1, 50, false, Date.parse(AT));
    const merged = mergeProgress(onDisk, mine, ['url-shortener']);
    expect(merged.interviews).toEqual([r(80)]);
    expect(merged.problems['url-shortener']).toBeDefined();
  });

  it('sdcoach progress lists the last interviews, newest first, even with no problem practised', () => {
    const p = recordInterview(recordInterview(emptyProgress(), r(62, 'lean hire')), {
      ...r(91, 'strong hire'),
      at: '2026-12-01T08:00:00.000Z',
    });
    const text = progressText(p, [], '/state/progress.json', false);
    expect(text).toContain('Mock interviews  2 in all');
    expect(text.indexOf('2026-12-01 08:00  order-history  strong hire  (overall 91/100)')).toBeLessThan(
      text.indexOf('2026-11-30 07:30  order-history  lean hire'),
    );
    expect(text).toContain('scorecard /w/s.interview-x/session.yaml');
  });
});
