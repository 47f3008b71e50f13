// A mock interview's scorecard as text (the terminal) and as Markdown (the whole session, for a mentor:
// the questions asked and their answers, what was never uncovered, each phase's score and time, the deep
// dive's findings, the decisions' verdicts, and the final spec).
import type { Scorecard } from './interview-score.js';

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - s.length));

function phaseTime(p: Scorecard['phases'][number]): string {
  return `${p.minutes !== undefined ? `${p.minutes}` : '–'} / ${p.guide} min`;
}

export function scorecardText(card: Scorecard): string {
  const lines: string[] = [];
  lines.push(`Interview: ${card.title} (${card.problem})`);
  lines.push(`Signal: ${card.signal.toUpperCase()}  (overall ${card.overall}/100, ${card.minutes.spent} of ${card.minutes.allowed} minutes)`);
  for (const r of card.reasons.slice(1)) lines.push(`  - ${r}`);
  lines.push('');
  for (const p of card.phases) {
    lines.push(`${p.passed ? '✓' : '✗'} ${pad(p.title, 26)} ${pad(String(p.score), 4)} ${phaseTime(p)}${p.overtime ? '  (over time)' : ''}`);
    for (const n of p.notes.slice(0, 4)) lines.push(`    ${n}`);
  }
  if (card.missed.length) {
    lines.push('', 'Never asked, never learned:');
    for (const m of card.missed) lines.push(`  - ${m.ask} (${m.uncovers})`);
  }
  return `${lines.join('\n')}\n`;
}

/** Markdown-safe inline text: no table breaks, no stray emphasis. */
const md = (s: string) => s.replace(/\|/g, '\\|').replace(/\n+/g, ' ');

export function scorecardMarkdown(card: Scorecard, finalSpecText: string): string {
  const out: string[] = [];
  out.push(`# Mock interview: ${md(card.title)}`, '');
  out.push(`**Signal: ${card.signal}** — overall ${card.overall}/100, ${card.minutes.spent} of ${card.minutes.allowed} minutes.`, '');
  for (const r of card.reasons) out.push(`- ${md(r)}`);
  out.push('', '## Scorecard', '', '| Phase | Score | Time (spent / guide) | Passed | Notes |', '| --- | ---: | --- | --- | --- |');
  for (const p of card.phases) out.push(`| ${p.title} | ${p.score} | ${phaseTime(p)}${p.overtime ? ' (over)' : ''} | ${p.passed ? 'yes' : 'no'} | ${md(p.notes.join('; '))} |`);
  out.push('', '## Questions asked', '');
  if (!card.asked.length) out.push('None.');
  for (const q of card.asked) out.push(`- **${md(q.ask)}**${q.relevant ? '' : ' _(did not move the design)_'}  `, `  ${md(q.answer)}`);
  if (card.missed.length) {
    out.push('', '## Never uncovered', '');
    for (const m of card.missed) out.push(`- ${md(m.ask)} — ${md(m.uncovers)}`);
  }
  for (const phase of ['deep_dive', 'decide'] as const) {
    const p = card.phases.find((x) => x.phase === phase);
    if (!p?.report) continue;
    out.push('', `## ${p.title}`, '');
    for (const c of p.report.checks) {
      out.push(`- ${c.status === 'pass' ? '✓' : c.status === 'warn' ? '!' : '✗'} \`${c.id}\`: ${md(c.message)}`);
      if (c.status !== 'pass') for (const f of c.findings.filter((x) => x.status !== 'pass' && x.message !== c.message).slice(0, 5)) out.push(`  - ${md(f.message)}`);
    }
  }
  const fence = finalSpecText.includes('```') ? '~~~~' : '```';
  out.push('', '## Final spec', '', `${fence}yaml`, finalSpecText.replace(/\n$/, ''), fence, '');
  return out.join('\n');
}
