// Proves a problem works, the way a rule tester proves a rule: for every stage the reference
// solution passes, the starter fails stage 1, each flawed fixture fails the checks it names, and
// every rubric assertion evaluates on the reference's metrics. Also reports coverage.
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { getCheck } from '../checks/registry.js';
import { SEED_TOPICS } from '../checks/types.js';
import { gradeLoaded } from '../grading/grade.js';
import type { Report } from '../grading/report.js';
import type { Rubric } from '../grading/rubric.js';
import { assertionContext, assertionWhere, evaluateAssertion } from '../grading/assertions.js';
import { formatDiagnostic, type Diagnostic } from '../specfile/diagnostic.js';
import { loadSpecFile } from '../specfile/load.js';
import type { Problem } from './problem.js';
import { stageRubric } from './stage-rubric.js';
import { designReader, type DesignReader } from './design-file.js';
import { givenKindProblems } from './given-kinds.js';
import { maySkipProblems } from './may-skip.js';
import { givenUsersProblems } from './given-users.js';
import { givenFigureProblems } from './given-figures.js';
import { loadSession, PASSING_SIGNALS, scoreInterview } from './interview-score.js';

export type ProofKind = 'rubric' | 'solution' | 'starter' | 'fixture' | 'assertion' | 'hints' | 'placeholder' | 'interview' | 'givens';

export interface ProofResult {
  problem: string;
  stage?: number;
  kind: ProofKind;
  file: string;
  ok: boolean;
  message: string;
  /** file:line:col of the cause where there is one. */
  where?: string;
}

export interface ProblemProof {
  problem: string;
  results: ProofResult[];
  coverage: { checks: string[]; topics: string[]; seedTopics: string[] };
  ok: boolean;
}

export interface ProveOptions {
  /** Shipped catalog demands three progressive hints per stage; mentors' catalogs one. */
  minHints?: number;
}

function grade(file: string, rubric: Rubric, problem: string, stage: number): { report?: Report; error?: string; diagnostics?: Diagnostic[] } {
  const loaded = loadSpecFile(file);
  if (!loaded.ok) return { error: `is not a valid spec: ${loaded.diagnostics.map(formatDiagnostic).join('; ')}`, diagnostics: loaded.diagnostics };
  return { report: gradeLoaded(loaded.loaded, rubric, { problem, stage }) };
}

function failing(report: Report): string {
  const bad = report.checks.filter((c) => c.status === 'fail');
  return bad.map((c) => `${c.id} (${c.message}${c.location?.line !== undefined ? ` at line ${c.location.line}` : ''})`).join('; ');
}

/** The marker `problem new` writes where the mentor still has text to write. */
export const PLACEHOLDER = 'TODO:';

/** Lines (outside comments) of a file that still carry the scaffold's placeholder. */
function placeholderLines(file: string): { line: number; column: number }[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: { line: number; column: number }[] = [];
  text.split('\n').forEach((l, i) => {
    const col = l.indexOf(PLACEHOLDER);
    if (col >= 0 && !l.slice(0, col).includes('#')) out.push({ line: i + 1, column: col + 1 });
  });
  return out;
}

/** A spec's design, without what names its place in the problem (`problem`, `stage`). */
function designOf(file: string, read: DesignReader): unknown {
  const doc = read(file);
  if (!doc) return undefined;
  const { problem: _p, stage: _s, $schema: _x, ...design } = doc;
  return design;
}

export function proveProblem(problem: Problem, options: ProveOptions = {}): ProblemProof {
  const minHints = options.minHints ?? 1;
  const results: ProofResult[] = [];
  const checksUsed = new Set<string>();
  const topics = new Set<string>();
  const push = (r: Omit<ProofResult, 'problem'>) => results.push({ problem: problem.id, ...r });

  const todo = placeholderLines(problem.file);
  if (todo.length) {
    push({
      kind: 'placeholder', file: problem.file, ok: false,
      message: `placeholder text left in ${problem.file.split('/').pop()}: ${todo.length} line(s) still say ${PLACEHOLDER} (line ${todo.map((t) => t.line).join(', ')}); replace them with the problem's own text`,
      where: `${problem.file}:${todo[0]!.line}:${todo[0]!.column}`,
    });
  }

  // The starter and each reference are read once for every proof that looks at their fields.
  const read = designReader();
  for (const g of givenKindProblems(problem, read)) {
    const at = g.path ? problem.locate(g.path) : undefined;
    push({
      ...(g.stage ? { stage: g.stage } : {}),
      kind: 'givens',
      file: g.file,
      ok: false,
      message: g.message,
      ...(at ? { where: `${g.file}:${at.line}:${at.column}` } : {}),
    });
  }

  for (const g of maySkipProblems(problem, read)) {
    const at = problem.locate(g.path);
    push({
      stage: g.stage,
      kind: 'givens',
      file: problem.file,
      ok: false,
      message: g.message,
      ...(at ? { where: `${problem.file}:${at.line}:${at.column}` } : {}),
    });
  }

  for (const g of givenFigureProblems(problem, read)) push({ ...(g.stage ? { stage: g.stage } : {}), kind: 'givens', file: g.file, ok: false, message: g.message });

  for (const g of givenUsersProblems(problem, read)) {
    const at = problem.locate(g.path);
    push({ stage: g.stage, kind: 'givens', file: g.file, ok: false, message: g.message, ...(at ? { where: `${g.file}:${at.line}:${at.column}` } : {}) });
  }

  for (const stage of problem.stages) {
    const n = stage.number;
    const where = problem.locate(stage.path);
    const stageWhere = `${problem.file}:${where?.line ?? 1}:${where?.column ?? 1}`;
    if (stage.hints.length < minHints) {
      push({ stage: n, kind: 'hints', file: problem.file, ok: false, message: `stage ${n} has ${stage.hints.length} hint(s); at least ${minHints} (nudge, concept, near-answer)`, where: stageWhere });
    }
    const estimateErrors = stage.estimate?.errors() ?? [];
    if (estimateErrors.length) {
      push({ stage: n, kind: 'rubric', file: problem.file, ok: false, message: estimateErrors.map(formatDiagnostic).join('; '), where: stageWhere });
      continue;
    }
    const rubric = stageRubric(problem, n);
    if (!rubric.ok) {
      push({ stage: n, kind: 'rubric', file: problem.file, ok: false, message: rubric.diagnostics.map(formatDiagnostic).join('; '), where: stageWhere });
      continue;
    }
    push({ stage: n, kind: 'rubric', file: rubric.rubric.file ?? problem.file, ok: true, message: `rubric ${rubric.rubric.id}: ${rubric.rubric.checks.length} checks, ${rubric.rubric.assertions.length} assertions` });
    for (const c of rubric.rubric.checks) {
      checksUsed.add(c.id);
      const check = getCheck(c.id);
      if (check) topics.add(check.meta.topic);
    }

    const prev = problem.stages.find((s) => s.number === n - 1);
    if (prev && stage.kind === 'design' && prev.kind === 'design' && prev.solution !== stage.solution) {
      const a = designOf(prev.solution, read);
      if (a !== undefined && isDeepStrictEqual(a, designOf(stage.solution, read))) {
        push({ stage: n, kind: 'solution', file: stage.solution, ok: false, message: `stage ${n}'s solution is identical to stage ${n - 1}'s: write the design that answers stage ${n}'s prompt` });
      }
    }

    const sol = grade(stage.solution, rubric.rubric, problem.id, n);
    if (!sol.report) {
      push({ stage: n, kind: 'solution', file: stage.solution, ok: false, message: `reference solution ${sol.error}` });
    } else {
      const r = sol.report;
      const ok = r.passed;
      push({
        stage: n, kind: 'solution', file: stage.solution, ok,
        message: ok ? `reference solution passes (score ${r.score})` : `reference solution fails (score ${r.score}, pass mark ${r.passMark}${r.mustPassFailed.length ? `, must-pass failed: ${r.mustPassFailed.join(', ')}` : ''}): ${failing(r)}`,
      });
      if (rubric.rubric.assertions.length) {
        const ctx = assertionContext(r.metrics);
        for (const a of rubric.rubric.assertions) {
          const out = evaluateAssertion(a.compiled, ctx);
          const loc = a.source?.line !== undefined ? `${a.source.file}:${a.source.line}:${a.source.column ?? 1}` : undefined;
          push({
            stage: n, kind: 'assertion', file: a.source?.file ?? problem.file, ok: out.ok,
            message: out.ok ? `assertion ${a.id} evaluates on the reference solution` : out.budget ? `${assertionWhere(a)}: ${out.error}` : `assertion ${a.id} cannot be evaluated on the reference solution: ${out.error}`,
            ...(loc ? { where: loc } : {}),
          });
        }
      }
    }

    if (n === 1) {
      const st = grade(problem.starter, rubric.rubric, problem.id, n);
      if (!st.report) push({ stage: n, kind: 'starter', file: problem.starter, ok: false, message: `starter ${st.error}` });
      else push({ stage: n, kind: 'starter', file: problem.starter, ok: !st.report.passed, message: st.report.passed ? `the starter already passes stage 1 (score ${st.report.score}): it should be a naive design that fails` : `starter fails stage 1 as it should (score ${st.report.score})` });
    }

    for (const fx of stage.fixtures) {
      const g = grade(fx.file, rubric.rubric, problem.id, n);
      if (!g.report) {
        push({ stage: n, kind: 'fixture', file: fx.file, ok: false, message: `fixture ${g.error}` });
        continue;
      }
      const byId = new Map(g.report.checks.map((c) => [c.id, c]));
      const notInRubric = fx.fails.filter((id) => !byId.has(id));
      const notFailing = fx.fails.filter((id) => byId.has(id) && byId.get(id)!.status !== 'fail');
      const problems: string[] = [];
      if (notInRubric.length) problems.push(`names ${notInRubric.join(', ')}, not in stage ${n}'s rubric`);
      if (notFailing.length) problems.push(`should fail ${notFailing.map((id) => `${id} (it is ${byId.get(id)!.status})`).join(', ')}`);
      if (g.report.passed) problems.push(`the fixture passes the stage (score ${g.report.score})`);
      push({
        stage: n, kind: 'fixture', file: fx.file, ok: problems.length === 0,
        message: problems.length ? problems.join('; ') : `fails ${fx.fails.join(', ')} as it should (score ${g.report.score})`,
      });
    }
  }
  if (problem.interview) results.push(...proveInterview(problem));
  const seedTopics = Object.entries(SEED_TOPICS).filter(([, ts]) => ts.some((t) => topics.has(t))).map(([seed]) => seed);
  return { problem: problem.id, results, coverage: { checks: [...checksUsed].sort(), topics: [...topics].sort(), seedTopics }, ok: results.every((r) => r.ok) };
}

/** A problem's interview proves itself like a stage: the reference session hires, each flawed session does not. */
function proveInterview(problem: Problem): ProofResult[] {
  const iv = problem.interview!;
  const out: ProofResult[] = [];
  const sessions: [string, boolean][] = [[iv.reference, true], ...iv.flawed.map((f): [string, boolean] => [f, false])];
  for (const [file, shouldHire] of sessions) {
    const s = loadSession(file);
    if (!s.ok) {
      out.push({ problem: problem.id, kind: 'interview', file, ok: false, message: `is not a valid session: ${s.diagnostics.map(formatDiagnostic).join('; ')}` });
      continue;
    }
    if (s.session.problem !== problem.id) {
      out.push({ problem: problem.id, kind: 'interview', file, ok: false, message: `is a session of ${s.session.problem}, not ${problem.id}` });
      continue;
    }
    const card = scoreInterview(problem, s.session);
    const hires = PASSING_SIGNALS.includes(card.signal);
    const ok = hires === shouldHire;
    const weak = card.phases.filter((p) => p.score < 70).map((p) => `${p.phase} ${p.score}`);
    out.push({
      problem: problem.id,
      kind: 'interview',
      file,
      ok,
      message: shouldHire
        ? ok
          ? `the reference session scores ${card.signal} (${card.overall})`
          : `the reference session scores ${card.signal} (${card.overall}), below hire${weak.length ? `: ${weak.join(', ')}` : ''}; ${card.reasons.join('; ')}`
        : ok
          ? `the flawed session scores ${card.signal} (${card.overall}), below hire, as it should`
          : `the flawed session scores ${card.signal} (${card.overall}): a flawed session must score below hire`,
    });
  }
  return out;
}
