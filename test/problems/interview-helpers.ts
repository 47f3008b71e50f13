// Shared by the interview tests: a catalog problem's folder, the problem, and a recorded session of it scored.
import { join } from 'node:path';
import { expect } from 'vitest';
import { loadSession, scoreInterview, type Scorecard } from '../../src/problems/interview-score.js';
import { loadProblem, type Problem } from '../../src/problems/problem.js';

export function interviewOf(id: string) {
  const DIR = join(import.meta.dirname, '..', '..', 'problems', id);
  const problem = (): Problem => {
    const p = loadProblem(DIR);
    if (!p.ok) throw new Error(p.diagnostics.map((d) => d.message).join('; '));
    return p.problem;
  };
  /** Scores problems/<id>/interview/<session>. */
  const score = (session: string) => {
    const s = loadSession(join(DIR, 'interview', session));
    if (!s.ok) throw new Error(s.diagnostics.map((d) => d.message).join('; '));
    return scoreInterview(problem(), s.session);
  };
  /** The reference session scored as if the candidate had asked every question on the list. */
  const scoreAskingEverything = () => {
    const s = loadSession(join(DIR, 'interview', 'reference.yaml'));
    if (!s.ok) throw new Error('the reference session does not load');
    return scoreInterview(problem(), { ...s.session, asked: problem().interview!.questions.map((q) => q.id) });
  };
  return { DIR, problem, score, scoreAskingEverything };
}

/** A session that asked every relevant question and passed every phase on time: each phase 100, overall 100, strong hire. */
export function expectPerfect(c: Scorecard): void {
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
}
