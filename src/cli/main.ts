// The sdcoach command line: builds the commander program and runs it. Each command lives in its own
// file, and only the invoked command's module is loaded, so `validate` never pays for the grader,
// the catalog, mermaid or Ink (start-up stays close to bare node).
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { collect, EXIT } from './io.js';
import { sanitizeLine, sanitizeTerminal } from '../specfile/sanitize.js';
import { asInvoked, commandPrefix } from '../grading/invocation.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

type Register = (program: Command) => void;

/** Every command, in the order `sdcoach --help` lists them, with the loader of its module. */
export const COMMANDS: Record<string, () => Promise<Register>> = {
  practice: async () => (await import('./practice.js')).registerPractice,
  interview: async () => (await import('./interview.js')).registerInterview,
  progress: async () => (await import('./progress.js')).registerProgress,
  list: async () => (await import('./list.js')).registerList,
  show: async () => (await import('./show.js')).registerShow,
  init: async () => (await import('./init.js')).registerInit,
  grade: async () => (await import('./grade.js')).registerGrade,
  validate: async () => (await import('./validate.js')).registerValidate,
  explain: async () => (await import('./explain.js')).registerExplain,
  metrics: async () => (await import('./metrics.js')).registerMetrics,
  drill: async () => (await import('./drill.js')).registerDrill,
  problem: async () => (await import('./problem.js')).registerProblem,
  schema: async () => (await import('./schema.js')).registerSchema,
  diagram: async () => (await import('./diagram.js')).registerDiagram,
  report: async () => (await import('./report.js')).registerReport,
  lsp: async () => (await import('./lsp.js')).registerLsp,
  scorecard: async () => (await import('./scorecard.js')).registerScorecard,
};

/** The subcommand named on the command line, skipping global options (and --problems' value). */
export function invokedCommand(argv: readonly string[]): string | undefined {
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--problems') {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    return a;
  }
  return undefined;
}

/** Help text with every `sdcoach ...` command written as invoked (Usage lines, examples). */
function invokedHelp(text: string): string {
  const p = commandPrefix();
  return p === 'sdcoach' ? text : asInvoked(text).replace(/(^|\$ |Usage: )sdcoach(?= \[|\s*$| -)/gm, `$1${p}`);
}

/**
 * Every error the command line reports reads the same: "sdcoach: <what is wrong>", then, for a
 * missing argument, the usage line of the command and where its help is.
 */
export function errorStyle(str: string, program: Command, argv: readonly string[] = process.argv): string {
  const text = str.replace(/^error: /, '');
  if (!/^missing required argument/.test(text)) return `sdcoach: ${text}`;
  const name = invokedCommand(argv);
  const sub = program.commands.find((c) => c.name() === name);
  if (!sub) return `sdcoach: ${text}`;
  return `sdcoach: ${text}usage: sdcoach ${sub.name()} ${sub.usage()}\n(sdcoach ${sub.name()} --help shows every option, with examples)\n`;
}

export async function buildProgram(only?: string): Promise<Command> {
  const program = new Command('sdcoach')
    .description('System-design interview coach: write an architecture spec, get graded on real numbers.')
    .version(pkg.version, '-v, --version')
    .option('--problems <dir>', 'add a problem catalog folder (repeatable; also SDCOACH_PROBLEMS)', collect, [])
    .showSuggestionAfterError(true)
    .exitOverride()
    // Help and errors name commands the way this process was started (npx sdcoach, node bin/sdcoach.js).
    .configureOutput({
      writeOut: (str) => process.stdout.write(invokedHelp(str)),
      writeErr: (str) => process.stderr.write(invokedHelp(str)),
      outputError: (str, write) => write(sanitizeTerminal(errorStyle(str, program))),
    })
    .addHelpText(
      'after',
      `
Examples:
  $ sdcoach practice                      # pick a problem and work through it, graded on every save
  $ sdcoach grade examples/orders-cqrs.yaml
  $ sdcoach validate examples/*.yaml
  $ sdcoach explain cqrs/read-write-ratio
  $ sdcoach schema --path`,
    );
  const names = only && COMMANDS[only] ? [only] : Object.keys(COMMANDS);
  for (const register of await Promise.all(names.map((n) => COMMANDS[n]!()))) register(program);
  for (const c of program.commands) c.exitOverride().showSuggestionAfterError(true);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    const program = await buildProgram(invokedCommand(argv));
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    process.stderr.write(
      `sdcoach: internal error: ${sanitizeLine((err as Error).message)}\nPlease report this with the command you ran.\n`,
    );
    if (process.env.SDCOACH_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    return EXIT.usage;
  }
}
