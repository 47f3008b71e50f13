// hotel-booking's mock interview (issue 18): the reference session hires, the two flawed ones do not, and
// the clarify scores are the documented rule (100 x relevant asked / relevant - 10 x distractors asked).
import { describe, expect, it } from 'vitest';
import { expectPerfect, interviewOf } from './interview-helpers.js';
import { PASSING_SIGNALS } from '../../src/problems/interview-score.js';

const { problem, score, scoreAskingEverything } = interviewOf('hotel-booking');

describe('hotel-booking interview', () => {
  it('loads: 17 questions, 11 relevant, 6 distractors, design stage 2, deep dive stage 3', () => {
    const iv = problem().interview!;
    expect(iv.questions.length).toBe(17);
    expect(iv.questions.filter((q) => q.reveals.length || q.fact).length).toBe(11);
    expect(iv.questions.filter((q) => !q.reveals.length && !q.fact).length).toBe(6);
    expect([iv.designStage, iv.deepDiveStage]).toEqual([2, 3]);
  });

  it('every fact of the estimate stage is revealed by some question', () => {
    const iv = problem().interview!;
    const revealed = new Set(iv.questions.flatMap((q) => q.reveals));
    const facts = ['dau', 'searches_per_user', 'room_views_per_user', 'holds_per_user', 'peak_factor'];
    facts.push('booking_size', 'search_response', 'retention', 'node_capacity', 'utilization');
    for (const f of facts) expect(revealed.has(f)).toBe(true);
  });

  it('the reference session scores strong hire', () => {
    const c = score('reference.yaml');
    // clarify: 11 of 11 relevant, no distractor = 100; every phase on time and passing -> 100.
    expectPerfect(c);
  });

  it('searches on the one database with plain holds: design and deep dive fail, no hire', () => {
    const c = score('flawed-search-on-db.yaml');
    // clarify: 2 of 11 relevant = 18.2, less two distractors (reviews, language) x 10 = -1.8, floored at 0.
    expect(c.phases[0]!.score).toBe(0);
    expect(c.phases.find((p) => p.phase === 'design')!.passed).toBe(false);
    expect(c.phases.find((p) => p.phase === 'deep_dive')!.passed).toBe(false);
    expect(PASSING_SIGNALS).not.toContain(c.signal);
    expect(['lean no', 'no hire']).toContain(c.signal);
  });

  it('the right design alone, with no estimate, API or decisions, is lean no', () => {
    const c = score('flawed-design-only.yaml');
    // clarify: 3 of 11 = 27.3, less the mobile-app distractor = 17.3 -> 17. estimate, api and decide 0.
    // design 100 less 10 for 30 minutes against a 15-minute guide (over 1.5 x 15 = 22.5) = 90; deep dive 100.
    // overall = (10 x 17 + 15 x 0 + 15 x 0 + 30 x 90 + 20 x 100 + 10 x 0) / 100 = 4,870 / 100 = 48.7 -> 49: lean no.
    expect(c.phases.map((p) => p.score)).toEqual([17, 0, 0, 90, 100, 0]);
    expect(c.overall).toBe(49);
    expect(c.signal).toBe('lean no');
  });

  it('asking every question on the list does not buy a hire: the reference design, all 17 asked, is lean hire', () => {
    const c = scoreAskingEverything();
    // clarify: 100 x 11 / 11 - 10 x 6 distractors = 40, below the gate of 50; every other phase 100:
    // (10 x 40 + 90 x 100) / 100 = 94, strong hire by score, capped at lean hire by the clarify gate.
    expect(c.phases[0]!.score).toBe(40);
    expect(c.overall).toBe(94);
    expect(c.signal).toBe('lean hire');
  });
});
