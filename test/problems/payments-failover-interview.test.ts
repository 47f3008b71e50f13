// The payments-failover mock interview (issue 18): the reference session hires, an asynchronous standby (the
// design stage's RPO 0 broken) and the right design with nothing around it do not.
import { describe, expect, it } from 'vitest';
import { expectPerfect, interviewOf } from './interview-helpers.js';
import { DISTRACTOR_COST, PASSING_SIGNALS } from '../../src/problems/interview-score.js';

const { problem, score } = interviewOf('payments-failover');

describe('payments-failover interview', () => {
  it('loads: 13 questions, 9 relevant, design stage 2 (the standby), deep dive stage 3 (losing a region)', () => {
    const iv = problem().interview!;
    expect(iv.questions.length).toBe(13);
    expect(iv.questions.filter((q) => q.reveals.length || q.fact).length).toBe(9);
    // What a timed-out authorization does is the payments question: a requirement. The distractors are
    // product trivia that move nothing in a failover design.
    expect(iv.questions.find((q) => q.id === 'retries')!.fact).toBeDefined();
    expect(iv.questions.filter((q) => !q.reveals.length && !q.fact).map((q) => q.id)).toEqual(['currencies', 'card-brands', 'mobile-sdk', 'cloud-vendor']);
    expect([iv.designStage, iv.deepDiveStage]).toEqual([2, 3]);
    // every fact of the estimate stage is revealed by some question
    const revealed = new Set(iv.questions.flatMap((q) => q.reveals));
    expect([...revealed].sort()).toEqual(
      [
        'dau',
        'payments_per_user',
        'lookups_per_payment',
        'peak_factor',
        'payment_size',
        'payment_response',
        'retention',
        'replica_capacity',
        'utilization',
      ].sort(),
    );
  });

  it('the reference session scores strong hire: every relevant question, every phase passing, on time', () => {
    const c = score('reference.yaml');
    // clarify: 9 of 9 relevant, no distractor = 100; every graded phase 100 -> overall 100.
    expectPerfect(c);
  });

  it('an asynchronous standby: RPO 0 broken, the design fails, so at most lean no', () => {
    const c = score('flawed-async-standby.yaml');
    // clarify: 3 of 9 relevant = 33.3, less two distractors (currencies, card-brands) x 10 = 13.3 -> 13
    expect(c.phases[0]!.score).toBe(13);
    // the design fails RPO 0 and, with no key on the card call, reliability/idempotent-retries as well.
    const design = c.phases.find((p) => p.phase === 'design')!.notes.join(' ');
    expect(design).toContain('failover/rto-rpo');
    expect(design).toContain('reliability/idempotent-retries');
    // never asked about retries: POST /v1/payments takes no idempotency key although the flow calls the
    // card network, a side effect -> api-covers-flows fails, data-access passes: 50.
    expect(c.phases.find((p) => p.phase === 'api')!.score).toBe(50);
    expect(c.phases.find((p) => p.phase === 'design')!.passed).toBe(false);
    // the decision cites components.payments-db.rpo_s = 1 s against the 0 s requirement: it argues against itself
    expect(c.phases.find((p) => p.phase === 'decide')!.score).toBe(0);
    expect(PASSING_SIGNALS).not.toContain(c.signal);
    expect(['lean no', 'no hire']).toContain(c.signal);
    expect(c.missed.map((q) => q.id)).toEqual(['lookups', 'sizes-retention', 'api-server', 'data-loss', 'writers', 'retries']);
  });

  it('the right design alone, with no estimate, API or decisions, is lean no', () => {
    const c = score('flawed-design-only.yaml');
    // clarify: 2 of 9 = 22.2, less the cloud-vendor distractor = 12.2 -> 12. estimate, api and decide 0.
    // design 100 less 10 for 30 minutes against a 15-minute guide (over 1.5 x 15 = 22.5) = 90;
    // deep dive 9 minutes of a 7-minute guide (under 1.5 x 7 = 10.5) = 100.
    // overall = (10 x 12 + 15 x 0 + 15 x 0 + 30 x 90 + 20 x 100 + 10 x 0) / 100 = 4,820 / 100 = 48.2 -> 48: lean no (40-55).
    expect(c.phases.map((p) => p.score)).toEqual([12, 0, 0, 90, 100, 0]);
    expect(c.overall).toBe(48);
    expect(c.signal).toBe('lean no');
    expect(DISTRACTOR_COST).toBe(10);
  });

  it('an idempotency key promised by the API but never carried by the design cannot buy a hire: lean no', () => {
    const c = score('flawed-key-in-name-only.yaml');
    // every question (9 of 9 = 100), the estimate and the decisions pass; the API fails: the endpoint says
    // idempotency_key: true but the card call carries none (interview/api-covers-flows keyDropped); the design
    // stage fails reliability/idempotent-retries: the card call times out at 580 ms with no key, so a retry charges again.
    expect(c.phases.map((p) => [p.phase, p.passed])).toEqual([
      ['clarify', true],
      ['estimate', true],
      ['api', false],
      ['design', false],
      ['deep_dive', false],
      ['decide', true],
    ]);
    expect(c.phases.find((p) => p.phase === 'design')!.notes.join(' ')).toContain('reliability/idempotent-retries');
    // the weighted score alone would be strong hire (85 and up); the design gate caps it at lean no.
    expect(c.overall).toBeGreaterThanOrEqual(85);
    expect(c.signal).toBe('lean no');
  });
});
