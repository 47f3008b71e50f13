// `sdcoach show <problem>`: the scenario, its numbers and the stage prompts; hints only on request.
import type { Command } from 'commander';
import { renderProblem } from '../problems/render.js';
import { problemOrUsageError } from './catalog-options.js';
import { EXIT, useColor } from './io.js';
import { sanitizeLine } from '../specfile/sanitize.js';

export function registerShow(program: Command): void {
  program
    .command('show')
    .description('show a problem: scenario, numbers and stage prompts (hints hidden unless --hints)')
    .argument('<problem>', 'problem id (see sdcoach list)')
    .option('-s, --stage <n>', 'only this stage', (v) => Number(v))
    .option('--hints', 'also show the hints')
    .addHelpText(
      'after',
      `
Examples:
  $ sdcoach show order-history
  $ sdcoach show order-history --stage 2 --hints`,
    )
    .action((id: string, opts: { stage?: number; hints?: boolean }, cmd: Command) => {
      const p = problemOrUsageError(id, cmd);
      if (!p) return;
      if (opts.stage !== undefined && (!Number.isInteger(opts.stage) || opts.stage < 1 || opts.stage > p.stages.length)) {
        process.stderr.write(`sdcoach: problem "${sanitizeLine(p.id)}" has stages 1-${p.stages.length}\n`);
        process.exitCode = EXIT.usage;
        return;
      }
      process.stdout.write(
        renderProblem(p, {
          ...(opts.stage ? { stage: opts.stage } : {}),
          hints: opts.hints ?? false,
          width: process.stdout.columns ?? 80,
          color: useColor(),
        }),
      );
    });
}
