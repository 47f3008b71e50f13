// `sdcoach practice [problem]`: the interactive session. Validates the options and reads progress
// here; Ink and React are imported only after that, and only in a terminal, so every other command
// starts without them.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DRILL_SETS, type DrillSet } from '../problems/drills.js';
import { DIFFICULTIES, type Difficulty } from '../problems/problem.js';
import { resolve } from 'node:path';
import { findProblem } from '../problems/catalog.js';
import type { Problem } from '../problems/problem.js';
import { progressFile, readProgress } from '../progress/file.js';
import { alignProgress } from '../progress/progress.js';
import { formatDiagnostic } from '../specfile/diagnostic.js';
import { catalogsFor } from './catalog-options.js';
import { EXIT, useColor, wholeNumber } from './io.js';
import { loadCatalog } from '../problems/catalog.js';
import { sanitizeLine } from '../specfile/sanitize.js';
import { sdcoachCommand } from '../grading/invocation.js';
import { startInterview } from './interview-start.js';

export interface PracticeOptions {
  stage?: number;
  spec?: string;
  reveal?: boolean;
  drills?: DrillSet;
  seed?: number;
  count?: number;
  seconds?: number;
  level?: Difficulty;
}

/** Why this process cannot run an interactive session, or undefined when it can. */
export function notInteractive(env: NodeJS.ProcessEnv, stdin: { isTTY?: boolean }, stdout: { isTTY?: boolean }): string | undefined {
  const ci = ['CI', 'CONTINUOUS_INTEGRATION'].find((k) => k in env && env[k] !== '0' && env[k] !== 'false');
  if (ci) return `${ci} is set`;
  if (!stdin.isTTY && !stdout.isTTY) return 'stdin and stdout are not a terminal';
  if (!stdin.isTTY) return 'stdin is not a terminal';
  if (!stdout.isTTY) return 'stdout is not a terminal';
  return undefined;
}

function stageArg(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('Expected a stage number: 1, 2, ...');
  return n;
}

async function drills(set: DrillSet, opts: PracticeOptions): Promise<number> {
  const { runDrills } = await import('./drills.js');
  const seed = opts.seed ?? Date.now() % 2_147_483_647;
  return runDrills({
    set,
    seed,
    count: Math.max(1, opts.count ?? 5),
    seconds: Math.max(1, opts.seconds ?? 60),
    level: opts.level ?? 'warm-up',
    progressFile: progressFile(),
    color: useColor(process.stdout),
  });
}

export interface SessionStart {
  /** The problem named on the command line (opens its stage). */
  problem?: Problem;
  stage?: number;
  spec?: string;
  reveal: boolean;
  /** What the picker's filter starts with (\`sdcoach interview\` opens it on the mock interviews). */
  filter?: string;
}

/** Opens the practice session on this terminal (the caller has checked it is one); resolves to the exit code. */
export async function openSession(catalogs: string[], o: SessionStart): Promise<number> {
  const problem = o.problem;
  const file = progressFile();
  const read = readProgress(file, { setAside: true });
  const notices = read.warning ? [read.warning] : [];
  const cwd = process.cwd();
  const { runPractice } = await import('../tui/app.js');
  return runPractice({
    // The rest of the catalog is read once the first frame is on screen.
    catalog: problem ? [problem] : [],
    loadCatalog: () => loadCatalog(catalogs),
    reveal: o.reveal,
    cwd,
    workDir: resolve(cwd, 'sdcoach-work'),
    // Old entries are renumbered to the problem's current stages (progress.ts, alignProgress).
    progress: alignProgress(read.progress, problem ? [problem] : []),
    progressFile: file,
    notices,
    color: useColor(process.stdout),
    // Chosen in the picker: the drills with their defaults (--seed and the rest are for the command line).
    runDrills: (set) => drills(set, {}),
    // Chosen in the picker: the interview with its defaults (the problem's minutes, the default spec).
    runInterview: (p) => startInterview(p),
    ...(problem !== undefined ? { problem: problem.id } : {}),
    ...(o.stage !== undefined ? { stage: o.stage } : {}),
    ...(o.spec !== undefined ? { spec: o.spec } : {}),
    ...(o.filter !== undefined ? { filter: o.filter } : {}),
  });
}

export function registerPractice(program: Command): void {
  program
    .command('practice')
    .description('practise a problem stage by stage in the terminal, graded on every save')
    .argument('[problem]', 'problem id (default: choose from a list)')
    .option('-s, --stage <n>', 'start at this stage (default: where you left off)', stageArg)
    .option('--spec <file>', 'the spec file to work in (default: ./sdcoach-work/<problem>.yaml, created from the starter)')
    .option('--reveal', 'allow the reference solution before the stage passes')
    .addOption(
      new Option(
        '--drills <set>',
        'quick-fire drills instead of a problem: generated questions, timed, graded, with worked answers',
      ).choices([...DRILL_SETS]),
    )
    .option(
      '--seed <n>',
      'drills: the seed (the same seed gives the same questions; default: from the clock, printed)',
      wholeNumber('--seed'),
    )
    .option('--count <n>', 'drills: how many questions (default 5)', wholeNumber('--count'))
    .option('--seconds <n>', 'drills: seconds allowed per question (default 60)', wholeNumber('--seconds'))
    .addOption(
      new Option('--level <difficulty>', 'drills: tolerance of the difficulty (within 2x warm-up, 1.5x interview, 1.25x staff)')
        .choices([...DIFFICULTIES])
        .default('warm-up'),
    )
    .addHelpText(
      'after',
      `
Examples:
  $ sdcoach practice
  $ sdcoach practice order-history
  $ sdcoach practice order-history --stage 2 --spec designs/orders.yaml
  $ sdcoach practice --drills estimation              # quick-fire estimation questions
  $ sdcoach practice --drills estimation --seed 42 --count 10 --level interview

Keys: e edit in $VISUAL/$EDITOR, h hint, n next stage, s reference solution, d diagram,
w derivations (estimate stages, once earned),
? help, Esc problem list, q quit. Progress is kept in $SDCOACH_HOME, else
$XDG_STATE_HOME/sdcoach, else ~/.local/state/sdcoach (sdcoach progress shows it).

Needs an interactive terminal; to grade a file in scripts or CI use:
  $ sdcoach grade my-design.yaml --problem order-history --stage 1`,
    )
    .action(async (id: string | undefined, opts: PracticeOptions, cmd: Command) => {
      const catalogs = catalogsFor(cmd);
      if (opts.drills !== undefined) {
        if (id !== undefined) {
          process.stderr.write('sdcoach: --drills runs on its own: sdcoach practice --drills estimation\n');
          process.exitCode = EXIT.usage;
          return;
        }
        process.exitCode = await drills(opts.drills, opts);
        return;
      }
      if ((opts.spec !== undefined || opts.stage !== undefined) && id === undefined) {
        process.stderr.write(`sdcoach: --spec and --stage need a problem: ${sdcoachCommand('practice <problem> --spec FILE --stage N')}\n`);
        process.exitCode = EXIT.usage;
        return;
      }
      let problem: Problem | undefined;
      if (id !== undefined) {
        const found = findProblem(id, catalogs);
        if (!found.ok) {
          for (const d of found.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
          process.exitCode = EXIT.usage;
          return;
        }
        problem = found.problem;
        const stages = found.problem.stages.length;
        if (opts.stage !== undefined && opts.stage > stages) {
          process.stderr.write(`sdcoach: problem "${sanitizeLine(id)}" has stages 1-${stages}\n`);
          process.exitCode = EXIT.usage;
          return;
        }
      }
      const why = notInteractive(process.env, process.stdin, process.stdout);
      if (why) {
        const grade = id
          ? sdcoachCommand(`grade <your-spec.yaml> --problem ${id}${opts.stage ? ` --stage ${opts.stage}` : ''}`, problem)
          : sdcoachCommand('grade <your-spec.yaml> --problem <id> --stage <n>');
        process.stderr.write(`sdcoach practice needs an interactive terminal (${why}).\nTo grade a spec without it: ${grade}\n`);
        process.exitCode = EXIT.usage;
        return;
      }
      process.exitCode = await openSession(catalogs, {
        ...(problem ? { problem } : {}),
        ...(opts.stage !== undefined ? { stage: opts.stage } : {}),
        ...(opts.spec !== undefined ? { spec: opts.spec } : {}),
        reveal: opts.reveal ?? false,
      });
    });
}
