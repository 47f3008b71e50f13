// `sdcoach report <spec> -o report.html`: grades a spec and writes one self-contained HTML page with
// the rendered diagram (failed checks drawn on it), the score and the feedback.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Option, type Command } from 'commander';
import { BrowserNotFoundError } from '../diagrams/browser.js';
import { THEMES, type Theme } from '../diagrams/mermaid.js';
import { reportHtml } from '../diagrams/html.js';
import type { Launcher } from '../diagrams/render.js';
import { catalogDirs } from '../problems/catalog.js';
import { catalogsFor } from './catalog-options.js';
import { debugStats, loadDrawables, mermaidFor } from './diagram.js';
import { collect, EXIT, outputProblem, rubricOptions, sameFile, writeFailure } from './io.js';
import { runDrill } from '../analysis/drills/run.js';
import { checkScenario, parseScenario, type Scenario } from '../analysis/drills/scenario.js';
import { drillHtml } from '../diagrams/drill.js';
import { sanitizeLine } from '../specfile/sanitize.js';

export interface ReportOptions {
  output: string;
  problem?: string;
  stage?: number;
  rubric?: string;
  theme?: Theme;
  flow?: string;
  /** Scenarios to drill: the diagram shows the drill, the page a table per phase. */
  drill?: string[];
}

export interface ReportIO {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  launcher?: Launcher;
  env?: Record<string, string | undefined>;
  catalogs?: string[];
}

/** Resolves to the exit code: 0 passed, 1 graded but failed, 2 input, usage or rendering error. */
export async function runReport(spec: string, opts: ReportOptions, io: ReportIO): Promise<number> {
  const { out, err } = io;
  if (opts.output !== '-' && sameFile(opts.output, spec)) {
    err.write(`sdcoach: refusing to write over the spec ${sanitizeLine(opts.output)}: choose another -o\n`);
    return EXIT.usage;
  }
  // Before the render (seconds of Chromium): a destination that cannot be written fails now.
  const unwritable = opts.output !== '-' ? outputProblem(opts.output) : undefined;
  if (unwritable) {
    err.write(`sdcoach: cannot write ${sanitizeLine(opts.output)}: ${unwritable}\n`);
    return EXIT.usage;
  }
  const { drawables } = loadDrawables([spec], { ...opts, grade: true }, err, io.catalogs ?? catalogDirs());
  const d = drawables[0];
  if (!d?.report) return EXIT.usage;
  let extra = '';
  if (opts.drill?.length) {
    const scenarios: Scenario[] = [];
    for (const text of opts.drill) {
      const p = parseScenario(text);
      const bad = p.ok ? checkScenario(d.model, p.scenario) : p.message;
      if (bad || !p.ok) {
        err.write(`sdcoach: ${sanitizeLine(bad ?? '')}\n`);
        return EXIT.usage;
      }
      scenarios.push(p.scenario);
    }
    d.drill = runDrill(d.model, scenarios);
    extra = drillHtml(d.drill);
  }
  const { openRenderer } = await import('../diagrams/render.js');
  let svg: string;
  try {
    const renderer = await openRenderer({
      expected: 1,
      ...(opts.theme ? { theme: opts.theme } : {}),
      ...(io.launcher ? { launcher: io.launcher } : {}),
      ...(io.env ? { env: io.env } : {}),
    });
    try {
      svg = new TextDecoder().decode(await renderer.render(mermaidFor(d, opts), 'svg'));
    } finally {
      await renderer.close();
      debugStats(renderer.stats, renderer.path, io);
    }
  } catch (e) {
    err.write(
      `sdcoach: ${e instanceof BrowserNotFoundError ? e.message : `could not render the diagram: ${(e as Error).message.split('\n')[0]}`}\n`,
    );
    return EXIT.usage;
  }
  const html = reportHtml(d.report, svg, extra);
  if (opts.output === '-') out.write(html);
  else {
    try {
      mkdirSync(dirname(opts.output), { recursive: true });
      writeFileSync(opts.output, html);
    } catch (e) {
      err.write(`sdcoach: cannot write ${sanitizeLine(opts.output)}: ${writeFailure(e)}\n`);
      return EXIT.usage;
    }
    err.write(`wrote ${sanitizeLine(opts.output)} (score ${d.report.score}/100, ${d.report.passed ? 'passed' : 'failed'})\n`);
  }
  return d.report.passed ? EXIT.ok : EXIT.failed;
}

export function registerReport(program: Command): void {
  const command = program
    .command('report')
    .description('grade a spec and write one self-contained HTML page: rendered diagram, score, feedback')
    .argument('<spec>', 'spec file (.yaml, .yml or .json)')
    .requiredOption('-o, --output <file>', 'the HTML file to write (- for stdout)');
  rubricOptions(command)
    .option('--flow <name>', 'draw one flow hop by hop instead of the whole design')
    .option('--drill <scenario>', 'add a drill (as sdcoach drill --scenario; repeatable): a table per phase, drawn on the diagram', collect)
    .addOption(new Option('--theme <theme>', 'mermaid theme').choices(THEMES))
    .addHelpText(
      'after',
      `
Examples:
  $ sdcoach report examples/orders-cqrs.yaml -o report.html
  $ sdcoach report design.yaml --problem order-history --stage 2 -o review.html
  $ sdcoach report examples/global-feed.yaml --drill region-down:us-east -o drill.html

Needs Chromium to render the diagram (PUPPETEER_EXECUTABLE_PATH, /usr/bin/chromium, ...).
Exit codes: 0 passed, 1 graded but failed, 2 input, usage or rendering error.`,
    )
    .action(async (spec: string, opts: ReportOptions, cmd: Command) => {
      process.exitCode = await runReport(spec, opts, { out: process.stdout, err: process.stderr, catalogs: catalogsFor(cmd) });
    });
}
