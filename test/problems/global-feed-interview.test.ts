// global-feed's mock interview (issue 18): the reference session hires, the two flawed ones do not, and the
// clarify score is 100 x relevant asked / relevant - 10 x distractors asked, computed by hand below.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectPerfect, interviewOf } from './interview-helpers.js';
import { loadSession, PASSING_SIGNALS, scoreInterview } from '../../src/problems/interview-score.js';

const { DIR, problem, score } = interviewOf('global-feed');

describe('global-feed interview', () => {
  it('loads: 16 questions, 12 relevant, design stage 2 (reads near users), deep dive stage 3 (region outage)', () => {
    const iv = problem().interview!;
    expect(iv.questions.length).toBe(16);
    expect(iv.questions.filter((q) => q.reveals.length || q.fact).length).toBe(12);
    // Where personal data may live is what a strong candidate asks before copying profiles abroad: a requirement.
    expect(iv.questions.find((q) => q.id === 'residency')!.fact).toBeDefined();
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

  it('the reference session scores strong hire: 12 of 12 relevant questions, no distractor, every phase 100', () => {
    const c = score('reference.yaml');
    expectPerfect(c);
  });

  it('scaling up in us-east: the design and the deep dive fail, no hire', () => {
    const c = score('flawed-us-only.yaml');
    // clarify: 2 of 12 relevant (daily-users, peak) = 16.7, less the cloud distractor x 10 = 6.7 -> 7
    expect(c.phases[0]!.score).toBe(7);
    // the estimate assumes 5 feed loads a day instead of asking (15): 80M x 5 / 86,400 x 3 = 13,900/s against
    // 80M x 15 / 86,400 x 3 = 41,700/s, 3x off, beyond the stage's 1.5x -> 0.
    expect(c.phases.find((p) => p.phase === 'estimate')!.score).toBe(0);
    expect(c.phases.find((p) => p.phase === 'design')!.passed).toBe(false);
    expect(c.phases.find((p) => p.phase === 'deep_dive')!.passed).toBe(false);
    expect(c.phases.find((p) => p.phase === 'decide')!.score).toBe(0);
    expect(PASSING_SIGNALS).not.toContain(c.signal);
  });

  it('the right design alone, with no estimate, API or decisions, is lean no', () => {
    const c = score('flawed-design-only.yaml');
    // clarify: 3 of 12 (daily-users, feed-loads, regions) = 25, less the mobile-app distractor = 15.
    // design 100 less 10 for 30 minutes against a 15-minute guide = 90; deep dive 100; estimate, api, decide 0.
    // overall = (10 x 15 + 15 x 0 + 15 x 0 + 30 x 90 + 20 x 100 + 10 x 0) / 100 = 4,850 / 100 = 48.5 -> 49: lean no.
    expect(c.phases.map((p) => p.score)).toEqual([15, 0, 0, 90, 100, 0]);
    expect(c.overall).toBe(49);
    expect(c.signal).toBe('lean no');
  });

  it('read replicas everywhere but nothing promoted, from a candidate who never asked about an outage: lean hire at most', () => {
    const c = score('flawed-no-failover.yaml');
    // clarify: 11 of 12 (outage never asked) = 91.7 -> 92.
    expect(c.phases[0]!.score).toBe(92);
    expect(c.missed.map((q) => q.id)).toEqual(['outage']);
    // reads near every user: the design stage passes; losing us-east stops every write (no failover).
    expect(c.phases.find((p) => p.phase === 'design')!.passed).toBe(true);
    const deep = c.phases.find((p) => p.phase === 'deep_dive')!;
    expect(deep.passed).toBe(false);
    expect(deep.notes.join(' ')).toContain('failover/rto-rpo');
    expect(deep.notes.join(' ')).toContain('drill/survives');
    expect(c.overall).toBeGreaterThanOrEqual(70);
    expect(c.signal).toBe('lean hire');
  });

  it('surviving the outage by turning us-east\'s users away is not surviving it: lean hire at most', () => {
    // The reference session, except that the deep dive is answered with a design sized for the normal peak
    // and a 23,000 req/s limit on each gateway: after losing us-east, eu-west receives (0.5 + 0.3) x 44,440
    // = 35,552 req/s and rejects 35,552 - 23,000 = 12,552 (35%).
    const s = loadSession(join(DIR, 'interview', 'reference.yaml'));
    if (!s.ok) throw new Error('reference session');
    const c = scoreInterview(problem(), { ...s.session, specs: { deep_dive: join(DIR, 'fixtures', 'stage-2-survivors-shed.yaml') } });
    const deep = c.phases.find((p) => p.phase === 'deep_dive')!;
    expect(deep.passed).toBe(false);
    expect(deep.notes.join(' ')).toContain('assert/survivors-admit-us-east');
    expect(c.signal).toBe('lean hire');
  });
});
