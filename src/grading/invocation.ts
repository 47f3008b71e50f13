// The command prefix as the user invoked sdcoach, so every command a message prints works when
// pasted back: `sdcoach` (on the PATH: npm link, a global install), `npx sdcoach` (npm exec inside
// the clone), or `node bin/sdcoach.js` (the script itself). A problem from an added catalog also
// gets `--problems DIR`, without which the pasted command would say "unknown problem".
// It sits in grading/, the lowest layer that prints commands (report hints), so that problems/, the TUI and the CLI share it.
import { basename, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SHIPPED = resolve(fileURLToPath(new URL('../../problems/', import.meta.url)));

/** Every subcommand name, for rewriting `sdcoach <command>` in free text (hints, help): the CLI's commands (src/cli/main.ts COMMANDS; a test keeps the two the same). */
export const SUBCOMMANDS = [
  'practice',
  'progress',
  'list',
  'show',
  'init',
  'grade',
  'validate',
  'explain',
  'metrics',
  'drill',
  'problem',
  'schema',
  'diagram',
  'report',
  'lsp',
  'interview',
  'scorecard',
];

/** Quotes a shell word only when it needs it. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A path as short as it can be written from cwd: relative when inside it, absolute otherwise. */
function fromCwd(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/**
 * How this process was started, as the words to type again: `npx sdcoach` runs the bin link npx
 * made (npm_command=exec); a script named `sdcoach` was found on the PATH; `bin/sdcoach.js` was run
 * by node directly (also `npm start`).
 */
export function detectPrefix(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): string {
  const script = argv[1];
  if (!script) return 'sdcoach';
  const name = basename(script);
  if (name === 'sdcoach' || name === 'sdcoach.cmd') {
    // npx runs the bin link it set up in its cache (or node_modules/.bin); a linked or global
    // install runs the one on the PATH. The environment alone is not enough: `npx vitest` also sets it.
    const viaNpx = env.npm_command === 'exec' || /[\\/](_npx|node_modules[\\/]\.bin)[\\/]/.test(script);
    return viaNpx ? 'npx sdcoach' : 'sdcoach';
  }
  if (name === 'sdcoach.js') return `node ${shellWord(fromCwd(resolve(cwd, script), cwd))}`;
  return 'sdcoach';
}

let prefix: string | undefined;

/** The prefix for this process (detected once). */
export function commandPrefix(): string {
  prefix ??= detectPrefix(process.argv, process.env, process.cwd());
  return prefix;
}

/** Overrides the detected prefix (the LSP, tests). */
export function setCommandPrefix(p: string | undefined): void {
  prefix = p;
}

/** `--problems DIR` when the problem comes from a catalog other than the shipped one. */
export function problemsArg(problem: { catalog: string } | undefined, cwd: string = process.cwd()): string {
  if (!problem || resolve(problem.catalog) === SHIPPED) return '';
  return ` --problems ${shellWord(fromCwd(resolve(problem.catalog), cwd))}`;
}

/** A full command line: `sdcoach grade x.yaml`, as invoked, with --problems when needed. */
export function sdcoachCommand(args: string, problem?: { catalog: string }): string {
  return `${commandPrefix()}${problemsArg(problem)} ${args}`;
}

const MENTION = new RegExp(`(^|[\\s\`'"(])sdcoach (?=(?:${SUBCOMMANDS.join('|')})\\b)`, 'g');

/** Rewrites every `sdcoach <command>` in a text (a hint, a help page) to the command as invoked. */
export function asInvoked(text: string, problem?: { catalog: string }): string {
  const p = `${commandPrefix()}${problemsArg(problem)}`;
  if (p === 'sdcoach') return text;
  return text.replace(MENTION, (_m, lead: string) => `${lead}${p} `);
}
