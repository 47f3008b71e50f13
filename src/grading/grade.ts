// grade(): runs a rubric's checks and assertions over a loaded spec and scores the result.
// The grader owns location, weight and severity (Spectral-style); checks only say what and where.
import { analyse } from '../analysis/analyse.js';
import type { Metrics } from '../analysis/metrics.js';
import { getCheck } from '../checks/registry.js';
import { fillTemplate, type Finding, type Status } from '../checks/types.js';
import { formatDiagnostic, formatPath } from '../specfile/diagnostic.js';
import { lowerFirst } from '../specfile/schema-errors.js';
import { withGivens, type LoadedSpec } from '../specfile/load.js';
import { assertionContext, assertionWhere, budgetUntil, evaluateAssertion, GRADE_ASSERTIONS_MS } from './assertions.js';
import type { CheckStatus, Report, ReportCheck, ReportFinding } from './report.js';
import type { Rubric } from './rubric.js';

const RANK: Record<Status, number> = { fail: 0, warn: 1, pass: 2 };
const CREDIT: Record<Status, number> = { pass: 1, warn: 0.5, fail: 0 };

export interface GradeOptions {
  minScore?: number;
  problem?: string;
  stage?: number;
}

const NOT_APPLYING_HINT =
  "This stage's own design is judged by this check, so the stage is about what it checks. A check that finds nothing usually means a part or a declaration the stage needs is gone: a component, a flow's invariant, a call's side effect or idempotency key, a pool, a tier the requests go through. Put it back rather than labelling it away.";

/** Among passing findings, the tightest (least room left) first: it is the one worth reading. */
const room = (f: ReportFinding): number => f.slack ?? Number.MAX_VALUE;

function worstFirst(a: ReportFinding, b: ReportFinding): number {
  return RANK[a.status] - RANK[b.status] || room(a) - room(b);
}

/**
 * A rubric's options that name a problem's component (sideEffects: [scores-db], protects: inventory-db) also
 * name whatever stands in its place (model.standIns), so renaming a component does not take it out of a
 * check: a list gains the stand-ins, a single id becomes the stand-in when the named one is not in the spec.
 */
export function reachStandIns(
  value: Record<string, unknown>,
  standIns: Record<string, string>,
  components: Record<string, unknown>,
): Record<string, unknown> {
  const by = new Map<string, string[]>();
  for (const [u, n] of Object.entries(standIns)) by.set(n, [...(by.get(n) ?? []), u]);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return Object.hasOwn(components, v) ? v : (by.get(v)?.[0] ?? v);
    if (Array.isArray(v)) return v.flatMap((x) => (typeof x === 'string' && by.has(x) ? [x, ...by.get(x)!] : [walk(x)]));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as Record<string, unknown>;
}

export function gradeLoaded(loaded: LoadedSpec, rubric: Rubric, options: GradeOptions = {}): Report {
  // Against a problem, the problem's givens are the figures used, whatever the spec claims.
  const graded = withGivens(loaded, rubric.givens);
  const metrics = analyse(graded.model);
  return gradeWithMetrics(graded, metrics, rubric, options);
}

export function gradeWithMetrics(loaded: LoadedSpec, metrics: Metrics, rubric: Rubric, options: GradeOptions = {}): Report {
  const { model, locate, file } = loaded;
  const toReportFinding = (f: Finding, messages: Record<string, string>, hints: Record<string, string>): ReportFinding => {
    const pos = locate(f.path);
    const out: ReportFinding = {
      status: f.status,
      messageId: f.messageId,
      message: fillTemplate(messages[f.messageId] ?? f.messageId, f.data),
      location: pos ? { line: pos.line, column: pos.column, path: formatPath(f.path) } : { path: formatPath(f.path) },
      specPath: f.path,
      data: f.data,
    };
    const hint = hints[f.messageId];
    if (hint && f.status !== 'pass') out.hint = hint;
    if (f.evidence) out.evidence = f.evidence;
    if (f.slack !== undefined && Number.isFinite(f.slack)) out.slack = f.slack;
    return out;
  };

  const checks: ReportCheck[] = [];
  // Must-pass checks that found nothing to judge, by index in `checks` (judged against the stage's reference below).
  const silent: number[] = [];
  for (const rc of rubric.checks) {
    const check = getCheck(rc.id);
    if (!check) continue;
    let findings: Finding[];
    try {
      // `{ ...a, ...b }` costs over a microsecond on Node 20's V8 (a fresh map per object): merge only when the rubric sets options.
      // The rubric's options were validated against this check's optionsSchema when the rubric was loaded.
      const defaults = check.meta.defaults as Record<string, unknown>;
      const options = rc.options && Object.keys(rc.options).length ? { ...defaults, ...rc.options } : { ...defaults };
      findings = check.run({
        model,
        metrics,
        options: model.standIns ? reachStandIns(options, model.standIns, model.components) : options,
      });
    } catch (err) {
      // A check must never take the grade down: report it as an internal failure of that check.
      checks.push({
        id: rc.id,
        title: check.meta.title,
        topic: check.meta.topic,
        status: 'n/a',
        weight: rc.weight,
        mustPass: rc.mustPass,
        message: `internal error in check ${rc.id}: ${(err as Error).message} (please report this)`,
        findings: [],
      });
      continue;
    }
    if (!findings.length && rc.mustPass && rubric.judgesReference) silent.push(checks.length);
    const reported = findings.map((f) => toReportFinding(f, check.meta.messages, check.meta.hints)).sort(worstFirst);
    const status: CheckStatus = reported.length ? reported[0]!.status : 'n/a';
    const top = reported[0];
    const entry: ReportCheck = {
      id: rc.id,
      title: check.meta.title,
      topic: check.meta.topic,
      status,
      weight: rc.weight,
      mustPass: rc.mustPass,
      message: top ? top.message : 'does not apply to this design',
      findings: reported,
    };
    if (top?.hint) entry.hint = top.hint;
    if (top) entry.location = top.location;
    if (top?.evidence) entry.evidence = top.evidence;
    checks.push(entry);
  }

  // A must-pass check that judges the stage's reference and finds nothing to judge here fails: a dropped component or
  // declaration (an invariant, a side effect, a pool, a tier) switched off what the stage is about. Not where the
  // stage's pattern is not declared at all: design/pattern-declared says so, and the pattern's checks have nothing to
  // judge as a consequence (a starter before the stage's work is done).
  const undeclared = checks.some((c) => c.id === 'design/pattern-declared' && c.status === 'fail');
  if (silent.length && !undeclared) {
    const judged = rubric.judgesReference!();
    for (const i of silent) {
      const entry = checks[i]!;
      if (!judged.has(entry.id)) continue;
      checks[i] = {
        ...entry,
        status: 'fail',
        message: `finds nothing to judge in this design, though this stage's reference is graded by it: the design leaves out what it checks (${lowerFirst(entry.title)})`,
        hint: NOT_APPLYING_HINT,
      };
    }
  }

  if (rubric.assertions.length) {
    const ctx = assertionContext(metrics);
    const deadline = Date.now() + GRADE_ASSERTIONS_MS;
    for (const a of rubric.assertions) {
      const outcome = evaluateAssertion(a.compiled, ctx, budgetUntil(deadline));
      const status: Status = outcome.ok && outcome.value ? 'pass' : 'fail';
      const message = outcome.ok
        ? outcome.value
          ? `${a.title}: holds`
          : a.message
        : outcome.budget
          ? `rubric authoring error: ${assertionWhere(a)}: ${outcome.error}`
          : `${a.message} (could not evaluate ${a.expr}: ${outcome.error})`;
      const entry: ReportCheck = {
        id: `assert/${a.id}`,
        title: a.title,
        topic: a.topic,
        status,
        weight: a.weight,
        mustPass: a.mustPass,
        message,
        findings: [],
        evidence: { expr: a.expr },
      };
      if (status === 'fail' && a.hint) entry.hint = a.hint;
      checks.push(entry);
    }
  }

  const scored = checks.filter((c) => c.status !== 'n/a' && c.weight > 0);
  const total = scored.reduce((a, c) => a + c.weight, 0);
  const earned = scored.reduce((a, c) => a + c.weight * CREDIT[c.status as Status], 0);
  const score = total > 0 ? Math.round((earned / total) * 1000) / 10 : 0;
  // A must-pass check that does not apply does not fail the grade (rubrics require a pattern with design/pattern-declared),
  // but for one that judges a problem stage's reference (rubric.judgesReference, above).
  const mustPassFailed = checks.filter((c) => c.mustPass && c.status === 'fail').map((c) => c.id);
  const minScore = options.minScore;
  const passed = score >= rubric.passMark && mustPassFailed.length === 0 && (minScore === undefined || score >= minScore) && total > 0;

  const report: Report = {
    spec: file,
    rubric: { id: rubric.id, title: rubric.title, ...(rubric.file ? { file: rubric.file } : {}) },
    score,
    passed,
    passMark: rubric.passMark,
    mustPassFailed,
    checks,
    warnings: loaded.diagnostics.map(formatDiagnostic),
    metrics,
  };
  if (minScore !== undefined) report.minScore = minScore;
  if (model.name !== undefined) report.name = model.name;
  const problem = options.problem ?? model.problem;
  if (problem !== undefined) report.problem = problem;
  const stage = options.stage ?? model.stage;
  if (stage !== undefined) report.stage = stage;
  return report;
}
