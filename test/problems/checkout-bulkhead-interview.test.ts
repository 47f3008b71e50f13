// checkout-bulkhead's mock interview (issue 18): the reference session hires, the two flawed ones do not,
// and each clarify score is the documented formula worked by hand.
import { describe, expect, it } from 'vitest';
import { expectPerfect, interviewOf } from './interview-helpers.js';
import { PASSING_SIGNALS } from '../../src/problems/interview-score.js';

const { problem, score, scoreAskingEverything } = interviewOf('checkout-bulkhead');

const phase = (c: ReturnType<typeof score>, p: string) => c.phases.find((x) => x.phase === p)!;

describe('checkout-bulkhead interview', () => {
  it('loads: 18 questions, 12 relevant (8 that reveal the estimate, 4 requirements), 6 distractors; design stage 2, deep dive stage 3', () => {
    const iv = problem().interview!;
    expect(iv.questions.length).toBe(18);
    expect(iv.questions.filter((q) => q.reveals.length).length).toBe(8);
    expect(iv.questions.filter((q) => q.fact).length).toBe(4);
    expect(iv.questions.filter((q) => !q.reveals.length && !q.fact).length).toBe(6);
    expect([iv.designStage, iv.deepDiveStage]).toEqual([2, 3]);
  });

  it('the reference session scores strong hire: all 12 relevant questions, every phase passing', () => {
    const c = score('reference.yaml');
    // clarify: 100 x 12 / 12 - 10 x 0 = 100. Sign-in is a read flow served by a POST whose body carries the
    // password (it belongs in the body, not the URL): the endpoint lists its body, so the API phase is 100.
    // overall: every phase 100 = 100.
    expectPerfect(c);
  });

  it('scaling out instead of isolating: clarify 0, estimates never asked for, the design and deep dive fail, no hire', () => {
    const c = score('flawed-more-threads.yaml');
    // 2 relevant of 12 (daily-users, peak), 2 distractors (frontend, switch-provider):
    // 100 x 2 / 12 - 10 x 2 = 16.7 - 20 = -3.3, floored at 0.
    expect(phase(c, 'clarify').score).toBe(0);
    // dau and peak_factor were asked for, but the per-user rates, sizes, retention, replicas and providers'
    // latencies never were: each of the 8 quantities rests on one of them, so none is earned: 100 x 0 / 8 = 0.
    expect(phase(c, 'estimate').notes.map((n) => n.split(' ')[0])).toEqual([
      'peak_logins_per_s',
      'peak_browse_per_s',
      'peak_checkouts_per_s',
      'peak_resets_per_s',
      'order_storage_per_year',
      'browse_egress',
      'payment_threads',
      'email_threads',
    ]);
    expect(phase(c, 'estimate').score).toBe(0);
    expect(phase(c, 'estimate').passed).toBe(false);
    expect(phase(c, 'design').passed).toBe(false);
    expect(phase(c, 'deep_dive').passed).toBe(false);
    expect(c.signal).toBe('no hire');
    expect(PASSING_SIGNALS).not.toContain(c.signal);
  });

  it('the right design with nothing around it: clarify 15, no estimate, API or decisions, lean no', () => {
    const c = score('flawed-design-only.yaml');
    // 3 relevant of 12 (daily-users, peak, providers), 1 distractor (mobile-app): 100 x 3 / 12 - 10 = 25 - 10 = 15.
    expect(phase(c, 'clarify').score).toBe(15);
    expect(phase(c, 'design').passed).toBe(true);
    expect(phase(c, 'deep_dive').passed).toBe(true);
    expect(['estimate', 'api', 'decide'].map((p) => phase(c, p).score)).toEqual([0, 0, 0]);
    expect(c.signal).toBe('lean no');
    expect(PASSING_SIGNALS).not.toContain(c.signal);
  });

  it('asking every question on the list does not buy a hire: the reference design, all 18 asked, is lean hire', () => {
    const c = scoreAskingEverything();
    // clarify: 100 x 12 / 12 - 10 x 6 distractors = 40, below the gate of 50.
    // overall: (10 x 40 + 90 x 100) / 100 = 9,400 / 100 = 94,
    // strong hire by score, capped at lean hire by the clarify gate (and by asking 6 of the 6 distractors).
    expect(phase(c, 'clarify').score).toBe(40);
    expect(c.overall).toBe(94);
    expect(c.signal).toBe('lean hire');
  });
});
