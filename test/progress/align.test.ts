// Progress across a catalog change: entries record stage ids, and an old (version 1) entry, whose
// numbers counted only design stages, is renumbered so that inserting an estimate stage first never
// shows an old pass on the wrong stage. Drill answers keep counts and streaks.
import { describe, expect, it } from 'vitest';
import {
  alignProgress,
  parseProgress,
  recordDrill,
  recordStage,
  serializeProgress,
  emptyProgress,
  mergeProgress,
} from '../../src/progress/progress.js';

const T = '2026-01-01T00:00:00.000Z';
const layout = {
  id: 'url-shortener',
  stages: [
    { id: 'estimate', kind: 'estimate' as const },
    { id: 'fast-redirects-everywhere', kind: 'design' as const },
    { id: 'survive-a-campaign', kind: 'design' as const },
  ],
};

const v1 = JSON.stringify({
  version: 1,
  problems: {
    'url-shortener': {
      stage: 2,
      startedAt: T,
      updatedAt: T,
      stages: { 1: { passed: true, hintsUsed: 1, timeSpentMs: 5 }, 2: { passed: false, hintsUsed: 2, timeSpentMs: 7 } },
    },
  },
});

describe('alignProgress', () => {
  it('renumbers a version-1 entry past the inserted estimate stage', () => {
    const parsed = parseProgress(v1);
    if (!parsed.ok) throw new Error(parsed.detail);
    expect(parsed.progress.problems['url-shortener']!.numbering).toBe('v1');
    const p = alignProgress(parsed.progress, [layout]).problems['url-shortener']!;
    // old stage 1 (the first design stage) is now stage 2; old 2 is now 3; the estimate stage has nothing
    expect(p.stages['1']).toBeUndefined();
    expect(p.stages['2']).toMatchObject({ passed: true, hintsUsed: 1 });
    expect(p.stages['3']).toMatchObject({ passed: false, hintsUsed: 2 });
    expect(p.stage).toBe(3);
    expect(p.stageIds).toEqual(['estimate', 'fast-redirects-everywhere', 'survive-a-campaign']);
    expect(p.numbering).toBeUndefined();
  });

  it('keeps the v1 marker through a save by another session, until the problem is aligned', () => {
    const parsed = parseProgress(v1);
    if (!parsed.ok) throw new Error(parsed.detail);
    const saved = parseProgress(serializeProgress(mergeProgress(parsed.progress, emptyProgress(), ['other-problem'])));
    expect(saved.ok && saved.progress.problems['url-shortener']!.numbering).toBe('v1');
  });

  it('leaves an entry recorded with the current stage ids alone, and moves one whose stages moved', () => {
    const now = recordStage(
      emptyProgress(),
      'url-shortener',
      2,
      undefined,
      0,
      layout.stages.map((s) => s.id),
    );
    expect(alignProgress(now, [layout]).problems['url-shortener']!.stage).toBe(2);
    // the problem later drops its estimate stage: stage 2 "fast-redirects-everywhere" becomes stage 1
    const later = alignProgress(now, [{ id: 'url-shortener', stages: layout.stages.slice(1) }]);
    expect(later.problems['url-shortener']!.stage).toBe(1);
  });

  it('a version-2 file round-trips its stage ids', () => {
    const p = recordStage(emptyProgress(), 'url-shortener', 1, undefined, 0, ['estimate', 'b']);
    const back = parseProgress(serializeProgress(p));
    expect(back.ok && back.progress.problems['url-shortener']!.stageIds).toEqual(['estimate', 'b']);
  });
});

describe('recordDrill', () => {
  it('counts answers and the streak of correct ones in a row', () => {
    let p = emptyProgress();
    for (const ok of [true, true, false, true]) p = recordDrill(p, 'estimation', ok, 7, 0);
    // 4 answered, 3 correct; the streak restarted after the miss (1), the best was 2
    expect(p.drills!.estimation).toMatchObject({ answered: 4, correct: 3, streak: 1, bestStreak: 2, lastSeed: 7 });
    const back = parseProgress(serializeProgress(p));
    expect(back.ok && back.progress.drills!.estimation!.bestStreak).toBe(2);
  });
});
