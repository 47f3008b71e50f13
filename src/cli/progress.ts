// `sdcoach progress`: what the learner has done (stages passed, best scores, hints, time), as text
// or JSON; `--reset [problem]` forgets it after a confirmation (or --yes in scripts).
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import type { Problem } from '../problems/problem.js';
import { progressFile, readProgress, updateProgress } from '../progress/file.js';
import { alignProgress, formatDuration, problemStatus, resetProgress, STATUS_ICON, type Progress } from '../progress/progress.js';
import { sanitizeLine, sanitizeTerminal } from '../specfile/sanitize.js';
import { closestMatch } from '../specfile/suggest.js';
import { catalogsFor } from './catalog-options.js';
import { EXIT, useColor } from './io.js';
import { loadCatalog } from '../problems/catalog.js';
import { sdcoachCommand } from '../grading/invocation.js';

interface ProgressOptions {
  json?: boolean;
  reset?: boolean | string;
  yes?: boolean;
}

export function progressJson(progress: Progress, catalog: Problem[], file: string): unknown {
  return {
    file,
    interviews: progress.interviews ?? [],
    problems: Object.entries(progress.problems).map(([id, pp]) => {
      const p = catalog.find((x) => x.id === id);
      const count = p?.stages.length ?? Math.max(0, ...Object.keys(pp.stages).map(Number));
      const st = problemStatus(progress, id, count);
      return {
        id,
        ...(p ? { title: p.title } : { missing: true }),
        status: st.state === 'done' ? 'done' : 'in-progress',
        stage: pp.stage,
        stages: count,
        stagesPassed: st.passed,
        ...(pp.spec ? { spec: pp.spec } : {}),
        startedAt: pp.startedAt,
        updatedAt: pp.updatedAt,
        perStage: Object.entries(pp.stages)
          .sort(([a], [b]) => Number(a) - Number(b))
          .map(([n, s]) => ({ stage: Number(n), ...s })),
      };
    }),
  };
}

/** How many of the last mock interviews `sdcoach progress` lists. */
export const INTERVIEWS_SHOWN = 5;

function interviewLines(progress: Progress, b: (t: string) => string, d: (t: string) => string): string[] {
  const all = progress.interviews ?? [];
  if (!all.length) return [];
  const out = [
    '',
    b(`Mock interviews`) + d(`  ${all.length} in all${all.length > INTERVIEWS_SHOWN ? `, the last ${INTERVIEWS_SHOWN}` : ''}`),
  ];
  for (const r of all.slice(-INTERVIEWS_SHOWN).reverse())
    out.push(
      `  ${r.at.slice(0, 16).replace('T', ' ')}  ${sanitizeTerminal(r.problem)}  ${sanitizeTerminal(r.signal)}${d(`  (overall ${r.overall}/100)`)}`,
    );
  const last = all.at(-1)!;
  if (last.session) out.push(d(`  the last one: ${sdcoachCommand(`scorecard ${sanitizeTerminal(last.session)}`)}`));
  return out;
}

export function progressText(progress: Progress, catalog: Problem[], file: string, color: boolean): string {
  const b = (t: string) => (color ? `\u001b[1m${t}\u001b[0m` : t);
  const d = (t: string) => (color ? `\u001b[2m${t}\u001b[0m` : t);
  const g = (t: string) => (color ? `\u001b[32m${t}\u001b[0m` : t);
  const ids = Object.keys(progress.problems).sort((x, y) => progress.problems[y]!.updatedAt.localeCompare(progress.problems[x]!.updatedAt));
  if (!ids.length && !progress.interviews?.length)
    return `No progress yet. Start with: ${sdcoachCommand('practice')}\n${d(`(progress is kept in ${file})`)}\n`;
  const out: string[] = [];
  for (const id of ids) {
    const pp = progress.problems[id]!;
    const p = catalog.find((x) => x.id === id);
    const count = p?.stages.length ?? Math.max(0, ...Object.keys(pp.stages).map(Number));
    const st = problemStatus(progress, id, count);
    const icon = st.state === 'done' ? g(STATUS_ICON.done) : STATUS_ICON.started;
    out.push(
      `${icon} ${b(id)}  ${p ? sanitizeTerminal(p.title) : d('(no longer in the catalog)')}  ${d(`${st.passed}/${count} stages · last practised ${pp.updatedAt.slice(0, 10)}`)}`,
    );
    for (let n = 1; n <= count; n++) {
      const s = pp.stages[String(n)];
      const title = p?.stages[n - 1]?.title;
      const mark = s?.passed ? g('✓') : s && s.lastScore !== undefined ? '◐' : d('·');
      const detail = s
        ? [
            s.bestScore !== undefined ? `best ${s.bestScore}` : 'not graded',
            `hints ${s.hintsUsed}${p ? `/${p.stages[n - 1]?.hints.length ?? 0}` : ''}`,
            formatDuration(s.timeSpentMs),
          ].join(' · ')
        : '';
      out.push(
        `    ${mark} stage ${n}${title ? `  ${sanitizeTerminal(title)}` : ''}${detail ? d(`  ${detail}`) : ''}${pp.stage === n && st.state !== 'done' ? d('  ← current') : ''}`,
      );
    }
    if (pp.spec) out.push(d(`    spec: ${sanitizeTerminal(pp.spec)}`));
  }
  out.push(...interviewLines(progress, b, d));
  out.push(
    '',
    d(`Progress file: ${file}. Continue: ${sdcoachCommand('practice <id>')}; forget: ${sdcoachCommand('progress --reset [id]')}`),
  );
  return `${out.join('\n')}\n`;
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(question);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

export function registerProgress(program: Command): void {
  program
    .command('progress')
    .description('show your practice progress (stages passed, best scores, hints, time), or reset it')
    .option('--json', 'print it as JSON')
    .option('--reset [problem]', 'forget the progress of one problem, or of everything')
    .option('-y, --yes', 'with --reset: do not ask for confirmation (for scripts)')
    .addHelpText(
      'after',
      `
Examples:
  $ sdcoach progress
  $ sdcoach progress --json
  $ sdcoach progress --reset order-history
  $ sdcoach progress --reset --yes

Progress is kept in $SDCOACH_HOME, else $XDG_STATE_HOME/sdcoach, else ~/.local/state/sdcoach.`,
    )
    .action(async (opts: ProgressOptions, cmd: Command) => {
      const file = progressFile();
      if (opts.yes && opts.reset === undefined) {
        process.stderr.write('sdcoach: --yes only goes with --reset\n');
        process.exitCode = EXIT.usage;
        return;
      }
      if (opts.reset !== undefined) {
        process.exitCode = await reset(file, typeof opts.reset === 'string' ? opts.reset : undefined, opts.yes ?? false, cmd);
        return;
      }
      const read = readProgress(file, { setAside: false });
      if (read.warning) process.stderr.write(`sdcoach: ${sanitizeLine(read.warning)}\n`);
      const { problems } = loadCatalog(catalogsFor(cmd));
      const progress = alignProgress(read.progress, problems);
      if (opts.json) process.stdout.write(`${JSON.stringify(progressJson(progress, problems, file), null, 2)}\n`);
      else process.stdout.write(progressText(progress, problems, file, useColor()));
      if (read.warning) process.exitCode = EXIT.usage;
    });
}

async function reset(file: string, problem: string | undefined, yes: boolean, cmd: Command): Promise<number> {
  if (!existsSync(file)) {
    process.stdout.write('No progress to reset.\n');
    return EXIT.ok;
  }
  const read = readProgress(file, { setAside: false });
  if (read.warning) {
    process.stderr.write(
      `sdcoach: ${sanitizeLine(read.warning)}\n${sdcoachCommand('practice')} moves such a file aside by itself; to delete it, remove ${sanitizeLine(file)}\n`,
    );
    return EXIT.usage;
  }
  if (problem !== undefined && !read.progress.problems[problem]) {
    const { problems } = loadCatalog(catalogsFor(cmd));
    if (problems.some((p) => p.id === problem)) {
      process.stdout.write(`No progress for ${problem}: nothing to reset.\n`);
      return EXIT.ok;
    }
    const guess = closestMatch(problem, [...Object.keys(read.progress.problems), ...problems.map((p) => p.id)]);
    process.stderr.write(`sdcoach: unknown problem "${sanitizeTerminal(problem)}"${guess ? `: did you mean "${guess}"?` : ''}\n`);
    return EXIT.usage;
  }
  const what =
    problem !== undefined
      ? `the progress of ${problem}`
      : `all progress (${Object.keys(read.progress.problems).length} problem${Object.keys(read.progress.problems).length === 1 ? '' : 's'})`;
  if (!yes) {
    if (!process.stdin.isTTY) {
      process.stderr.write(`sdcoach: not resetting ${what} without confirmation: run it in a terminal, or add --yes\n`);
      return EXIT.usage;
    }
    if (!(await confirm(`Reset ${what}? This cannot be undone. [y/N] `))) {
      process.stdout.write('Nothing was reset.\n');
      return EXIT.ok;
    }
  }
  // Under the lock, on the file as it is now: a session or another reset may have written since it was read.
  try {
    updateProgress(file, (onDisk) => resetProgress(onDisk, problem));
  } catch (err) {
    process.stderr.write(`sdcoach: cannot reset progress in ${sanitizeLine(file)}: ${sanitizeLine((err as Error).message)}\n`);
    return EXIT.usage;
  }
  process.stdout.write(`Reset ${what}.\n`);
  return EXIT.ok;
}
