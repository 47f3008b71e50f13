// `sdcoach schema [name]`: prints a shipped JSON Schema, for editors and tooling.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { schemaPath } from '../specfile/schema-validator.js';
import { EXIT } from './io.js';

/** Every shipped schema: a learner's spec, a problem file, a rubric file. */
export const SCHEMAS = ['spec', 'problem', 'rubric'] as const;

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of a file format (default: spec)')
    .argument('[name]', `schema to print: ${SCHEMAS.join(', ')}`, 'spec')
    .option('--path', "print the schema file's path instead of its contents (for a $schema line)")
    .addHelpText(
      'after',
      `
Examples:
  $ sdcoach schema > spec.schema.json
  $ sdcoach schema rubric --path          # for a rubric file's $schema line
  $ sdcoach schema problem > problem.schema.json
  $ echo "# yaml-language-server: \\$schema=$(sdcoach schema --path)" > my-design.yaml`,
    )
    .action((name: string, opts: { path?: boolean }, cmd: Command) => {
      if (!(SCHEMAS as readonly string[]).includes(name))
        cmd.error(`unknown schema "${name}" (choose from ${SCHEMAS.join(', ')})`, { exitCode: EXIT.usage });
      const file = schemaPath(name);
      process.stdout.write(opts.path ? `${file}\n` : readFileSync(file, 'utf8'));
    });
}
