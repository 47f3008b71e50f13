// The rubric a stage is graded by: its own rubric (a file, a rubric id or inline data) plus the
// must-pass checks and assertions of every earlier stage, so a follow-up cannot silently break
// what was already right.
import { lstatSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gradeLoaded } from '../grading/grade.js';
import { buildRubric, findInDirs, findContained, loadRubricFile, RUBRICS_DIR, type Rubric } from '../grading/rubric.js';
import type { Diagnostic } from '../specfile/diagnostic.js';
import { CATALOG_PATH, realDir, RUBRIC_ID } from '../specfile/contain.js';
import type { EstimateReference } from '../analysis/estimates.js';
import { mergeGivens, type Givens } from '../specfile/givens.js';
import type { Problem, ProblemDrill } from './problem.js';
import { dictFrom } from '../specfile/dict.js';
import { referencePlaces } from './reference-places.js';
import type { ReferencePlaces } from '../specfile/places.js';
import { readSource } from '../specfile/source.js';
import { loadSpecFile } from '../specfile/load.js';
import type { DrillSpec } from '../checks/drill/drills.js';
import type { SpecPath } from '../specfile/diagnostic.js';

export type StageRubricResult = { ok: true; rubric: Rubric } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Where a stage's rubric id is looked up: the problem folder, the catalog's rubrics/ folder and the one beside the
 * catalog, then the shipped rubrics. A rubrics/ folder that is itself a symbolic link is not searched: its files
 * would be "inside" wherever it points (a catalog's rubrics linked to a folder of credentials printed their fields
 * as unknown rubric fields: review attack).
 */
export function rubricSearchDirs(problem: Problem): string[] {
  const shared = [join(problem.catalog, 'rubrics'), resolve(problem.catalog, '..', 'rubrics')].filter((d) => !isLink(d));
  return [problem.dir, ...shared, RUBRICS_DIR].filter((d, i, all) => all.indexOf(d) === i);
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The stage's own rubric, without carry-over. */
export function ownStageRubric(problem: Problem, stageNumber: number): StageRubricResult {
  const stage = problem.stages[stageNumber - 1];
  if (!stage) return { ok: false, diagnostics: [{ file: problem.file, message: `problem "${problem.id}" has no stage ${stageNumber} (it has ${problem.stages.length})`, code: 'unknown-stage', severity: 'error' }] };
  const dirs = rubricSearchDirs(problem);
  const at = [...stage.path, 'rubric'];
  if (typeof stage.rubric === 'string') {
    const ref = stage.rubric;
    const pos = problem.locate(at);
    const refError = (message: string, code: string): StageRubricResult => ({ ok: false, diagnostics: [{ file: problem.file, ...(pos ?? {}), message, code, severity: 'error' }] });
    let found: ReturnType<typeof findContained>;
    if (/\.ya?ml$/.test(ref)) {
      // A path: plain segments relative to the problem folder, resolved inside the catalog.
      if (!CATALOG_PATH.test(ref)) return refError(`stage ${stageNumber} names rubric "${ref}": a rubric path is relative to the problem folder, without "..", and stays inside the catalog (or name a rubric by id)`, 'path-outside');
      found = findContained([resolve(problem.dir, ref)], [realDir(problem.catalog)]);
    } else {
      if (!RUBRIC_ID.test(ref)) return refError(`stage ${stageNumber} names rubric "${ref}", which is not a rubric id (letters, digits, '.', '_' and '-') nor a .yaml path`, 'bad-rubric-ref');
      found = findInDirs(ref, dirs);
    }
    if (found.error) return refError(`stage ${stageNumber} names rubric "${ref}", which ${found.error}`, found.code);
    if (!found.file) {
      return refError(`stage ${stageNumber} names rubric "${ref}", which was not found (a .yaml path inside the catalog, or an id in ${dirs.join(', ')})`, 'unknown-rubric');
    }
    return loadRubricFile(found.file, dirs);
  }
  if (stage.rubric === undefined) {
    // An estimate stage without a rubric of its own: every quantity must be in range.
    const pos = problem.locate(stage.path);
    return {
      ok: true,
      rubric: {
        id: `${problem.id}-stage-${stageNumber}`, title: `${problem.title}, stage ${stageNumber}`, passMark: 100, assertions: [],
        checks: [{ id: 'estimation/quantities', weight: 1, mustPass: true, options: { quantities: stage.estimate?.references ?? {} }, source: { file: problem.file, ...(pos ? { line: pos.line, column: pos.column } : {}) } }],
      },
    };
  }
  const raw = { id: `${problem.id}-stage-${stageNumber}`, title: `${problem.title}, stage ${stageNumber}`, ...stage.rubric } as Parameters<typeof buildRubric>[1];
  const built = buildRubric(problem.file, raw, problem.locate, dirs, new Set(), at);
  if (built.ok && stage.drills) addDrillChecks(built.rubric, problem, stage.drills, stage.path);
  if (built.ok && stage.estimate && !built.rubric.checks.some((c) => c.id === 'estimation/quantities')) {
    built.rubric.checks.push({ id: 'estimation/quantities', weight: 1, mustPass: true, options: { quantities: stage.estimate.references } });
  }
  return built;
}

/**
 * A stage's `drills:` as must-pass checks: one drill/<check> per kind of check, its options listing the
 * drills (scenarios and pass criteria). A drill check the rubric already lists keeps its own weight and gets them added.
 */
function addDrillChecks(rubric: Rubric, problem: Problem, drills: readonly ProblemDrill[], path: SpecPath): void {
  drills.forEach((d, i) => {
    const id = `drill/${d.check ?? 'survives'}`;
    const spec: DrillSpec = { scenarios: Array.isArray(d.scenario) ? [...d.scenario] : [d.scenario] };
    if (d.p99_factor !== undefined) spec.p99Factor = d.p99_factor;
    if (d.max_utilization !== undefined) spec.maxUtilization = d.max_utilization;
    if (d.rpo_s !== undefined) spec.rpoS = d.rpo_s;
    if (d.retries !== undefined) spec.retries = d.retries;
    if (d.max_rejected_share !== undefined) spec.maxRejectedShare = d.max_rejected_share;
    let check = rubric.checks.find((c) => c.id === id);
    if (!check) {
      const pos = problem.locate([...path, 'drills', i]);
      check = { id, weight: 1, mustPass: true, options: { drills: [] }, source: { file: problem.file, ...(pos ? { line: pos.line, column: pos.column } : {}) } };
      rubric.checks.push(check);
    }
    const options = (check.options ?? {}) as { drills?: DrillSpec[] };
    check.options = { ...options, drills: [...(options.drills ?? []), spec] };
  });
}

/** The rate quantities of earlier estimate stages that feed a flow of this stage. */
function fedRates(problem: Problem, stageNumber: number): Record<string, EstimateReference> {
  const out: Record<string, EstimateReference> = {};
  for (const s of problem.stages.slice(0, stageNumber - 1)) {
    for (const [name, ref] of Object.entries(s.estimate?.references ?? {})) if (ref.flow) out[name] = ref;
  }
  return out;
}

export function stageRubric(problem: Problem, stageNumber: number): StageRubricResult {
  const own = ownStageRubric(problem, stageNumber);
  if (!own.ok) return own;
  const rubric: Rubric = { ...own.rubric, checks: [...own.rubric.checks], assertions: [...own.rubric.assertions] };
  const disabled = new Set(own.rubric.disabled ?? []);
  for (let k = stageNumber - 1; k >= 1; k--) {
    const earlier = ownStageRubric(problem, k);
    if (!earlier.ok) return earlier;
    for (const id of earlier.rubric.disabled ?? []) disabled.add(id);
    for (const c of earlier.rubric.checks) {
      // Estimates are answered once; later stages are held to them by design/rates-match-estimates.
      if (c.id.startsWith('estimation/')) continue;
      if (c.mustPass && !rubric.checks.some((x) => x.id === c.id)) rubric.checks.push({ ...c });
    }
    for (const a of earlier.rubric.assertions) {
      if (a.mustPass && !rubric.assertions.some((x) => x.id === a.id)) rubric.assertions.push({ ...a });
    }
  }
  const fed = fedRates(problem, stageNumber);
  if (Object.keys(fed).length && !rubric.checks.some((c) => c.id === 'design/rates-match-estimates')) {
    rubric.checks.push({ id: 'design/rates-match-estimates', weight: 1, mustPass: true, options: { quantities: fed } });
  }
  // The checks every design stage carries, must-pass, unless a stage lists one (must_pass false, options) or disables it.
  // An estimate stage grades the learner's arithmetic, not a design.
  const estimateStage = problem.stages[stageNumber - 1]?.kind === 'estimate';
  for (const id of estimateStage ? [] : EVERY_STAGE_CHECKS)
    if (!disabled.has(id) && !rubric.checks.some((c) => c.id === id))
      rubric.checks.push({ id, weight: 1, mustPass: true, options: { ...(EVERY_STAGE_OPTIONS[id] ?? {}) } });
  const givens = stageGivens(problem, stageNumber);
  if (givens) rubric.givens = givens;
  const solution = problem.stages[stageNumber - 1]?.solution;
  if (!estimateStage && solution !== undefined) rubric.judgesReference = referenceJudges(solution, rubric);
  return { ok: true, rubric };
}

/**
 * The stage's must-pass checks that judge its reference (a status other than n/a), but for EVERY_STAGE_CHECKS, guards
 * that have nothing to say about most designs: computed once, on first use (only a spec that a must-pass check finds
 * nothing in asks). A reference that cannot be read or graded judges nothing (problem check reports it).
 */
function referenceJudges(solution: string, rubric: Rubric): () => ReadonlySet<string> {
  let judged: ReadonlySet<string> | undefined;
  return () => {
    if (judged) return judged;
    judged = new Set();
    const loaded = loadSpecFile(solution);
    if (!loaded.ok) return judged;
    const { judgesReference: _, ...plain } = rubric;
    const report = gradeLoaded(loaded.loaded, plain);
    const every = new Set(EVERY_STAGE_CHECKS);
    judged = new Set(report.checks.filter((c) => c.mustPass && c.status !== 'n/a' && !every.has(c.id)).map((c) => c.id));
    return judged;
  };
}

/** The check every catalog stage carries by default (mentors relax it in a stage's rubric). */
export const HONEST_FIGURES = 'design/honest-figures';

/**
 * What every design stage carries by default, must-pass (mentors relax one in a stage's rubric): figures the
 * problem gives or a real system has, timeouts that let healthy calls finish (EVERY_STAGE_OPTIONS), and reads the prompt says must be exact served by the writer or a current
 * copy, never a cache, a CDN, an asynchronous replica or a read model (a stage that did not list the checks let a
 * strong read through a CDN pass bank-ledger's overdraft stage, and one from a lagging read model pass
 * payments-failover's). Each does not apply, and does not score, where it has nothing to say.
 */
export const EVERY_STAGE_CHECKS = [HONEST_FIGURES, 'geo/strong-read-source', 'cqrs/strong-reads-on-write-model', 'bulkhead/timeouts'];

/**
 * The options an every-stage check carries where the stage's rubric does not list it. A timeout inside a call's
 * healthy tail caps its latency on paper and fails the calls it cuts: typeahead's 32 shards at timeout_ms 1 (below
 * their 1.5 ms p50) passed a latency stage at 17 ms (review attack). Every stage judges a stated timeout's cut-off;
 * a missing timeout is a fault only where the stage is about timeouts (its rubric lists the check whole).
 */
export const EVERY_STAGE_OPTIONS: Readonly<Record<string, Record<string, unknown>>> = { 'bulkhead/timeouts': { cutOffOnly: true } };

/** The problem's givens with every stage's changes up to this one applied. */
export function stageGivens(problem: Problem, stageNumber: number): Givens | undefined {
  let g = problem.givens;
  for (const s of problem.stages.slice(0, stageNumber)) g = mergeGivens(g, s.givens);
  if (!g?.components) return g;
  // Where the named components stand in the stage's reference, read only if a spec could rename one (specfile/places.ts),
  // and its flows as the prompt fixes them (resolve.ts holdPromptFlows), but for a rate an earlier estimate stage
  // lets the learner's own estimate set (design/rates-match-estimates holds the spec to that instead).
  // A reference flow the learner is told of by name (the scenario, the starter, this stage's or an earlier one's
  // title, prompt or hints) must be in the spec under that name; one only a reference has (a flow split per
  // region or tenant) is one way of doing the stage, not the prompt.
  const fed = new Set(Object.values(fedRates(problem, stageNumber)).map((r) => r.flow));
  let held: ReferencePlaces | undefined;
  return {
    ...g,
    placesOf: () => {
      if (held) return held;
      const ref = referencePlaces(problem, stageNumber);
      if (!ref.flows) return (held = ref);
      const told = promptText(problem, stageNumber);
      const flows = dictFrom(Object.entries(ref.flows));
      for (const name of Object.keys(flows)) {
        const { rate, ...rest } = flows[name]!;
        flows[name] = { ...rest, ...(rate !== undefined && !fed.has(name) ? { rate } : {}), ...(namesWord(told, name) ? { named: true } : {}) };
      }
      return (held = { ...ref, flows });
    },
  };
}

/** What the learner reads up to this stage: the scenario, the starter and each stage's title, prompt and hints. */
function promptText(problem: Problem, stageNumber: number): string {
  const parts = [problem.scenario.summary, problem.scenario.users ?? '', ...problem.scenario.numbers.flatMap((n) => [n.label, n.value])];
  const starter = readSource(problem.starter);
  if (starter.ok) parts.push(starter.text);
  for (const s of problem.stages.slice(0, stageNumber)) parts.push(s.title, s.prompt, ...s.hints);
  return parts.join('\n');
}

/** Whether `text` has `word` with no id character on either side (flow names are ids: letters, digits, - and _). */
export function namesWord(text: string, word: string): boolean {
  const isId = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_-]/.test(c);
  for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + 1)) {
    if (!isId(text[i - 1]) && !isId(text[i + word.length])) return true;
  }
  return false;
}
