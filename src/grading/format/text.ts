// Plain-text report for the terminal: score, verdict, then each check with ✓ ! ✗, its numbers,
// where in the file it points, and a hint. Colour only when asked (TTY).
import { sanitizeLine } from '../../specfile/sanitize.js';
import type { Report, ReportCheck } from '../report.js';
import { asInvoked } from '../invocation.js';
import { usd } from '../../checks/cost/within-budget.js';

export interface TextOptions {
  color: boolean;
  /** Show every finding of a check, including passing ones. */
  verbose?: boolean;
}

const ICON: Record<string, string> = { pass: '✓', warn: '!', fail: '✗', 'n/a': '-' };

function paint(on: boolean) {
  const wrap = (code: string) => (s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);
  return { green: wrap('32'), yellow: wrap('33'), red: wrap('31'), dim: wrap('2'), bold: wrap('1'), cyan: wrap('36') };
}

function where(report: Report, line?: number, column?: number): string {
  return line !== undefined ? `${report.spec}:${line}:${column ?? 1}` : report.spec;
}

export function formatText(report: Report, opts: TextOptions): string {
  const c = paint(opts.color);
  const s = sanitizeLine;
  const lines: string[] = [];
  const head = [
    s(report.spec),
    report.name ? `— ${s(report.name)}` : '',
    report.problem ? `(problem ${s(report.problem)}${report.stage ? `, stage ${report.stage}` : ''})` : '',
  ]
    .filter(Boolean)
    .join(' ');
  lines.push(c.bold(head));
  lines.push(c.dim(`rubric: ${s(report.rubric.title)} (${s(report.rubric.id)})`));
  const verdict = report.passed ? c.green('PASSED') : c.red('FAILED');
  const why: string[] = [];
  if (!report.passed) {
    if (report.score < report.passMark) why.push(`below the pass mark of ${report.passMark}`);
    if (report.mustPassFailed.length) why.push(`must-pass failed: ${report.mustPassFailed.join(', ')}`);
    if (report.minScore !== undefined && report.score < report.minScore) why.push(`below --min-score ${report.minScore}`);
  }
  lines.push(
    `${c.bold(`Score ${report.score}/100`)}  ${verdict}${why.length ? c.dim(`  (${why.join('; ')})`) : c.dim(`  (pass mark ${report.passMark})`)}`,
  );
  const cost = costLine(report);
  if (cost) lines.push(c.dim(cost));
  for (const w of report.warnings) lines.push(c.yellow(`warning: ${s(w)}`));
  lines.push('');

  const order: Record<string, number> = { fail: 0, warn: 1, pass: 2, 'n/a': 3 };
  const sorted = [...report.checks].sort((a, b) => order[a.status]! - order[b.status]!);
  for (const check of sorted) {
    if (check.status === 'n/a' && !opts.verbose) continue;
    lines.push(...formatCheck(report, check, c, opts));
  }
  const na = report.checks.filter((x) => x.status === 'n/a');
  if (na.length && !opts.verbose)
    lines.push(c.dim(`- ${na.length} check${na.length === 1 ? '' : 's'} did not apply: ${na.map((x) => x.id).join(', ')}`));
  return `${lines.join('\n')}\n`;
}

/** "cost: $758 a month, budget $400" when the rubric's cost check ran, else undefined. */
export function costLine(report: Report): string | undefined {
  const check = report.checks.find((x) => x.id === 'cost/within-budget' && x.status !== 'n/a');
  if (!check) return undefined;
  const budget = check.findings[0]?.data.budget;
  return `cost: $${usd(report.metrics.cost.usdPerMonth)} a month at on-demand prices${budget !== undefined ? `, budget $${budget}` : ''}`;
}

function formatCheck(report: Report, check: ReportCheck, c: ReturnType<typeof paint>, opts: TextOptions): string[] {
  const s = sanitizeLine;
  const color = check.status === 'pass' ? c.green : check.status === 'warn' ? c.yellow : check.status === 'fail' ? c.red : c.dim;
  const must = check.mustPass ? c.dim(' [must pass]') : '';
  const out = [`${color(ICON[check.status]!)} ${c.bold(check.id)}${must}  ${c.dim(s(check.title))}`];
  const shown = check.findings.length ? check.findings.filter((f) => opts.verbose || f.status !== 'pass' || check.status === 'pass') : [];
  const list = check.status === 'pass' && !opts.verbose ? shown.slice(0, 3) : shown;
  if (!list.length) {
    out.push(`    ${s(check.message)}`);
    if (check.hint) out.push(`    ${c.cyan('hint:')} ${s(asInvoked(check.hint))}`);
  }
  const hintsShown = new Set<string>();
  for (const f of list) {
    const icon = list.length > 1 || f.status !== check.status ? `${ICON[f.status]} ` : '';
    out.push(`    ${icon}${s(f.message)}`);
    if (f.status !== 'pass') out.push(c.dim(`      at ${where(report, f.location.line, f.location.column)} (${s(f.location.path)})`));
    if (f.hint && !hintsShown.has(f.messageId)) {
      hintsShown.add(f.messageId);
      out.push(`      ${c.cyan('hint:')} ${s(asInvoked(f.hint))}`);
    }
  }
  if (check.status === 'pass' && shown.length > list.length) out.push(c.dim(`    (+${shown.length - list.length} more passing)`));
  return out;
}

/** One line per spec, for a mentor grading a class. */
export function formatSummaryTable(reports: { spec: string; score?: number; passed?: boolean; error?: string }[], color: boolean): string {
  const c = paint(color);
  const width = Math.max(4, ...reports.map((r) => r.spec.length));
  const lines = [c.bold(`${'spec'.padEnd(width)}  score  result`)];
  for (const r of reports) {
    const result = r.error ? c.red('error') : r.passed ? c.green('passed') : c.red('failed');
    lines.push(
      `${sanitizeLine(r.spec).padEnd(width)}  ${r.score === undefined ? '    -' : String(r.score).padStart(5)}  ${result}${r.error ? c.dim(`  ${sanitizeLine(r.error)}`) : ''}`,
    );
  }
  const passed = reports.filter((r) => r.passed).length;
  lines.push(c.dim(`${passed} of ${reports.length} passed`));
  return `${lines.join('\n')}\n`;
}
