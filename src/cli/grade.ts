// `sdcoach grade <specs...>`: grades spec files against a rubric; text, json, junit, markdown or github output.
import { Option, type Command } from 'commander';
import { formatDiagnostic, errorCount } from '../specfile/diagnostic.js';
import { loadSpecFile, withGivens } from '../specfile/load.js';
import { gradeLoaded } from '../grading/grade.js';
import type { Report } from '../grading/report.js';
import { defaultRubric, loadRubricFile, type Rubric } from '../grading/rubric.js';
import { reportToJson, stringifyJson } from '../grading/format/json.js';
import { formatGithub } from '../grading/format/github.js';
import { formatJunit } from '../grading/format/junit.js';
import { formatMarkdown, formatMarkdownSummary } from '../grading/format/markdown.js';
import { formatSarif } from '../grading/format/sarif.js';
import type { Diagnostic } from '../specfile/diagnostic.js';
import { readFileSync } from 'node:fs';
import { findingsOf } from '../diagrams/findings.js';
import { designToMermaid } from '../diagrams/mermaid.js';
import type { Model } from '../specfile/model.js';
import { formatSummaryTable, formatText } from '../grading/format/text.js';
import { EXIT, rubricOptions, score0to100, useColor } from './io.js';
import { rubricForProblem } from './problem-rubric.js';
import { catalogDirs } from '../problems/catalog.js';
import { catalogsFor } from './catalog-options.js';
import { stdio } from './output.js';

/** Where a grading writes: an Output (src/cli/output.ts), a stream, or a test's collector. */
type Writer = { write(text: string): unknown };

export const GRADE_FORMATS = ['text', 'json', 'junit', 'markdown', 'github', 'sarif'] as const;
export const FAIL_LEVELS = ['warn', 'fail'] as const;
export type FailLevel = (typeof FAIL_LEVELS)[number];
export type GradeFormat = (typeof GRADE_FORMATS)[number];

export interface GradeOptions {
  problem?: string;
  stage?: number;
  rubric?: string;
  format: GradeFormat;
  minScore?: number;
  verbose?: boolean;
  /** Also exit 1 when any check reaches this level (warn: a warning or a failure; fail: a failure), whatever the score. */
  failLevel?: FailLevel;
}

export type Outcome =
  { spec: string; report: Report; model: Model } | { spec: string; error: string; details: string[]; diagnostics?: Diagnostic[] };

function chooseRubric(
  opts: GradeOptions,
  catalogs: string[],
  specProblem: string | undefined,
  specStage: number | undefined,
): { rubric: Rubric; problem?: string; stage?: number } | { error: string[] } {
  if (opts.rubric) {
    const r = loadRubricFile(opts.rubric);
    return r.ok ? { rubric: r.rubric } : { error: r.diagnostics.map(formatDiagnostic) };
  }
  const problem = opts.problem ?? specProblem;
  if (problem) {
    const stage = opts.stage ?? (opts.problem ? undefined : specStage) ?? 1;
    const r = rubricForProblem(problem, stage, catalogs);
    return 'error' in r ? r : { rubric: r.rubric, problem, stage };
  }
  return { rubric: defaultRubric() };
}

export function gradeFiles(files: string[], opts: GradeOptions, catalogs: string[] = catalogDirs()): Outcome[] {
  const gradeOne = fileGrader(opts, catalogs);
  return files.map(gradeOne);
}

/** Grades one file at a time, the rubric of each problem and stage chosen once for every file. */
function fileGrader(opts: GradeOptions, catalogs: string[]): (spec: string) => Outcome {
  const rubricCache = new Map<string, ReturnType<typeof chooseRubric>>();
  return (spec: string): Outcome => {
    const loaded = loadSpecFile(spec);
    if (!loaded.ok) {
      const details = loaded.diagnostics.map(formatDiagnostic);
      return { spec, error: `${errorCount(loaded.diagnostics)} input problem(s)`, details, diagnostics: loaded.diagnostics };
    }
    const { model } = loaded.loaded;
    const key = `${opts.rubric ?? ''}|${opts.problem ?? model.problem ?? ''}|${opts.stage ?? model.stage ?? ''}`;
    let choice = rubricCache.get(key);
    if (!choice) {
      choice = chooseRubric(opts, catalogs, model.problem, model.stage);
      rubricCache.set(key, choice);
    }
    if ('error' in choice) return { spec, error: 'rubric problem', details: choice.error };
    const gradeOpts: { minScore?: number; problem?: string; stage?: number } = {};
    if (opts.minScore !== undefined) gradeOpts.minScore = opts.minScore;
    if (choice.problem !== undefined) gradeOpts.problem = choice.problem;
    if (choice.stage !== undefined) gradeOpts.stage = choice.stage;
    const graded = withGivens(loaded.loaded, choice.rubric.givens);
    return { spec, report: gradeLoaded(graded, choice.rubric, gradeOpts), model: graded.model };
  };
}

/** The exit code of a grading: input errors first, then a failed grade, then --fail-level. */
function exitCode(failed: boolean, reports: readonly Report[], opts: GradeOptions): number {
  if (failed) return EXIT.usage;
  if (!reports.every((r) => r.passed)) return EXIT.failed;
  return opts.failLevel && reports.some((r) => reachesLevel(r, opts.failLevel!)) ? EXIT.failed : EXIT.ok;
}

/**
 * The text output, each report formatted as soon as it is graded and then let go: a class of 500
 * specs keeps 500 texts alive instead of 500 reports with their metrics and models (the garbage
 * collector's work grew with them). The output is the same as formatting them all at the end.
 */
function runGradeText(files: string[], opts: GradeOptions, catalogs: string[], out: Writer, err: Writer): number {
  const color = useColor(stdio().stdout);
  const gradeOne = fileGrader(opts, catalogs);
  const parts: string[] = [];
  const details: string[] = [];
  const rows: Parameters<typeof formatSummaryTable>[0] = [];
  let failed = false;
  let passed = true;
  let reachedLevel = false;
  for (const spec of files) {
    const o = gradeOne(spec);
    if ('report' in o) {
      parts.push(formatText(o.report, { color, verbose: opts.verbose ?? false }));
      rows.push({ spec: o.spec, score: o.report.score, passed: o.report.passed });
      passed &&= o.report.passed;
      if (opts.failLevel && reachesLevel(o.report, opts.failLevel)) reachedLevel = true;
    } else {
      failed = true;
      details.push(...o.details);
      rows.push({ spec: o.spec, error: o.error });
    }
  }
  for (const d of details) err.write(`${d}\n`);
  out.write(parts.join('\n'));
  if (files.length > 1) {
    out.write('\n');
    out.write(formatSummaryTable(rows, color));
  }
  if (failed) return EXIT.usage;
  if (!passed || reachedLevel) return EXIT.failed;
  return EXIT.ok;
}

export function runGrade(
  files: string[],
  opts: GradeOptions,
  catalogs: string[] = catalogDirs(),
  out: Writer = stdio().stdout,
  err: Writer = stdio().stderr,
): number {
  if (opts.format === 'text' || !GRADE_FORMATS.includes(opts.format)) return runGradeText(files, opts, catalogs, out, err);
  const outcomes = gradeFiles(files, opts, catalogs);
  const reports = outcomes.flatMap((o) => ('report' in o ? [o.report] : []));
  const failed = outcomes.filter((o): o is Extract<Outcome, { error: string }> => 'error' in o);
  for (const f of failed) for (const d of f.details) err.write(`${d}\n`);

  switch (opts.format) {
    case 'json': {
      const items = outcomes.map((o) => ('report' in o ? reportToJson(o.report) : { spec: o.spec, error: o.error, details: o.details }));
      out.write(`${stringifyJson(files.length === 1 ? items[0] : items)}\n`);
      break;
    }
    case 'junit':
      out.write(
        formatJunit(
          reports,
          failed.map((f) => ({ spec: f.spec, message: [f.error, ...f.details].join('\n') })),
        ),
      );
      break;
    case 'github':
      out.write(formatGithub(reports));
      break;
    case 'sarif': {
      const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
      const inputErrors = failed.map((f) => ({
        spec: f.spec,
        diagnostics: f.diagnostics ?? f.details.map((message) => ({ file: f.spec, message, code: 'rubric', severity: 'error' as const })),
      }));
      out.write(formatSarif({ reports, inputErrors, version }));
      break;
    }
    case 'markdown': {
      // The diagram, with what failed drawn on it, as a mermaid block (GitHub renders it).
      const graded = outcomes.filter((o): o is Extract<Outcome, { report: Report }> => 'report' in o);
      if (files.length > 1) {
        out.write(
          formatMarkdownSummary(
            outcomes.map((o) =>
              'report' in o
                ? {
                    spec: o.spec,
                    ...(o.report.problem ? { problem: o.report.problem } : {}),
                    ...(o.report.stage ? { stage: o.report.stage } : {}),
                    score: o.report.score,
                    passed: o.report.passed,
                  }
                : { spec: o.spec, error: o.error },
            ),
          ),
        );
        out.write('\n---\n\n');
      }
      out.write(
        graded
          .map((o) => formatMarkdown(o.report, { diagram: designToMermaid(o.model, o.report.metrics, { findings: findingsOf(o.report) }) }))
          .join('\n---\n\n'),
      );
      break;
    }
    // text: runGradeText
  }
  return exitCode(failed.length > 0, reports, opts);
}

/** Whether any check of a report warns (level warn) or fails (level fail, or warn). */
export function reachesLevel(report: Report, level: FailLevel): boolean {
  return report.checks.some((c) => c.status === 'fail' || (level === 'warn' && c.status === 'warn'));
}

export function registerGrade(program: Command): void {
  const command = program
    .command('grade')
    .description('grade spec files with executable checks; score, verdict and feedback per check')
    .argument('<specs...>', 'spec files (.yaml, .yml or .json)');
  rubricOptions(command)
    .addOption(new Option('-f, --format <format>', 'output format').choices(GRADE_FORMATS as unknown as string[]).default('text'))
    .option('--min-score <n>', 'also fail below this score (0-100)', score0to100('--min-score'))
    .addOption(
      new Option('--fail-level <level>', 'also exit 1 when any check warns (warn) or fails (fail), even if the grade passes').choices(
        FAIL_LEVELS as unknown as string[],
      ),
    )
    .option('--verbose', 'show every finding, passing ones and checks that did not apply')
    .addHelpText(
      'after',
      `
Examples:
  $ sdcoach grade examples/orders-cqrs.yaml
  $ sdcoach grade my-design.yaml --problem order-history --stage 2
  $ sdcoach grade class/*.yaml --format json > grades.json
  $ sdcoach grade design.yaml --format github     # annotations in GitHub Actions
  $ sdcoach grade design.yaml --format junit > sdcoach.xml
  $ sdcoach grade specs/*.yaml --format sarif > sdcoach.sarif   # GitHub code scanning
  $ sdcoach grade design.yaml --fail-level warn                  # strict CI: any warning fails

Without --problem or --rubric, the spec's own problem:/stage: fields choose the rubric;
with neither, the general rubric (every check, default options) applies.

Exit codes: 0 passed, 1 graded but failed (or a check at --fail-level), 2 input or usage error.`,
    )
    .action((specs: string[], opts: GradeOptions, cmd: Command) => {
      process.exitCode = runGrade(specs, opts, catalogsFor(cmd));
    });
}
