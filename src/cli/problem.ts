// `sdcoach problem new|check`: mentors scaffold problems and prove them, the way a rule tester proves rules.
import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import { loadCatalog, SHIPPED_PROBLEMS } from '../problems/catalog.js';
import { proveProblem, type ProblemProof, type ProofResult } from '../problems/prove.js';
import { scaffoldProblem, SCAFFOLD_TOPICS } from '../problems/scaffold.js';
import { xmlEscape } from '../grading/format/junit.js';
import { collect, EXIT, useColor } from './io.js';
import { sanitizeLine } from '../specfile/sanitize.js';
import { sdcoachCommand, shellWord } from '../grading/invocation.js';

export interface CheckOutcome {
  proofs: ProblemProof[];
  /** Input errors: unreadable or schema-invalid problem files, missing folders, id clashes. */
  errors: string[];
}

/** Problem folders to prove: each DIR is a problem folder or a catalog of them. */
export function checkProblems(dirs: string[], minHints: number): CheckOutcome {
  const { problems, errors } = loadCatalog(dirs.map((d) => resolve(d)));
  return { proofs: problems.map((p) => proveProblem(p, { minHints })), errors };
}

function icon(ok: boolean, color: boolean): string {
  if (!color) return ok ? '✓' : '✗';
  return ok ? '\u001b[32m✓\u001b[0m' : '\u001b[31m✗\u001b[0m';
}

export function formatCheckText(out: CheckOutcome, color: boolean): string {
  const lines: string[] = [];
  const s = sanitizeLine;
  for (const e of out.errors) lines.push(s(e));
  for (const p of out.proofs) {
    lines.push(`${icon(p.ok, color)} ${s(p.problem)}`);
    for (const r of p.results) {
      if (r.ok && r.kind === 'rubric') continue;
      lines.push(
        `    ${icon(r.ok, color)} ${r.stage ? `stage ${r.stage} ` : ''}${r.kind}: ${s(r.message)}${r.ok ? '' : `\n        at ${s(r.where ?? r.file)}`}`,
      );
    }
    lines.push(
      `    coverage: ${p.coverage.checks.length} checks (${p.coverage.checks.join(', ')}); seed topics: ${p.coverage.seedTopics.join(', ') || 'none'}`,
    );
  }
  const failed = out.proofs.filter((p) => !p.ok).length;
  lines.push(
    `${out.proofs.length - failed} of ${out.proofs.length} problem${out.proofs.length === 1 ? '' : 's'} proved${out.errors.length ? `, ${out.errors.length} input error${out.errors.length === 1 ? '' : 's'}` : ''}`,
  );
  return `${lines.join('\n')}\n`;
}

export function formatCheckJunit(out: CheckOutcome): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="sdcoach problem check">`];
  for (const p of out.proofs) {
    const failures = p.results.filter((r) => !r.ok).length;
    lines.push(`  <testsuite name="${xmlEscape(p.problem)}" tests="${p.results.length}" failures="${failures}">`);
    for (const r of p.results) {
      lines.push(
        `    <testcase classname="${xmlEscape(`${p.problem}${r.stage ? `.stage-${r.stage}` : ''}`)}" name="${xmlEscape(`${r.kind} ${r.file}`)}">`,
      );
      if (!r.ok)
        lines.push(`      <failure message="${xmlEscape(r.message)}">${xmlEscape(`${r.message}\nat ${r.where ?? r.file}`)}</failure>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  if (out.errors.length) {
    lines.push(`  <testsuite name="input" tests="${out.errors.length}" errors="${out.errors.length}">`);
    for (const e of out.errors) lines.push(`    <testcase classname="input" name="load"><error message="${xmlEscape(e)}"/></testcase>`);
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

export function registerProblem(program: Command): void {
  const problem = program
    .command('problem')
    .description('author problems: scaffold one, or prove a catalog works')
    .addHelpText(
      'after',
      `
Examples:
  $ sdcoach problem new black-friday --dir my-problems --topic scalability   # a small problem to edit
  $ sdcoach problem check my-problems/black-friday                          # prove it
  $ sdcoach problem check                                                   # the shipped catalog
  $ sdcoach --problems my-problems practice black-friday                    # practise it

docs/authoring.md walks through writing a problem.`,
    );

  problem
    .command('check')
    .description('prove problems: schemas, rubrics, reference solutions pass, starters and fixtures fail as they should')
    .argument('[dirs...]', 'problem folders or catalog folders (default: the shipped catalog)')
    .option('-f, --format <format>', 'text, json or junit', 'text')
    .option('--min-hints <n>', 'hints each stage must have', (v) => Number(v), 1)
    .addHelpText(
      'after',
      `
Examples:
  $ sdcoach problem check                       # the shipped catalog
  $ sdcoach problem check my-problems/          # a catalog of your own
  $ sdcoach problem check my-problems/black-friday --format junit > problems.xml

Exit codes: 0 every problem proved, 1 a proof failed, 2 an input error (a file that does not load).`,
    )
    .action((dirs: string[], opts: { format: string; minHints: number }, cmd: Command) => {
      if (!['text', 'json', 'junit'].includes(opts.format)) cmd.error('--format must be text, json or junit', { exitCode: EXIT.usage });
      const targets = dirs.length ? dirs : [SHIPPED_PROBLEMS];
      const out = checkProblems(targets, Number.isFinite(opts.minHints) ? opts.minHints : 1);
      if (opts.format === 'json') process.stdout.write(`${JSON.stringify({ problems: out.proofs, errors: out.errors }, null, 2)}\n`);
      else if (opts.format === 'junit') process.stdout.write(formatCheckJunit(out));
      else process.stdout.write(formatCheckText(out, useColor()));
      process.exitCode = out.errors.length ? EXIT.usage : out.proofs.every((p) => p.ok) ? EXIT.ok : EXIT.failed;
    });

  problem
    .command('new')
    .description('scaffold a problem folder to edit: TODO: placeholders that problem check flags until replaced')
    .argument('<id>', 'problem id: lowercase letters, digits and -')
    .option('--dir <dir>', 'catalog folder to create it in', '.')
    .option('-t, --topic <topic>', `topic (repeatable): ${SCAFFOLD_TOPICS.join(', ')}`, collect, [])
    .option('--stages <n>', 'number of stages (1-6)', (v) => Number(v), 2)
    .addHelpText(
      'after',
      `
Examples:
  $ sdcoach problem new black-friday --dir my-problems --topic bulkhead --topic cqrs --stages 3
  $ sdcoach problem check my-problems/black-friday
  $ sdcoach --problems my-problems list`,
    )
    .action((id: string, opts: { dir: string; topic: string[]; stages: number }) => {
      const r = scaffoldProblem({ id, catalog: opts.dir, topics: opts.topic.length ? opts.topic : ['cqrs'], stages: opts.stages });
      if (!r.ok) {
        process.stderr.write(`sdcoach: ${sanitizeLine(r.error)}\n`);
        process.exitCode = EXIT.usage;
        return;
      }
      const rel = join(opts.dir, id);
      const later =
        opts.stages > 1
          ? ` and write solutions/stage-2${opts.stages > 2 ? `..${opts.stages}` : ''}.yaml (each a copy of the stage before)`
          : '';
      process.stdout.write(
        `created ${rel}/ with ${r.files.length} files:\n${r.files.map((f) => `  ${f}`).join('\n')}\nNext: replace every TODO: in ${rel}/problem.yaml (the comments say what each field is)${later}; problem check fails until you have. Then prove it:\n  ${sdcoachCommand(`problem check ${shellWord(rel)}`)}\n`,
      );
    });
}

export type { ProofResult };
