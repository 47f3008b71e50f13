// The sdcoach command line: builds the commander program and runs it. Each command lives in its own file.
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { EXIT } from './io.js';
import { registerGrade } from './grade.js';
import { registerExplain } from './explain.js';
import { registerSchema } from './schema.js';
import { registerList } from './list.js';
import { registerShow } from './show.js';
import { registerInit } from './init.js';
import { registerPractice } from './practice.js';
import { registerProgress } from './progress.js';
import { collect } from './catalog-options.js';
import { registerProblem } from './problem.js';
import { registerMetrics } from './metrics.js';
import { registerValidate } from './validate.js';
import { registerDiagram } from './diagram.js';
import { registerReport } from './report.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export function buildProgram(): Command {
  const program = new Command('sdcoach')
    .description('System-design interview coach: write an architecture spec, get graded on real numbers.')
    .version(pkg.version, '-v, --version')
    .option('--problems <dir>', 'add a problem catalog folder (repeatable; also SDCOACH_PROBLEMS)', collect, [])
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) })
    .addHelpText('after', `
Examples:
  $ sdcoach grade examples/orders-cqrs.yaml
  $ sdcoach validate examples/*.yaml
  $ sdcoach explain cqrs/read-write-ratio
  $ sdcoach schema --path`);
  registerPractice(program);
  registerProgress(program);
  registerList(program);
  registerShow(program);
  registerInit(program);
  registerGrade(program);
  registerValidate(program);
  registerExplain(program);
  registerMetrics(program);
  registerProblem(program);
  registerSchema(program);
  registerDiagram(program);
  registerReport(program);
  for (const c of program.commands) c.exitOverride().showSuggestionAfterError(true);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    process.stderr.write(`sdcoach: internal error: ${(err as Error).message}\nPlease report this with the command you ran.\n`);
    if (process.env.SDCOACH_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    return EXIT.usage;
  }
}
