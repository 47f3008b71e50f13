// Scores a recorded mock interview, phase by phase, from the candidate's own answers: the questions asked
// (relevant ones found, distractors that cost time), the estimate, the API and data model, the design, the
// deep dive and the decisions, each graded by the checks on the spec as it stood at the end of that phase.
// The overall signal follows the rubric documented in docs/authoring.md ("Interviews").
import { dirname, resolve } from 'node:path';
import { gradeLoaded } from '../grading/grade.js';
import type { Report } from '../grading/report.js';
import type { Rubric } from '../grading/rubric.js';
import { formatDiagnostic, type Diagnostic } from '../specfile/diagnostic.js';
import { loadSpecFile } from '../specfile/load.js';
import { parseSource } from '../specfile/parse.js';
import { readSource } from '../specfile/source.js';
import { CATALOG_PATH, containedFile, realDir } from '../specfile/contain.js';
import { getValidator } from '../specfile/schema-validator.js';
import { translateSchemaErrors } from '../specfile/schema-errors.js';
import { createLocator } from '../specfile/locate.js';
import { formulaFacts } from './estimate.js';
import { isRelevant, PHASE_TITLES, PHASES, phaseGuides, type Phase, type ProblemInterview } from './interview.js';
import type { Problem } from './problem.js';
import { stageRubric } from './stage-rubric.js';

export interface InterviewSession {
  problem: string;
  /** Question ids, in the order asked. */
  asked: string[];
  /** Minutes spent in each phase reached (a phase with none was never reached). */
  minutes: Partial<Record<Phase, number>>;
  /** The interview's length in minutes, when it was not the problem's (`--minutes`). */
  length?: number;
  /** Absolute path of the final spec, and of each phase's spec where it differs. */
  spec: string;
  specs: Partial<Record<Phase, string>>;
  file: string;
}

/** How much each phase weighs in the overall score (out of 100). */
export const PHASE_WEIGHTS: Record<Phase, number> = { clarify: 10, estimate: 15, api: 15, design: 30, deep_dive: 20, decide: 10 };
/** Points a distractor question costs in the clarify phase. */
export const DISTRACTOR_COST = 10;
/** A phase that takes more than this multiple of its guide loses TIME_PENALTY points. */
export const OVERTIME_FACTOR = 1.5;
export const TIME_PENALTY = 10;
/** An interview that takes more than this multiple of its length drops one signal step. */
export const LENGTH_OVERTIME_FACTOR = 1.2;
/** Asking more than this share of the questions that do not move the design caps the signal at lean hire. */
export const SHOTGUN_SHARE = 0.5;
/** A clarify phase below this caps the signal at lean hire. */
export const CLARIFY_GATE = 50;
/** Overall score thresholds, highest first. */
export const SIGNALS = [
  { signal: 'strong hire', min: 85 },
  { signal: 'hire', min: 70 },
  { signal: 'lean hire', min: 55 },
  { signal: 'lean no', min: 40 },
  { signal: 'no hire', min: 0 },
] as const;
export type Signal = (typeof SIGNALS)[number]['signal'];
export const PASSING_SIGNALS: readonly Signal[] = ['hire', 'strong hire'];

export interface PhaseScore {
  phase: Phase;
  title: string;
  score: number;
  passed: boolean;
  minutes?: number;
  guide: number;
  overtime: boolean;
  /** What decided the score, in words. */
  notes: string[];
  report?: Report;
}

export interface Scorecard {
  problem: string;
  title: string;
  phases: PhaseScore[];
  overall: number;
  signal: Signal;
  reasons: string[];
  asked: { id: string; ask: string; answer: string; relevant: boolean }[];
  /** Relevant questions never asked: what the candidate never learned. */
  missed: { id: string; ask: string; uncovers: string }[];
  minutes: { spent: number; allowed: number };
  finalSpec: string;
}

export type SessionResult = { ok: true; session: InterviewSession } | { ok: false; diagnostics: Diagnostic[] };

/** Reads a recorded session (schemas/interview-session.schema.json); spec paths are relative to it. */
export function loadSession(file: string): SessionResult {
  const src = readSource(file);
  if (!src.ok) return { ok: false, diagnostics: [src.diagnostic] };
  const parsed = parseSource(file, src.text);
  if (!parsed.ok) return { ok: false, diagnostics: parsed.diagnostics };
  const { validate, schema } = getValidator('interview-session');
  if (!validate(parsed.parsed.data)) {
    const locate = createLocator(parsed.parsed);
    return {
      ok: false,
      diagnostics: translateSchemaErrors(validate.errors ?? [], parsed.parsed.data, schema).map((p) => ({ file, ...(locate(p.path, { key: p.key }) ?? {}), path: p.path, message: p.message, code: p.code, severity: 'error' as const })),
    };
  }
  const raw = parsed.parsed.data as {
    problem: string;
    asked: string[];
    minutes: Partial<Record<Phase, number>>;
    length?: number;
    spec: string;
    specs?: Partial<Record<Phase, string>>;
  };
  const base = dirname(resolve(file));
  const locate = createLocator(parsed.parsed);
  const diagnostics: Diagnostic[] = [];
  // A session names specs beside it (or below it): never a file outside its folder.
  const inside = (rel: string, path: (string | number)[]): string => {
    const abs = resolve(base, rel);
    if (!CATALOG_PATH.test(rel) || !abs.startsWith(`${base}/`))
      diagnostics.push({ file, ...(locate(path) ?? {}), path, message: `"${rel}" points outside the session's folder: name a spec beside the session file`, code: 'path-outside', severity: 'error' });
    else {
      const c = containedFile(abs, [realDir(base)]);
      if (c.ok) return c.real;
      diagnostics.push({ file, ...(locate(path) ?? {}), path, message: `"${rel}" ${c.reason}`, code: c.code === 'path-outside' ? 'path-outside' : c.code === 'missing-file' ? 'missing-file' : 'unreadable-file', severity: 'error' });
    }
    return abs;
  };
  const specs: Partial<Record<Phase, string>> = {};
  for (const [p, f] of Object.entries(raw.specs ?? {})) specs[p as Phase] = inside(f, ['specs', p]);
  const spec = inside(raw.spec, ['spec']);
  if (diagnostics.length) return { ok: false, diagnostics };
  return {
    ok: true,
    session: {
      problem: raw.problem,
      asked: [...raw.asked],
      minutes: { ...raw.minutes },
      ...(raw.length !== undefined ? { length: raw.length } : {}),
      spec,
      specs,
      file: resolve(file),
    },
  };
}

const checksRubric = (id: string, title: string, checks: [string, Record<string, unknown>][], base?: Rubric): Rubric => ({
  id,
  title,
  passMark: 70,
  checks: checks.map(([cid, options]) => ({ id: cid, weight: 1, mustPass: true, options })),
  assertions: [],
  ...(base?.givens ? { givens: base.givens } : {}),
});

function gradePhase(file: string, rubric: Rubric, problem: string, stage: number): { report?: Report; error?: string } {
  const loaded = loadSpecFile(file);
  if (!loaded.ok) return { error: loaded.diagnostics.map(formatDiagnostic).join('; ') };
  return { report: gradeLoaded(loaded.loaded, rubric, { problem, stage }) };
}

function signalOf(score: number): Signal {
  return SIGNALS.find((s) => score >= s.min)!.signal;
}
const lower = (a: Signal, b: Signal): Signal => (SIGNALS.findIndex((s) => s.signal === a) > SIGNALS.findIndex((s) => s.signal === b) ? a : b);

const PHASE_WHAT: Record<Phase, string> = { clarify: 'clarify', estimate: 'estimate', api: 'API and data model', design: 'design', deep_dive: 'deep dive', decide: 'decisions' };

/**
 * The rubric a phase is graded with, and the stage it grades at: the estimate stage, the interview checks on
 * the API and data model, the design stage, the deep-dive stage, the decisions check. Undefined for clarify
 * (scored on the questions) and for estimate when the problem has none; `rubric` is undefined when it does not load.
 */
export function phaseRubric(problem: Problem, phase: Phase): { stage: number; rubric?: Rubric } | undefined {
  const iv: ProblemInterview = problem.interview!;
  const load = (n: number) => {
    const r = stageRubric(problem, n);
    return r.ok ? r.rubric : undefined;
  };
  switch (phase) {
    case 'clarify':
      return undefined;
    case 'estimate': {
      const n = problem.stages.find((s) => s.kind === 'estimate')?.number;
      if (n === undefined) return undefined;
      const rubric = load(n);
      return { stage: n, ...(rubric ? { rubric } : {}) };
    }
    case 'api': {
      const rubric = checksRubric('interview-api', 'API and data model', [['interview/api-covers-flows', { required: true }], ['interview/data-access', { required: true }]], load(iv.designStage));
      return { stage: iv.designStage, rubric };
    }
    case 'design': {
      const rubric = load(iv.designStage);
      return { stage: iv.designStage, ...(rubric ? { rubric } : {}) };
    }
    case 'deep_dive': {
      const rubric = load(iv.deepDiveStage);
      return { stage: iv.deepDiveStage, ...(rubric ? { rubric } : {}) };
    }
    case 'decide': {
      const rubric = checksRubric('interview-decide', 'Decisions', [['interview/decisions', { required: true }]], load(iv.deepDiveStage));
      return { stage: iv.deepDiveStage, rubric };
    }
  }
}

/** The estimate stage's quantities whose formula uses a fact that no asked question revealed, with those facts. */
export function guessedQuantities(problem: Problem, stage: number, revealed: ReadonlySet<string>): { name: string; facts: string[] }[] {
  const est = problem.stages[stage - 1]?.estimate;
  if (!est) return [];
  const out: { name: string; facts: string[] }[] = [];
  for (const [name, q] of Object.entries(est.quantities)) {
    const unknown = formulaFacts(q.formula, est.facts).filter((f) => !revealed.has(f));
    if (unknown.length) out.push({ name, facts: unknown });
  }
  return out;
}

export function scoreInterview(problem: Problem, session: InterviewSession): Scorecard {
  const iv: ProblemInterview = problem.interview!;
  const asked = new Set(session.asked);
  const phases: PhaseScore[] = [];
  const specFor = (p: Phase) => session.specs[p] ?? session.spec;
  // A shorter interview (--minutes 30) is judged against guides scaled to its length.
  const length = session.length ?? iv.minutes;
  const guides = phaseGuides(iv, length);

  const add = (phase: Phase, score: number, passed: boolean, notes: string[], report?: Report) => {
    const minutes = session.minutes[phase];
    const guide = guides[phase];
    const overtime = minutes !== undefined && minutes > guide * OVERTIME_FACTOR;
    if (overtime) notes.push(`took ${minutes} min of the ${guide} min guide: −${TIME_PENALTY}`);
    const s = Math.max(0, Math.min(100, Math.round(score - (overtime ? TIME_PENALTY : 0))));
    phases.push({ phase, title: PHASE_TITLES[phase], score: s, passed, ...(minutes !== undefined ? { minutes } : {}), guide, overtime, notes, ...(report ? { report } : {}) });
  };

  // Clarify: the share of relevant questions asked, less a cost per distractor.
  const relevant = iv.questions.filter(isRelevant);
  const found = relevant.filter((q) => asked.has(q.id));
  const distractors = iv.questions.filter((q) => !isRelevant(q) && asked.has(q.id));
  const missed = relevant.filter((q) => !asked.has(q.id));
  const clarify = (100 * found.length) / Math.max(1, relevant.length) - DISTRACTOR_COST * distractors.length;
  const revealed = new Set(found.flatMap((q) => q.reveals));
  add(
    'clarify',
    clarify,
    clarify >= 60,
    [
      `asked ${found.length} of ${relevant.length} questions that matter`,
      ...(distractors.length ? [`${distractors.length} question(s) that did not move the design: −${DISTRACTOR_COST * distractors.length}`] : []),
      ...(missed.length ? [`never uncovered: ${missed.map((q) => q.fact ?? q.reveals.join(', ')).join('; ')}`] : []),
    ],
  );

  const graded = (phase: Phase, stage: number, rubric: Rubric | undefined, what: string) => {
    // The spec at the end shows what was written, not what was discussed: a phase the interview never
    // reached earns nothing, whatever the starter or work done ahead shows.
    if (session.minutes[phase] === undefined) return add(phase, 0, false, [`not reached: the interview ended before the ${what}`]);
    if (!rubric) return add(phase, 0, false, [`the ${what} rubric does not load`]);
    const r = gradePhase(specFor(phase), rubric, problem.id, stage);
    if (!r.report) return add(phase, 0, false, [`the spec does not load: ${r.error}`]);
    const failing = r.report.checks.filter((c) => c.status === 'fail');
    const notes = failing.length ? failing.map((c) => `${c.id}: ${c.message}`) : [`${what}: every check passes`];
    if (phase === 'estimate') {
      // An estimate earns credit only from figures the interviewer gave: a quantity resting on a fact no
      // asked question uncovered is a guess (or the answer known beforehand), however close it lands.
      const unearned = guessedQuantities(problem, stage, revealed);
      const total = Object.keys(problem.stages[stage - 1]?.estimate?.quantities ?? {}).length;
      if (unearned.length && total) {
        if (!failing.length) notes.length = 0;
        for (const u of unearned) notes.push(`${u.name} rests on ${u.facts.join(', ')}, which no question you asked uncovered: not earned`);
        const score = (r.report.score * (total - unearned.length)) / total;
        return add(phase, score, false, notes, r.report);
      }
    }
    add(phase, r.report.score, r.report.passed, notes, r.report);
  };

  for (const phase of PHASES.slice(1)) {
    const r = phaseRubric(problem, phase);
    if (!r) add('estimate', 100, true, ['the problem has no estimate stage']);
    else graded(phase, r.stage, r.rubric, PHASE_WHAT[phase]);
  }

  const overall = Math.round(PHASES.reduce((a, p) => a + PHASE_WEIGHTS[p] * phases.find((x) => x.phase === p)!.score, 0) / PHASES.reduce((a, p) => a + PHASE_WEIGHTS[p], 0));
  let signal = signalOf(overall);
  const reasons = [`overall ${overall} of 100 (weights: ${PHASES.map((p) => `${p.replace('_', ' ')} ${PHASE_WEIGHTS[p]}`).join(', ')}): ${signal}`];
  const byPhase = (p: Phase) => phases.find((x) => x.phase === p)!;
  if (!byPhase('design').passed) {
    const was = signal;
    signal = lower(signal, 'lean no');
    if (signal !== was) reasons.push(`the design does not pass its stage: at most lean no`);
  }
  if (!byPhase('deep_dive').passed) {
    const was = signal;
    signal = lower(signal, 'lean hire');
    if (signal !== was) reasons.push(`the design did not survive the deep dive: at most lean hire`);
  }
  // Designing before asking what the system must do is the classic red flag, whatever the design.
  const clarifyScore = byPhase('clarify').score;
  if (clarifyScore < CLARIFY_GATE) {
    const was = signal;
    signal = lower(signal, 'lean hire');
    if (signal !== was) reasons.push(`clarify scored ${clarifyScore} (below ${CLARIFY_GATE}): a design built on requirements never asked for is at most lean hire`);
  }
  // Asking every question on the list is not clarifying: it finds the facts without choosing what matters.
  const offered = iv.questions.filter((q) => !isRelevant(q)).length;
  if (offered >= 2 && distractors.length > offered * SHOTGUN_SHARE) {
    const was = signal;
    signal = lower(signal, 'lean hire');
    if (signal !== was)
      reasons.push(
        `asked ${distractors.length} of the ${offered} questions that do not move the design: asking everything is not clarifying, at most lean hire`,
      );
  }
  const spent = Math.round(PHASES.reduce((a, p) => a + (session.minutes[p] ?? 0), 0) * 10) / 10;
  if (spent > length * LENGTH_OVERTIME_FACTOR) {
    const i = SIGNALS.findIndex((s) => s.signal === signal);
    const was = signal;
    signal = SIGNALS[Math.min(SIGNALS.length - 1, i + 1)]!.signal;
    reasons.push(`${spent} minutes for a ${length}-minute interview: one step down from ${was}`);
  }
  const weakest = [...phases].sort((a, b) => a.score - b.score)[0]!;
  if (weakest.score < 70) reasons.push(`weakest phase: ${weakest.title} (${weakest.score})`);

  return {
    problem: problem.id,
    title: problem.title,
    phases,
    overall,
    signal,
    reasons,
    asked: session.asked.map((id) => iv.questions.find((q) => q.id === id)).filter((q) => q !== undefined).map((q) => ({ id: q.id, ask: q.ask, answer: q.answer, relevant: isRelevant(q) })),
    missed: missed.map((q) => ({ id: q.id, ask: q.ask, uncovers: q.fact ?? `the figures ${q.reveals.join(', ')}` })),
    minutes: { spent, allowed: length },
    finalSpec: session.spec,
  };
}
