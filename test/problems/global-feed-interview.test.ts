// global-feed's mock interview (issue 18): the reference session hires, the two flawed ones do not, and the
// clarify score is 100 x relevant asked / relevant - 10 x distractors asked, computed by hand below.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProblem, type Problem } from '../../src/problems/problem.js';
import { loadSession, PASSING_SIGNALS, scoreInterview } from '../../src/problems/interview-score.js';

const DIR = join(import.meta.dirname, '..', '..', 'problems', 'global-feed');

function problem(): Problem {
  const p = loadProblem(DIR);
  if (!p.ok) throw new Error(p.diagnostics.map((d) => d.message).join('; '));
  return p.problem;
}

function score(session: string) {
  const s = loadSession(join(DIR, 'interview', session));
  if (!s.ok) throw new Error(s.diagnostics.map((d) => d.message).join('; '));
  return scoreInterview(problem(), s.session);
}

describe('global-feed interview', () => {
  it('loads: 15 questions, 11 relevant, design stage 2 (reads near users), deep dive stage 3 (region outage)', () => {
    const iv = problem().interview!;
    expect(iv.questions.length).toBe(15);
    expect(iv.questions.filter((q) => q.reveals.length || q.fact).length).toBe(11);
    expect([iv.designStage, iv.deepDiveStage]).toEqual([2, 3]);
  });

  it('every fact of the estimate stage is revealed by some question', () => {
    const iv = problem().interview!;
    const revealed = new Set(iv.questions.flatMap((q) => q.reveals));
    // dau, feed_loads, posts, profile_views, profile_updates, peak_factor, post_size, feed_page,
    // retention, replica_capacity, utilization: the 11 facts of the estimate stage
    for (const f of ['dau', 'feed_loads', 'posts', 'profile_views', 'profile_updates', 'peak_factor', 'post_size', 'feed_page', 'retention', 'replica_capacity', 'utilization'])
      expect(revealed.has(f)).toBe(true);
  });

  it('the reference session scores strong hire: 11 of 11 relevant questions, no distractor, every phase 100', () => {
    const c = score('reference.yaml');
    expect(c.phases.map((p) => [p.phase, p.score, p.passed])).toEqual([
      ['clarify', 100, true],
      ['estimate', 100, true],
      ['api', 100, true],
      ['design', 100, true],
      ['deep_dive', 100, true],
      ['decide', 100, true],
    ]);
    expect(c.overall).toBe(100);
    expect(c.signal).toBe('strong hire');
    expect(c.missed).toEqual([]);
  });

  it('scaling up in us-east: the design and the deep dive fail, no hire', () => {
    const c = score('flawed-us-only.yaml');
    // clarify: 2 of 11 relevant (daily-users, peak) = 18.2, less the cloud distractor x 10 = 8.2 -> 8
    expect(c.phases[0]!.score).toBe(8);
    expect(c.phases.find((p) => p.phase === 'design')!.passed).toBe(false);
    expect(c.phases.find((p) => p.phase === 'deep_dive')!.passed).toBe(false);
    expect(c.phases.find((p) => p.phase === 'decide')!.score).toBe(0);
    expect(PASSING_SIGNALS).not.toContain(c.signal);
  });

  it('the right design alone, with no estimate, API or decisions, is lean no', () => {
    const c = score('flawed-design-only.yaml');
    // clarify: 3 of 11 (daily-users, feed-loads, regions) = 27.3, less the mobile-app distractor = 17.3 -> 17.
    // design 100 less 10 for 30 minutes against a 15-minute guide = 90; deep dive 100; estimate, api, decide 0.
    // overall = (10 x 17 + 15 x 0 + 15 x 0 + 30 x 90 + 20 x 100 + 10 x 0) / 100 = 4,870 / 100 = 48.7 -> 49: lean no.
    expect(c.phases.map((p) => p.score)).toEqual([17, 0, 0, 90, 100, 0]);
    expect(c.overall).toBe(49);
    expect(c.signal).toBe('lean no');
  });
});
