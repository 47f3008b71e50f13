// Text for `sdcoach explain`: a check's concept, how it computes, its sources and options.
import { ALL_SOURCES as SOURCES } from '../data/tech.js';
import { ALL_CHECKS, getCheck } from '../checks/registry.js';
import { TOPICS, type Check } from '../checks/types.js';
import { closestMatch } from '../specfile/suggest.js';

function wrap(text: string, width = 78, indent = '  '): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if ((line + ' ' + w).trim().length > width - indent.length) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

export function explainCheck(check: Check<unknown>): string {
  const m = check.meta;
  const out = [`${m.id}  (${m.topic})`, `  ${m.title}`, '', 'Concept', wrap(m.concept), '', 'How it computes', wrap(m.computes), ''];
  if (m.sources.length) {
    out.push('Sources');
    for (const s of m.sources) out.push(`  - ${SOURCES[s].title}: ${SOURCES[s].where}`);
    out.push('');
  }
  const props = (m.optionsSchema.properties ?? {}) as Record<string, { description?: string; type?: string; enum?: unknown[] }>;
  out.push('Options');
  if (!Object.keys(props).length) out.push('  (none)');
  for (const [name, p] of Object.entries(props)) {
    const def = (m.defaults as Record<string, unknown>)[name];
    out.push(
      `  ${name}${p.type ? ` (${p.type})` : ''}${p.enum ? ` one of ${p.enum.join(', ')}` : ''}: ${p.description ?? ''}${def !== undefined ? ` Default: ${JSON.stringify(def)}.` : ''}`,
    );
  }
  out.push(
    '',
    'In a rubric',
    `  checks:\n    ${m.id}: {weight: 1, must_pass: false${Object.keys(props).length ? ', options: {...}' : ''}}`,
  );
  return `${out.join('\n')}\n`;
}

export function listChecks(): string {
  const out: string[] = [];
  for (const topic of TOPICS) {
    const checks = ALL_CHECKS.filter((c) => c.meta.topic === topic);
    if (!checks.length) continue;
    out.push(topic);
    const width = Math.max(...ALL_CHECKS.map((c) => c.meta.id.length));
    for (const c of checks) out.push(`  ${c.meta.id.padEnd(width)}  ${c.meta.title}`);
    out.push('');
  }
  out.push(`${ALL_CHECKS.length} checks. \`sdcoach explain <check-id>\` for the concept, the formula and the sources.`);
  return `${out.join('\n')}\n`;
}

export function explain(id?: string): { ok: true; text: string } | { ok: false; error: string } {
  if (!id) return { ok: true, text: listChecks() };
  const check = getCheck(id);
  if (check) return { ok: true, text: explainCheck(check) };
  const ids = ALL_CHECKS.map((c) => c.meta.id);
  const guess = closestMatch(id, ids);
  // "cqrs/ratio" is far from "cqrs/read-write-ratio" by edit distance, but its words are in it.
  const words = id
    .toLowerCase()
    .split(/[/\s-]+/)
    .filter((w) => w.length > 2);
  const containing = guess ? [] : ids.filter((c) => words.length > 0 && words.every((w) => c.includes(w)));
  const suggestion = guess
    ? `: did you mean "${guess}"?`
    : containing.length
      ? `: did you mean ${containing.map((c) => `"${c}"`).join(' or ')}?`
      : '';
  return { ok: false, error: `unknown check "${id}"${suggestion} (run \`sdcoach explain\` for the list)` };
}
