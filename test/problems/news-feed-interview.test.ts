// The news-feed mock interview (issue 18): the reference session hires; a candidate who keeps building the
// timeline on read, and one who pushes the celebrity like everyone else with nothing defended, do not.
import { describe, expect, it } from 'vitest';
import { expectPerfect, interviewOf } from './interview-helpers.js';
import { PASSING_SIGNALS } from '../../src/problems/interview-score.js';

const { problem, score, scoreAskingEverything } = interviewOf('news-feed');

// The rubric's weights: clarify 10, estimate 15, api 15, design 30, deep dive 20, decide 10.
const WEIGHTS = [10, 15, 15, 30, 20, 10];
const weighted = (scores: number[]) => Math.round(scores.reduce((a, s, i) => a + s * WEIGHTS[i]!, 0) / 100);

describe('news-feed interview', () => {
  it('loads: 17 questions, 11 relevant, 6 distractors, design stage 2, deep dive stage 3 (the celebrity)', () => {
    const iv = problem().interview!;
    expect(iv.questions.length).toBe(17);
    expect(iv.questions.filter((q) => q.reveals.length || q.fact).length).toBe(11);
    expect(iv.questions.filter((q) => !q.reveals.length && !q.fact).length).toBe(6);
    expect([iv.designStage, iv.deepDiveStage]).toEqual([2, 3]);
  });

  it('the reference session scores strong hire: every relevant question, every phase passing, on time', () => {
    const c = score('reference.yaml');
    // clarify: 11 of 11 relevant, no distractor = 100; every graded phase 100 -> overall 100.
    expectPerfect(c);
  });

  it('built on read: the design and the deep dive fail, so no hire', () => {
    const c = score('flawed-built-on-read.yaml');
    // clarify: 2 of 11 relevant (daily-users, timeline-loads) = 18.2, less the language distractor x 10 = 8.2 -> 8.
    expect(c.phases[0]!.score).toBe(8);
    // estimate: peak_timeline_writes_per_s = 1k/s where 1,000 posts/s x 200 followers = 200k/s: 0.
    expect(c.phases[1]!.score).toBe(0);
    expect(c.phases.find((p) => p.phase === 'design')!.passed).toBe(false);
    expect(c.phases.find((p) => p.phase === 'deep_dive')!.passed).toBe(false);
    expect(c.phases.find((p) => p.phase === 'decide')!.score).toBe(0);
    expect(c.overall).toBe(weighted(c.phases.map((p) => p.score)));
    expect(PASSING_SIGNALS).not.toContain(c.signal);
    expect(['lean no', 'no hire']).toContain(c.signal);
    expect(c.missed.map((q) => q.id)).toEqual([
      'posting',
      'peak',
      'followers',
      'sizes',
      'retention',
      'freshness',
      'latency',
      'celebrities',
      'ordering',
    ]);
  });

  it('pushes everyone, with no estimate, API or decisions: no hire', () => {
    const c = score('flawed-push-everyone.yaml');
    // clarify: 2 of 11 relevant (daily-users, followers) = 18.2, less the web-client distractor x 10 = 8.2 -> 8.
    // estimate, api and decide 0: the spec has no estimates, api, data or decisions.
    const [clarify, estimate, api, design, deepDive, decide] = c.phases;
    expect([clarify!.score, estimate!.score, api!.score, decide!.score]).toEqual([8, 0, 0, 0]);
    // the celebrity's 50,000,000 writes at 100,000 writes/s to spare take 500 s, over 5 s: both stages fail.
    expect(design!.passed).toBe(false);
    expect(deepDive!.passed).toBe(false);
    expect(c.overall).toBe(weighted(c.phases.map((p) => p.score)));
    expect(PASSING_SIGNALS).not.toContain(c.signal);
    // design 83 and deep dive 68 (the fan-out check fails in both, the deep dive 12 minutes of 7: -10):
    // (10 x 8 + 30 x 83 + 20 x 68) / 100 = (80 + 2,490 + 1,360) / 100 = 39.3 -> 39, below 40: no hire.
    expect([design!.score, deepDive!.score]).toEqual([83, 68]);
    expect(c.signal).toBe('no hire');
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
