// Which command a command line names: read by the entry (bin/sdcoach.js via src/cli/cached.ts) before
// anything else loads, so it imports nothing.

/** Where the subcommand is on the command line (-1 for none), skipping global options (and --problems' value). */
export function commandIndex(argv: readonly string[]): number {
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--problems') {
      i++;
      continue;
    }
    if (!a.startsWith('-')) return i;
  }
  return -1;
}

/** The subcommand named on the command line. */
export function invokedCommand(argv: readonly string[]): string | undefined {
  const i = commandIndex(argv);
  return i < 0 ? undefined : argv[i];
}
