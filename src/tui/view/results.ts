// The results panel as lines: the score and verdict, then each check ✓ ! ✗ with its message,
// where in the file it points and its hint; or, when the spec does not load, each error with the
// offending line of the learner's file and a caret under the column.
import { figure } from '../../checks/estimation/reference-schema.js';
import type { Report, ReportCheck } from '../../grading/report.js';
import type { Diagnostic } from '../../specfile/diagnostic.js';
import type { StageSession } from '../state.js';
import { blank, clean, hanging, line, seg, type Line, type Seg } from './lines.js';
import { asInvoked } from '../../grading/invocation.js';

const ICON: Record<string, Seg> = {
  pass: seg('✓', 'good', true),
  warn: seg('!', 'warn', true),
  fail: seg('✗', 'bad', true),
  'n/a': seg('-', 'dim'),
};
const ORDER: Record<string, number> = { fail: 0, warn: 1, pass: 2, 'n/a': 3 };

export function resultsLines(s: StageSession, width: number, shownFile: string, hintsSpent = false): Line[] {
  const r = s.result;
  if (!r) {
    if (s.text === undefined) return [line(seg('reading the spec file…', 'dim'))];
    return [line(seg('grading…', 'dim'))];
  }
  if (r.kind === 'rubric-error') {
    return [
      line(seg('✗ ', 'bad', true), seg("This stage's rubric does not load", 'bad', true)),
      ...hanging(
        [seg('  ')],
        asInvoked(
          "An authoring error in the problem, not in your spec. `sdcoach problem check` shows the same; report it to the problem's author.",
        ),
        width,
        'dim',
      ),
      blank(),
      ...r.messages.flatMap((m) => hanging([seg('  ')], m, width)),
    ];
  }
  if (r.kind === 'invalid') return invalidLines(r.diagnostics, s, width, shownFile);
  return reportLines(r.report, width, shownFile, s.grading, hintsSpent);
}

export function scoreLine(report: Report, grading: boolean): Line {
  const verdict = report.passed ? seg('✓ passed', 'good', true) : seg('✗ not passed yet', 'bad', true);
  return line(
    seg(`Score ${report.score}/100`, undefined, true),
    '  ',
    verdict,
    seg(`  pass mark ${report.passMark}`, 'dim'),
    ...(grading ? [seg('  grading…', 'dim')] : []),
  );
}

export function reportLines(report: Report, width: number, shownFile: string, grading = false, hintsSpent = false): Line[] {
  const out: Line[] = [scoreLine(report, grading)];
  if (report.mustPassFailed.length) out.push(...hanging([seg('must pass: ', 'bad')], report.mustPassFailed.join(', '), width, 'bad'));
  for (const w of report.warnings) out.push(...hanging([seg('warning: ', 'warn')], stripFile(w, report.spec), width, 'warn'));
  const sorted = [...report.checks].sort((a, b) => ORDER[a.status]! - ORDER[b.status]!);
  for (const c of sorted) {
    if (c.status === 'n/a') continue;
    out.push(blank(), ...(c.id === 'estimation/quantities' ? estimateLines(c, width, hintsSpent) : checkLines(c, width, shownFile)));
  }
  const na = report.checks.filter((c) => c.status === 'n/a');
  if (na.length)
    out.push(
      blank(),
      ...hanging(
        [seg('- ', 'dim')],
        `${na.length} check${na.length === 1 ? '' : 's'} did not apply: ${na.map((c) => c.id).join(', ')}`,
        width,
        'dim',
      ),
    );
  return out;
}

function checkLines(c: ReportCheck, width: number, shownFile: string): Line[] {
  const out: Line[] = [line(ICON[c.status]!, ' ', seg(clean(c.id), undefined, true), ...(c.mustPass ? [seg(' · must pass', 'dim')] : []))];
  const failing = c.findings.filter((f) => f.status !== 'pass');
  if (c.status === 'pass' || !failing.length) {
    // The report puts the tightest passing finding first (least room left before its limit).
    const tight = c.findings[0]?.slack !== undefined && c.findings.length > 1;
    out.push(...hanging([seg('  ')], c.message, width));
    if (c.findings.length > 1) {
      const more = c.findings.length - 1;
      out.push(
        ...hanging(
          [seg('  ')],
          `${tight ? 'the tightest; ' : ''}${more} more within limits (${asInvoked('sdcoach grade --verbose')} lists them)`,
          width,
          'dim',
        ),
      );
    }
    if (c.status !== 'pass' && c.hint) out.push(...hanging([seg('  hint: ', 'accent')], asInvoked(c.hint), width, 'dim'));
    return out;
  }
  const shownHints = new Set<string>();
  const many = failing.length > 1;
  for (const f of failing.slice(0, 4)) {
    out.push(...hanging([seg('  '), ...(many ? [ICON[f.status]!, seg(' ')] : [])], f.message, width));
    if (f.location.line !== undefined)
      out.push(line(seg(`${many ? '    ' : '  '}at ${shownFile}:${f.location.line}:${f.location.column ?? 1}`, 'dim')));
    if (f.hint && !shownHints.has(f.messageId)) {
      shownHints.add(f.messageId);
      out.push(...hanging([seg(many ? '    hint: ' : '  hint: ', 'accent')], asInvoked(f.hint), width, 'dim'));
    }
  }
  if (failing.length > 4) out.push(line(seg(asInvoked(`  … ${failing.length - 4} more (sdcoach grade --verbose shows all)`), 'dim')));
  return out;
}

/**
 * An estimate stage's answers, one per quantity: ✓/✗, the answer, and (once it is in range or the
 * hints are spent) the accepted range; then the key to the derivations earned (view/derivations.ts).
 */
export function estimateLines(c: ReportCheck, width: number, hintsSpent: boolean): Line[] {
  const out: Line[] = [
    line(ICON[c.status]!, ' ', seg('Your estimates', undefined, true), seg(c.mustPass ? ' · all must be in range' : '', 'dim')),
  ];
  for (const f of c.findings) {
    const e = (f.evidence ?? {}) as {
      label?: string;
      unit?: string;
      low?: number;
      high?: number;
      derivation?: string;
      worked?: string;
      answer?: string;
    };
    const name = String(f.data.name ?? '');
    const ok = f.status === 'pass';
    out.push(
      line(
        seg('  '),
        ICON[f.status]!,
        seg(` ${clean(name)}`, undefined, true),
        seg(` = ${clean(e.answer ?? '(none)')}`, ok ? 'good' : 'bad'),
      ),
    );
    if (!ok) out.push(...hanging([seg('    ')], f.message, width));
    if (ok || hintsSpent) {
      if (e.low !== undefined && e.high !== undefined)
        out.push(line(seg(`    accepted ${figure(e.low)} to ${figure(e.high)} ${clean(e.unit ?? '')}`, 'dim')));
    } else if (f.hint) {
      out.push(...hanging([seg('    hint: ', 'accent')], f.hint, width, 'dim'));
    }
  }
  // The reasoning itself is in the derivation panel, earned the same way as the ranges.
  const earned = c.findings.filter((f) => f.status === 'pass' || hintsSpent).length;
  if (earned)
    out.push(
      line(
        seg('  w: ', 'key', true),
        seg(earned === c.findings.length ? 'the derivations' : `the derivation${earned === 1 ? '' : 's'} of the ${earned} in range`, 'dim'),
      ),
    );
  return out;
}

/** Diagnostics name the file; in the panel the header already does. */
function stripFile(message: string, file: string): string {
  return message.startsWith(file) ? message.slice(file.length).replace(/^:/, 'line ') : message;
}

export function invalidLines(diagnostics: Diagnostic[], s: StageSession, width: number, shownFile: string): Line[] {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const n = errors.length || diagnostics.length;
  const head: Line = line(
    seg('✗ ', 'bad', true),
    seg(s.text === null ? 'The spec file cannot be read' : `The spec does not load: ${n} problem${n === 1 ? '' : 's'} to fix`, 'bad', true),
  );
  const out: Line[] = [head];
  if (s.lastScore !== undefined) out.push(line(seg(`last score ${s.lastScore}/100 (before this save)`, 'dim')));
  const srcLines = typeof s.text === 'string' ? s.text.split('\n') : [];
  for (const d of (errors.length ? errors : diagnostics).slice(0, 12)) {
    out.push(blank());
    const where = d.line !== undefined ? `${shownFile}:${d.line}:${d.column ?? 1}` : shownFile;
    out.push(line(seg(where, 'accent', true), seg(`  (${clean(d.code)})`, 'dim')));
    out.push(...hanging([seg('  ')], d.message, width));
    const src = d.line !== undefined ? srcLines[d.line - 1] : undefined;
    if (src !== undefined && d.line !== undefined) {
      const num = String(d.line);
      const gutter = `  ${num} │ `;
      const w = caretWindow(clean(src), Math.max(1, d.column ?? 1), Math.max(10, width - gutter.length));
      out.push(line(seg(gutter, 'dim'), seg(w.text)));
      out.push(line(seg(`  ${' '.repeat(num.length)} │ `, 'dim'), seg(`${' '.repeat(w.caret)}^`, 'bad', true)));
    }
  }
  if (errors.length > 12) out.push(blank(), line(seg(asInvoked(`… ${errors.length - 12} more: sdcoach validate ${shownFile}`), 'dim')));
  return out;
}

/**
 * The part of a source line that fits `width` columns around column `column` (1-based), with …
 * where it was cut, and where the caret goes in it: an error far right on a long line keeps its
 * caret on screen.
 */
export function caretWindow(text: string, column: number, width: number): { text: string; caret: number } {
  const chars = [...text];
  const at = Math.min(column - 1, chars.length);
  if (chars.length < width) return { text, caret: at };
  // Room for the caret's own column past the end of the line.
  let start = Math.max(0, at - Math.floor(width / 2));
  start = Math.min(start, Math.max(0, chars.length + 1 - width));
  const lead = start > 0 ? 1 : 0;
  let shown = chars.slice(start + lead, start + width);
  const trail = start + width < chars.length ? 1 : 0;
  if (trail) shown = shown.slice(0, -1);
  return { text: `${lead ? '…' : ''}${shown.join('')}${trail ? '…' : ''}`, caret: at - start };
}
