// pastebin's mock interview (issue 18): the reference session hires; a candidate who never asks where the
// readers are, and one who only draws the design, do not.
import { describe, expect, it } from 'vitest';
import { interviewOf } from './interview-helpers.js';
import { PASSING_SIGNALS } from '../../src/problems/interview-score.js';

const { problem, score } = interviewOf('pastebin');

describe('pastebin interview', () => {
  it('loads: 12 questions, 8 relevant (5 reveal the estimate facts, 3 uncover requirements), design 2, deep dive 3', () => {
    const iv = problem().interview!;
    expect(iv.questions.length).toBe(12);
    expect(iv.questions.filter((q) => q.reveals.length).length).toBe(5);
    expect(iv.questions.filter((q) => q.fact).length).toBe(3);
    expect([iv.designStage, iv.deepDiveStage]).toEqual([2, 3]);
    // the distractors move nothing in the design (custom links and accounts, which would, are not among them)
    expect(iv.questions.filter((q) => !q.reveals.length && !q.fact).map((q) => q.id)).toEqual(['syntax-highlighting', 'cli-client', 'language', 'dark-theme']);
    // every fact of the estimate stage is revealed by some question
    const revealed = new Set(iv.questions.flatMap((q) => q.reveals));
    expect([...revealed].sort()).toEqual(
      ['dau', 'views_per_user', 'pastes_per_user', 'peak_factor', 'paste_size', 'retention', 'replica_capacity', 'utilization'].sort(),
    );
  });

  it('the reference session scores strong hire', () => {
    const c = score('reference.yaml');
    // clarify: 8 of 8 relevant, no distractor = 100.
    expect(c.phases[0]!.score).toBe(100);
    expect(c.phases.every((p) => p.passed)).toBe(true);
    expect(c.signal).toBe('strong hire');
    expect(c.missed).toEqual([]);
  });

  it('one region behind a cache, estimated on assumed usage: the estimate and the deep dive fail, lean no', () => {
    const c = score('flawed-one-region.yaml');
    // clarify: 2 of 8 relevant = 25, less two distractors (language, cli-client) x 10 = 5
    expect(c.phases[0]!.score).toBe(5);
    // never asked how much people read: 43.2M x 3 / 86,400 x 4 = 6,000 reads/s against 43.2M x 10 / 86,400 x 4
    // = 20,000/s, 3.3x off, beyond the stage's 2x -> 0.
    expect(c.phases.find((p) => p.phase === 'estimate')!.score).toBe(0);
    expect(c.phases.find((p) => p.phase === 'design')!.passed).toBe(true);
    expect(c.phases.find((p) => p.phase === 'deep_dive')!.passed).toBe(false);
    expect(c.phases.find((p) => p.phase === 'decide')!.score).toBe(0);
    // overall = (10 x 5 + 15 x 0 + 15 x 50 + 30 x 100 + 20 x deep dive + 10 x 0) / 100; the deep dive fails
    // geo/nearby-replica and two must-pass assertions, so it is below 100 and the overall below 55: lean no.
    expect(c.phases.find((p) => p.phase === 'api')!.score).toBe(50);
    expect(c.overall).toBeLessThan(55);
    expect(c.signal).toBe('lean no');
    expect(PASSING_SIGNALS).not.toContain(c.signal);
    expect(c.missed.map((q) => q.id).sort()).toEqual(
      ['read-write-mix', 'size-retention', 'api-server', 'edits', 'regions-latency', 'popularity'].sort(),
    );
  });

  it('the right design alone, with no estimate, API or decisions, is below hire', () => {
    const c = score('flawed-design-only.yaml');
    // clarify: 2 of 8 = 25, less the syntax-highlighting distractor = 15. estimate, api and decide 0;
    // design 100 less 10 for 30 minutes against a 15-minute guide (over 1.5 x 15 = 22.5) = 90.
    expect(c.phases.map((p) => [p.phase, p.score]).filter(([ph]) => ph !== 'deep_dive')).toEqual([
      ['clarify', 15],
      ['estimate', 0],
      ['api', 0],
      ['design', 90],
      ['decide', 0],
    ]);
    expect(PASSING_SIGNALS).not.toContain(c.signal);
  });
});
