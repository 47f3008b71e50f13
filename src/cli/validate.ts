// `sdcoach validate <files...>`: checks spec files against the format and reports every problem.
import type { Command } from 'commander';
import { errorCount, formatDiagnostic } from '../specfile/diagnostic.js';
import { loadSpecFile } from '../specfile/load.js';
import { EXIT } from './io.js';
import { stdio } from './output.js';
import { sanitizeLine } from '../specfile/sanitize.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export interface ValidateOptions {
  format: 'text' | 'json';
}

export function runValidate(files: string[], opts: ValidateOptions): number {
  const results = files.map((file) => ({ file, result: loadSpecFile(file) }));
  const invalid = results.filter((r) => !r.result.ok).length;
  const { stdout } = stdio();
  if (opts.format === 'json') {
    const out = results.map(({ file, result }) => ({
      file,
      valid: result.ok,
      diagnostics: (result.ok ? result.loaded.diagnostics : result.diagnostics).map(({ path, ...d }) => ({
        ...d,
        ...(path ? { path: [...path] } : {}),
      })),
    }));
    stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    for (const { file, result } of results) {
      if (result.ok) {
        const m = result.loaded.model;
        for (const d of result.loaded.diagnostics) stdout.write(`${formatDiagnostic(d)}\n`);
        stdout.write(
          `✓ ${sanitizeLine(file)}: valid (${plural(m.componentOrder.length, 'component')}, ${plural(m.flowOrder.length, 'flow')}, ${plural(m.regions.length, 'region')})\n`,
        );
      } else {
        for (const d of result.diagnostics) stdout.write(`${formatDiagnostic(d)}\n`);
        const n = errorCount(result.diagnostics);
        stdout.write(`✗ ${sanitizeLine(file)}: ${n} problem${n === 1 ? '' : 's'}\n`);
      }
    }
    if (files.length > 1) stdout.write(`${files.length - invalid} of ${files.length} files valid\n`);
  }
  return invalid ? EXIT.usage : EXIT.ok;
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check spec files against the spec format; report every problem with file:line:column')
    .argument('<files...>', 'spec files (.yaml, .yml or .json)')
    .option('--format <format>', 'output format: text or json', 'text')
    .addHelpText(
      'after',
      `
Examples:
  $ sdcoach validate examples/orders-cqrs.yaml
  $ sdcoach validate examples/*.yaml --format json

Exit codes: 0 all valid, 2 any invalid.`,
    )
    .action((files: string[], opts: ValidateOptions, cmd: Command) => {
      if (opts.format !== 'text' && opts.format !== 'json')
        cmd.error(`--format must be text or json, not "${String(opts.format)}"`, { exitCode: EXIT.usage });
      process.exitCode = runValidate(files, opts);
    });
}
