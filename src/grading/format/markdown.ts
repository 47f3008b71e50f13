// Markdown report for a pull-request comment: verdict, a table of checks, details with hints.
import { sanitizeLine } from '../../specfile/sanitize.js';
import type { Report } from '../report.js';

/** Escapes text for a Markdown table cell or paragraph: no HTML, no table breaks, no link tricks. */
export function mdEscape(s: string): string {
  return sanitizeLine(s.replace(/\r?\n/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

const ICON: Record<string, string> = { pass: '✅', warn: '⚠️', fail: '❌', 'n/a': '➖' };

export function formatMarkdown(report: Report, extra: { diagram?: string } = {}): string {
  const out: string[] = [];
  out.push(`### sdcoach: ${mdEscape(report.spec)}${report.name ? ` — ${mdEscape(report.name)}` : ''}`);
  out.push('');
  out.push(
    `**Score ${report.score}/100 — ${report.passed ? 'passed ✅' : 'failed ❌'}** (pass mark ${report.passMark}, rubric \`${report.rubric.id}\`${report.problem ? `, problem \`${mdEscape(report.problem)}\`${report.stage ? ` stage ${report.stage}` : ''}` : ''})`,
  );
  if (report.mustPassFailed.length) out.push(`\nMust-pass checks failed: ${report.mustPassFailed.map((id) => `\`${id}\``).join(', ')}`);
  out.push('');
  out.push('| | check | result | where |');
  out.push('|---|---|---|---|');
  const order: Record<string, number> = { fail: 0, warn: 1, pass: 2, 'n/a': 3 };
  for (const c of [...report.checks].sort((a, b) => order[a.status]! - order[b.status]!)) {
    const where = c.location?.line !== undefined && c.status !== 'pass' ? `line ${c.location.line}` : '';
    out.push(`| ${ICON[c.status]} | \`${c.id}\`${c.mustPass ? ' (must pass)' : ''} | ${mdEscape(c.message)} | ${where} |`);
  }
  const withHints = report.checks.filter((c) => c.status !== 'pass' && c.hint);
  if (withHints.length) {
    out.push('');
    out.push('<details><summary>Hints</summary>');
    out.push('');
    for (const c of withHints) out.push(`- **\`${c.id}\`**: ${mdEscape(c.hint!)}`);
    out.push('');
    out.push('</details>');
  }
  if (extra.diagram) {
    out.push('');
    out.push('```mermaid');
    out.push(extra.diagram.trimEnd());
    out.push('```');
  }
  return `${out.join('\n')}\n`;
}

/** The class table for a pull-request comment: one row per spec with its problem, stage, score and verdict. */
export function formatMarkdownSummary(
  rows: { spec: string; problem?: string; stage?: number; score?: number; passed?: boolean; error?: string }[],
): string {
  const out = ['### sdcoach summary', '', '| spec | problem | stage | score | result |', '|---|---|---|---|---|'];
  for (const r of rows) {
    const result = r.error ? `❗ ${mdEscape(r.error)}` : r.passed ? '✅ passed' : '❌ failed';
    out.push(
      `| ${mdEscape(r.spec)} | ${r.problem ? `\`${mdEscape(r.problem)}\`` : '—'} | ${r.stage ?? '—'} | ${r.score ?? '—'} | ${result} |`,
    );
  }
  out.push('', `${rows.filter((r) => r.passed).length} of ${rows.length} passed`);
  return `${out.join('\n')}\n`;
}
