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
import { EXIT, outputProblem, rubricOptions, sameFile, writeFailure } from './io.js';
import { sanitizeLine } from '../spec/sanitize.js';

export interface ReportOptions {
  output: string;
  problem?: string;
  stage?: number;
  rubric?: string;
  theme?: Theme;
  flow?: string;
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
  const { openRenderer } = await import('../diagrams/render.js');
  let svg: string;
  try {
    const renderer = await openRenderer({ expected: 1, ...(opts.theme ? { theme: opts.theme } : {}), ...(io.launcher ? { launcher: io.launcher } : {}), ...(io.env ? { env: io.env } : {}) });
    try {
      svg = new TextDecoder().decode(await renderer.render(mermaidFor(d, opts), 'svg'));
    } finally {
      await renderer.close();
      debugStats(renderer.stats, renderer.path, io);
    }
  } catch (e) {
    err.write(`sdcoach: ${e instanceof BrowserNotFoundError ? e.message : `could not render the diagram: ${(e as Error).message.split('\n')[0]}`}\n`);
    return EXIT.usage;
  }
  const html = reportHtml(d.report, svg);
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
    .addOption(new Option('--theme <theme>', 'mermaid theme').choices(THEMES as unknown as string[]))
    .addHelpText('after', `
Examples:
  $ sdcoach report examples/orders-cqrs.yaml -o report.html
  $ sdcoach report design.yaml --problem order-history --stage 2 -o review.html

Needs Chromium to render the diagram (PUPPETEER_EXECUTABLE_PATH, /usr/bin/chromium, ...).
Exit codes: 0 passed, 1 graded but failed, 2 input, usage or rendering error.`)
    .action(async (spec: string, opts: ReportOptions, cmd: Command) => {
      process.exitCode = await runReport(spec, opts, { out: process.stdout, err: process.stderr, catalogs: catalogsFor(cmd) });
    });
}
