// Renders a problem for the terminal (show) and as the comment header of a starter spec (init).
import { readFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { sanitizeTerminal } from '../specfile/sanitize.js';
import { schemaPath } from '../specfile/schema-validator.js';
import type { Problem } from './problem.js';
import { sdcoachCommand } from '../grading/invocation.js';

export function wrapText(text: string, width: number, indent = ''): string[] {
  const out: string[] = [];
  for (const para of text.replace(/\r/g, '').split(/\n\s*\n/)) {
    const lines = para.split('\n');
    // Keep list items and indented lines as they are written.
    if (lines.some((l) => /^\s*([-*]|\d+\.)\s/.test(l))) {
      for (const l of lines) out.push(...wrapLine(l.trimEnd(), width, indent));
    } else {
      out.push(...wrapLine(lines.map((l) => l.trim()).join(' '), width, indent));
    }
    out.push('');
  }
  while (out.length && out.at(-1) === '') out.pop();
  return out;
}

function wrapLine(line: string, width: number, indent: string): string[] {
  const lead = /^\s*(([-*]|\d+\.)\s+)?/.exec(line)![0];
  const hang = indent + ' '.repeat(lead.length);
  const words = line.slice(lead.length).split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let cur = indent + lead;
  let fresh = true;
  for (const w of words) {
    if (!fresh && cur.length + 1 + w.length > width) {
      out.push(cur);
      cur = hang + w;
    } else {
      cur = fresh ? cur + w : `${cur} ${w}`;
    }
    fresh = false;
  }
  out.push(cur);
  return out;
}

export interface ShowOptions {
  stage?: number;
  hints: boolean;
  width: number;
  color: boolean;
}

export function renderProblem(p: Problem, opts: ShowOptions): string {
  const s = sanitizeTerminal;
  const b = (t: string) => (opts.color ? `\u001b[1m${t}\u001b[0m` : t);
  const d = (t: string) => (opts.color ? `\u001b[2m${t}\u001b[0m` : t);
  const w = Math.max(40, Math.min(opts.width, 100));
  const out: string[] = [];
  out.push(b(s(p.title)));
  out.push(d(`${p.id} · ${p.difficulty} · ${p.topics.join(', ')} · ~${p.minutes} min · ${p.stages.length} stage${p.stages.length === 1 ? '' : 's'} · ${p.figures === 'course' ? "course's coarse RTT figures" : 'measured RTT figures (Azure)'}`));
  out.push('');
  out.push(...wrapText(s(p.scenario.summary), w));
  if (p.scenario.users) {
    out.push('');
    out.push(...wrapText(`Users: ${s(p.scenario.users)}`, w));
  }
  if (p.scenario.numbers.length) {
    out.push('');
    out.push(b('The numbers'));
    const lw = Math.max(...p.scenario.numbers.map((n) => n.label.length));
    for (const n of p.scenario.numbers) out.push(`  ${s(n.label).padEnd(lw)}  ${s(n.value)}`);
  }
  const stages = opts.stage ? p.stages.filter((st) => st.number === opts.stage) : p.stages;
  for (const st of stages) {
    out.push('');
    out.push(b(`Stage ${st.number}: ${s(st.title)}`));
    out.push(...wrapText(s(st.prompt), w, '  '));
    if (opts.hints) {
      out.push('');
      st.hints.forEach((h, i) => {
        // Number the hint, then reflow its text under the number (hints may be written as | blocks).
        const lines = wrapText(s(h), w - 3, '     ');
        if (lines[0] !== undefined) lines[0] = `  ${i + 1}. ${lines[0].trimStart()}`;
        out.push(...lines);
      });
    }
  }
  if (!opts.hints) {
    out.push('');
    out.push(d(`Hints are hidden: ${sdcoachCommand(`show ${p.id}${opts.stage ? ` --stage ${opts.stage}` : ''} --hints`, p)}`));
  }
  out.push(d(`Start: ${sdcoachCommand(`init ${p.id}`, p)}    Grade: ${sdcoachCommand(`grade ${p.id}.yaml`, p)}`));
  return `${out.join('\n')}\n`;
}

/** The comment header of a spec file for one stage (stage 1 in a starter): the problem and that stage's prompt, as YAML comments. */
export function starterHeader(p: Problem, schemaRef: string, stage = 1): string {
  const st = p.stages[stage - 1] ?? p.stages[0]!;
  const lines = [`# yaml-language-server: $schema=${schemaRef}`, `# ${p.title} (${p.id}), stage ${st.number} of ${p.stages.length}: ${st.title}`, '#'];
  for (const l of wrapText(p.scenario.summary, 76)) lines.push(l ? `# ${l}` : '#');
  lines.push('#');
  for (const l of wrapText(st.prompt, 76)) lines.push(l ? `# ${l}` : '#');
  lines.push('#', `# Grade it: ${sdcoachCommand('grade <this file>', p)}    Hints: ${sdcoachCommand(`show ${p.id} --stage ${st.number} --hints`, p)}`, '');
  return lines.map((l) => l.replace(/[\r\n]/g, ' ')).join('\n');
}

/** Starter text with a header: any $schema comment line of the original is replaced by the header's. */
export function starterText(header: string, starter: string): string {
  const body = starter.split('\n').filter((l) => !/^#\s*yaml-language-server:/.test(l)).join('\n').replace(/^\n+/, '');
  return `${header}\n${body}`;
}

/** The $schema reference written in a spec file at `file`: relative to it. */
export function schemaRefFor(file: string): string {
  const ref = relative(dirname(file), schemaPath('spec'));
  return ref.startsWith('.') ? ref : `./${ref}`;
}

/**
 * The text of a learner's first spec for `problem`, to be written at `file` (its $schema line is
 * relative to it). Started at a later stage, the header carries that stage's prompt and `stage:` says it.
 */
export function starterFor(problem: Problem, file: string, stage = 1): string {
  const text = starterText(starterHeader(problem, schemaRefFor(file), stage), readFileSync(problem.starter, 'utf8'));
  return stage === 1 ? text : text.replace(/^stage:[ \t]*\d+/m, `stage: ${stage}`);
}
