// `sdcoach init <problem>`: writes the starter spec with its $schema line and the prompt as a
// comment header. Never overwrites an existing file unless --force.
import type { Command } from 'commander';
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { starterFor } from '../problems/render.js';
import { problemOrUsageError } from './catalog-options.js';
import { EXIT } from './io.js';
import { sanitizeLine } from '../specfile/sanitize.js';
import { sdcoachCommand, shellWord } from '../grading/invocation.js';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('start a problem: write its starter spec (never overwrites without --force)')
    .argument('<problem>', 'problem id (see sdcoach list)')
    .option('-o, --output <file>', 'where to write it (default: ./<problem>.yaml)')
    .option('--force', 'overwrite the file if it exists')
    .addHelpText(
      'after',
      `
Examples:
  $ sdcoach init order-history
  $ sdcoach init order-history -o designs/orders.yaml`,
    )
    .action((id: string, opts: { output?: string; force?: boolean }, cmd: Command) => {
      const p = problemOrUsageError(id, cmd);
      if (!p) return;
      const out = resolve(opts.output ?? `${p.id}.yaml`);
      if (existsSync(out) && !opts.force) {
        process.stderr.write(
          `sdcoach: ${sanitizeLine(opts.output ?? `${p.id}.yaml`)} already exists; not overwriting it (use --force to replace it)\n`,
        );
        process.exitCode = EXIT.usage;
        return;
      }
      const text = starterFor(p, out);
      try {
        writeFileSync(out, text, { flag: opts.force ? 'w' : 'wx' });
      } catch (err) {
        process.stderr.write(
          `sdcoach: cannot write ${sanitizeLine(out)}: ${sanitizeLine((err as NodeJS.ErrnoException).code ?? (err as Error).message)}\n`,
        );
        process.exitCode = EXIT.usage;
        return;
      }
      const shown = opts.output ?? `${p.id}.yaml`;
      process.stdout.write(
        `wrote ${sanitizeLine(shown)}: the starter for "${sanitizeLine(p.title)}", stage 1 of ${p.stages.length}.\nEdit it, then: ${sanitizeLine(sdcoachCommand(`grade ${shellWord(shown)}`, p))}\n`,
      );
    });
}
