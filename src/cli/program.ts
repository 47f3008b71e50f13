// The commander program of the CLI, built from a map of command loaders: src/cli/main.ts gives it every
// command (each loaded only when invoked), a code-cached command bundle (src/cli/cached.ts) the one it holds.
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { collect, EXIT } from './io.js';
import { sanitizeLine, sanitizeTerminal } from '../specfile/sanitize.js';
import { asInvoked, commandPrefix } from '../grading/invocation.js';
import { invokedCommand } from './invoked.js';

export { invokedCommand };

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export type Register = (program: Command) => void;

/** Command name -> loader of its module's register function, in the order `sdcoach --help` lists them. */
export type Commands = Record<string, () => Promise<Register>>;

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

export async function buildProgramWith(commands: Commands, only?: string): Promise<Command> {
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
  const names = only && commands[only] ? [only] : Object.keys(commands);
  for (const register of await Promise.all(names.map((n) => commands[n]!()))) register(program);
  for (const c of program.commands) c.exitOverride().showSuggestionAfterError(true);
  return program;
}

export async function mainWith(commands: Commands, argv: string[]): Promise<number> {
  try {
    const program = await buildProgramWith(commands, invokedCommand(argv));
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
