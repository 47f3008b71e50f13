// `sdcoach explain [check-id]`: what a check teaches and how it computes its numbers.
import type { Command } from 'commander';
import { explain } from '../grading/explain.js';
import { EXIT } from './io.js';
import { sanitizeLine } from '../specfile/sanitize.js';

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('explain a check: the concept, how it computes, its sources and options (no id: list all checks)')
    .argument('[check-id]', 'e.g. cqrs/read-write-ratio')
    .addHelpText(
      'after',
      `
Examples:
  $ sdcoach explain
  $ sdcoach explain bulkhead/pool-size`,
    )
    .action((id: string | undefined) => {
      const r = explain(id);
      if (r.ok) process.stdout.write(r.text);
      else {
        process.stderr.write(`sdcoach: ${sanitizeLine(r.error)}\n`);
        process.exitCode = EXIT.usage;
      }
    });
}
