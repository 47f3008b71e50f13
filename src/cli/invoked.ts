// Which command a command line names: read by the entry (bin/sdcoach.js via src/cli/cached.ts) before
// anything else loads, so it imports nothing.

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
