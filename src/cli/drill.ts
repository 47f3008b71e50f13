// `sdcoach drill <spec> --scenario ...`: what-if drills (a region lost, a slow or dead dependency, a surge,
// a partition) run on the spec's Model and measured by the same analysis; the timeline phase by phase.
import type { Command } from 'commander';
import { runDrill } from '../analysis/drills/run.js';
import { checkScenario, parseScenario, SCENARIO_SYNTAX, type Scenario } from '../analysis/drills/scenario.js';
import { drillToJson, formatDrillMarkdown, formatDrillText } from '../grading/format/drill.js';
import { collect, EXIT, wholeNumber } from './io.js';
import { stdio } from './output.js';
import { loadWithGivens } from './catalog-options.js';
import { sanitizeTerminal } from '../specfile/sanitize.js';

export const DRILL_FORMATS = ['text', 'json', 'markdown'] as const;

export function registerDrill(program: Command): void {
  program
    .command('drill')
    .description('run what-if drills on a spec: a region lost, a slow or dead dependency, a surge, a partition')
    .argument('<spec>', 'spec file')
    .option('-S, --scenario <scenario>', `a scenario (repeatable; they compose): ${SCENARIO_SYNTAX}`, collect, [])
    .option('-f, --format <format>', 'text, json or markdown', 'text')
    .option('-p, --problem <id>', "use a catalog problem's givens (default: the spec's `problem:`)")
    .option('-s, --stage <n>', "stage of the problem (default: the spec's `stage:`, else 1)", wholeNumber('--stage'))
    .option('--retries <n>', 'retries per call that times out (each holds a thread until the timeout again)', wholeNumber('--retries'), 0)
    .option('--metrics', "json: include each phase's full metrics")
    .addHelpText(
      'after',
      `
Examples:
  $ sdcoach drill examples/global-feed.yaml --scenario region-down:us-east
  $ sdcoach drill examples/checkout-bulkhead.yaml --scenario slow:payment-api=5000
  $ sdcoach drill examples/orders-cqrs.yaml --scenario surge:3
  $ sdcoach drill examples/global-feed.yaml --scenario partition:us-east,eu-west --format markdown

Region loss is a timeline: detection (health checks), steering (DNS TTL), promotion of stores, then
the steady state; each phase gives every flow's error share and p99, and the busiest tier.`,
    )
    .action(
      (
        spec: string,
        opts: { scenario: string[]; format: string; problem?: string; stage?: number; retries: number; metrics?: boolean },
        cmd: Command,
      ) => {
        if (!(DRILL_FORMATS as readonly string[]).includes(opts.format))
          cmd.error('--format must be text, json or markdown', { exitCode: EXIT.usage });
        if (!opts.scenario.length) cmd.error(`name at least one --scenario: ${SCENARIO_SYNTAX}`, { exitCode: EXIT.usage });
        const scenarios: Scenario[] = [];
        for (const text of opts.scenario) {
          const p = parseScenario(text);
          if (!p.ok) cmd.error(sanitizeTerminal(p.message), { exitCode: EXIT.usage });
          else scenarios.push(p.scenario);
        }
        const loaded = loadWithGivens(spec, opts, cmd);
        if (!loaded) return;
        for (const s of scenarios) {
          const bad = checkScenario(loaded.model, s);
          if (bad) cmd.error(sanitizeTerminal(`${spec}: ${bad}`), { exitCode: EXIT.usage });
        }
        const result = runDrill(loaded.model, scenarios, { retries: opts.retries });
        if (opts.format === 'json') stdio().stdout.write(`${drillToJson(result, { metrics: opts.metrics === true })}\n`);
        else if (opts.format === 'markdown') stdio().stdout.write(formatDrillMarkdown(result, spec));
        else stdio().stdout.write(sanitizeTerminal(formatDrillText(result, spec)));
      },
    );
}
