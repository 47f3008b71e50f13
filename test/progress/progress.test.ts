// Progress: the pure updates, parsing that refuses anything malformed or newer, the state folder
// rules, atomic writes, setting a bad file aside, and merging with what another session wrote.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { progressDir, readProgress, saveProgress, writeProgress } from '../../src/progress/file.js';
import {
  addTime,
  emptyProgress,
  formatDuration,
  mergeProgress,
  parseProgress,
  problemStatus,
  recordGrade,
  recordHint,
  recordStage,
  resetProgress,
  resumeStage,
  serializeProgress,
} from '../../src/progress/progress.js';

describe('progress updates', () => {
  it('records grades: best score kept, first pass time kept', () => {
    let p = recordGrade(emptyProgress(), 'order-history', 1, 40, false, Date.parse('2026-01-01T00:00:00Z'));
    p = recordGrade(p, 'order-history', 1, 100, true, Date.parse('2026-01-02T00:00:00Z'));
    p = recordGrade(p, 'order-history', 1, 60, false, Date.parse('2026-01-03T00:00:00Z'));
    expect(p.problems['order-history']?.stages['1']).toEqual({
      passed: true,
      passedAt: '2026-01-02T00:00:00.000Z',
      bestScore: 100,
      lastScore: 60,
      hintsUsed: 0,
      timeSpentMs: 0,
    });
    expect(p.problems['order-history']?.updatedAt).toBe('2026-01-03T00:00:00.000Z');
  });

  it('hints only grow; time adds up; stage and spec are remembered', () => {
    let p = recordStage(emptyProgress(), 'x-1', 2, '/w/x.yaml', 0);
    p = recordHint(p, 'x-1', 2, 2, 1);
    p = recordHint(p, 'x-1', 2, 1, 2);
    p = addTime(addTime(p, 'x-1', 2, 500), 'x-1', 2, 250);
    expect(p.problems['x-1']).toMatchObject({ stage: 2, spec: '/w/x.yaml', stages: { 2: { hintsUsed: 2, timeSpentMs: 750 } } });
    expect(addTime(p, 'unknown', 1, 10)).toBe(p);
  });

  it('status: new, started, done; resume at the current stage or the first not passed', () => {
    let p = emptyProgress();
    expect(problemStatus(p, 'a-b', 2)).toEqual({ state: 'new', passed: 0, stages: 2 });
    expect(resumeStage(p, 'a-b', 2)).toBe(1);
    p = recordGrade(p, 'a-b', 1, 100, true, 0);
    expect(problemStatus(p, 'a-b', 2)).toEqual({ state: 'started', passed: 1, stages: 2 });
    p = recordGrade(p, 'a-b', 2, 100, true, 0);
    expect(problemStatus(p, 'a-b', 2).state).toBe('done');
    expect(resumeStage(recordStage(p, 'a-b', 2, undefined, 0), 'a-b', 2)).toBe(2);
  });

  it('reset forgets one problem or all', () => {
    const p = recordGrade(recordGrade(emptyProgress(), 'a-b', 1, 1, false, 0), 'c-d', 1, 1, false, 0);
    expect(Object.keys(resetProgress(p, 'a-b').problems)).toEqual(['c-d']);
    expect(resetProgress(p)).toEqual(emptyProgress());
  });

  it('merge keeps problems another session wrote', () => {
    const disk = recordGrade(emptyProgress(), 'other', 1, 50, false, 0);
    const mine = recordGrade(emptyProgress(), 'mine', 1, 70, false, 0);
    expect(Object.keys(mergeProgress(disk, mine, ['mine']).problems).sort()).toEqual(['mine', 'other']);
    expect(Object.keys(mergeProgress(disk, emptyProgress(), ['other']).problems)).toEqual([]);
  });

  it('formats durations', () => {
    expect([formatDuration(4_000), formatDuration(12 * 60_000), formatDuration(65 * 60_000)]).toEqual(['4 s', '12 min', '1 h 05 min']);
  });
});

describe('parseProgress', () => {
  it('round-trips', () => {
    const p = recordHint(
      recordGrade(recordStage(emptyProgress(), 'order-history', 2, '/w/o.yaml', 0), 'order-history', 1, 92.5, true, 5),
      'order-history',
      2,
      1,
      6,
    );
    expect(parseProgress(serializeProgress(p))).toEqual({ ok: true, progress: p });
  });

  it.each([
    ['not JSON', '{"version": 1, '],
    ['an array', '[]'],
    ['no version', '{"problems": {}}'],
    ['problems not an object', '{"version": 1, "problems": []}'],
    ['a bad problem id', '{"version": 1, "problems": {"__proto__": {}}}'],
    [
      'a stage without passed',
      '{"version": 1, "problems": {"a-b": {"stage": 1, "startedAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z", "stages": {"1": {"hintsUsed": 0, "timeSpentMs": 0}}}}}',
    ],
    [
      'a score over 100',
      '{"version": 1, "problems": {"a-b": {"stage": 1, "startedAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z", "stages": {"1": {"passed": true, "hintsUsed": 0, "timeSpentMs": 0, "bestScore": 1000}}}}}',
    ],
  ])('refuses %s as corrupt', (_what, text) => {
    const r = parseProgress(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe('corrupt');
  });

  it('recognises a newer format', () => {
    expect(parseProgress('{"version": 7, "problems": {"a-b": "who knows"}}')).toMatchObject({ ok: false, reason: 'future' });
  });
});

describe('progress files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sdcoach-progress-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lives in SDCOACH_HOME, else XDG_STATE_HOME/sdcoach, else ~/.local/state/sdcoach', () => {
    expect(progressDir({ SDCOACH_HOME: '/s', XDG_STATE_HOME: '/x' }, '/h')).toBe('/s');
    expect(progressDir({ XDG_STATE_HOME: '/x' }, '/h')).toBe('/x/sdcoach');
    expect(progressDir({ XDG_STATE_HOME: 'relative/ignored' }, '/h')).toBe('/h/.local/state/sdcoach');
    expect(progressDir({}, '/h')).toBe('/h/.local/state/sdcoach');
  });

  it('a missing file is empty progress, quietly', () => {
    expect(readProgress(join(dir, 'progress.json'), { setAside: true })).toEqual({ progress: emptyProgress(), exists: false });
  });

  it('writes atomically into a folder it creates, leaving no temp files', () => {
    const file = join(dir, 'deep', 'state', 'progress.json');
    const p = recordGrade(emptyProgress(), 'a-b', 1, 10, false, 0);
    writeProgress(file, p);
    writeProgress(file, recordGrade(p, 'a-b', 1, 20, false, 1));
    expect(readdirSync(join(dir, 'deep', 'state'))).toEqual(['progress.json']);
    expect(readProgress(file).progress.problems['a-b']?.stages['1']?.lastScore).toBe(20);
  });

  it.each([
    ['corrupt', '{"version": 1, "problems": {', /corrupt-/],
    ['newer', '{"version": 99, "problems": {}}', /newer-/],
  ])('sets a %s file aside with a warning and starts fresh', (_what, text, aside) => {
    const file = join(dir, 'progress.json');
    writeFileSync(file, text);
    const r = readProgress(file, { setAside: true, now: new Date('2026-03-04T05:06:07Z') });
    expect(r.progress).toEqual(emptyProgress());
    expect(r.warning).toMatch(/moved it to .*progress\.json\.(corrupt|newer)-20260304T050607Z and started fresh/);
    expect(existsSync(file)).toBe(false);
    const kept = readdirSync(dir).find((f) => aside.test(f))!;
    expect(readFileSync(join(dir, kept), 'utf8')).toBe(text);
  });

  it('a read-only look leaves a bad file where it is', () => {
    const file = join(dir, 'progress.json');
    writeFileSync(file, 'garbage');
    expect(readProgress(file, { setAside: false }).warning).toContain('cannot be used');
    expect(readFileSync(file, 'utf8')).toBe('garbage');
  });

  it('saving merges with what is on disk', () => {
    const file = join(dir, 'progress.json');
    writeProgress(file, recordGrade(emptyProgress(), 'other', 1, 50, false, 0));
    saveProgress(file, recordGrade(emptyProgress(), 'mine', 1, 70, false, 0), ['mine']);
    expect(Object.keys(readProgress(file).progress.problems).sort()).toEqual(['mine', 'other']);
  });
});
