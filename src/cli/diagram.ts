// `sdcoach diagram <specs...>`: mermaid source, Markdown, or SVG/PNG/PDF rendered in one browser for
// the whole call; --ascii prints a terminal preview instead. The renderer (puppeteer, mermaid-cli)
// is imported only when something is rendered.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { Option, type Command } from 'commander';
import { analyse } from '../analysis/analyse.js';
import type { Metrics } from '../analysis/metrics.js';
import { asciiDiagram } from '../diagrams/ascii.js';
import { BrowserNotFoundError } from '../diagrams/browser.js';
import { findingsOf, type DiagramFinding } from '../diagrams/findings.js';
import { designToMermaid, THEMES, type Theme } from '../diagrams/mermaid.js';
import type { Launcher, RenderFormat, RenderStats } from '../diagrams/render.js';
import { formatMarkdown, mdEscape } from '../grading/format/markdown.js';
import type { Report } from '../grading/report.js';
import { catalogDirs } from '../problems/catalog.js';
import { formatDiagnostic } from '../specfile/diagnostic.js';
import { loadSpecFile } from '../specfile/load.js';
import type { Model } from '../specfile/model.js';
import { sanitizeLine, sanitizeTerminal } from '../specfile/sanitize.js';
import { closestMatch } from '../specfile/suggest.js';
import { catalogsFor, givensApplied } from './catalog-options.js';
import { gradeFiles } from './grade.js';
import { collect, EXIT, outputProblem, sameFile, useColor, wholeNumber, writeFailure } from './io.js';
import { runDrill } from '../analysis/drills/run.js';
import { checkScenario, parseScenario, type Scenario } from '../analysis/drills/scenario.js';
import type { DrillResult } from '../analysis/drills/types.js';
import { drillFindings, drillToMermaid } from '../diagrams/drill.js';

export const DIAGRAM_FORMATS = ['mmd', 'svg', 'png', 'pdf', 'md'] as const;
export type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];
const RENDERED: ReadonlySet<string> = new Set(['svg', 'png', 'pdf']);
const EXTENSIONS: Record<string, DiagramFormat> = {
  '.mmd': 'mmd',
  '.mermaid': 'mmd',
  '.svg': 'svg',
  '.png': 'png',
  '.pdf': 'pdf',
  '.md': 'md',
  '.markdown': 'md',
};

export interface DiagramOptions {
  output?: string;
  format?: DiagramFormat;
  grade?: boolean;
  problem?: string;
  stage?: number;
  rubric?: string;
  flow?: string;
  theme?: Theme;
  ascii?: boolean;
  width?: number;
  /** Scenarios to drill (sdcoach drill's syntax), drawn on the design. */
  drill?: string[];
}

export interface DiagramIO {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream & { isTTY?: boolean };
  /** Terminal width for --ascii when --width is not given. */
  columns?: number;
  color?: boolean;
  /** Browser launcher for rendering (tests count launches through it). */
  launcher?: Launcher;
  /** How long one browser step may take (default: the renderer's RENDER_TIMEOUT_MS; tests pass a few ms). */
  renderTimeoutMs?: number;
  env?: Record<string, string | undefined>;
  catalogs?: string[];
}

/** One spec, ready to draw. */
export interface Drawable {
  spec: string;
  model: Model;
  metrics: Metrics;
  report?: Report;
  findings?: DiagramFinding[];
  /** With --drill: the drill's result, drawn instead of the grade. */
  drill?: DrillResult;
}

class UsageProblem extends Error {}

/** Loads (and with --grade, grades) every spec; problems go to `err` and leave the spec out. */
export function loadDrawables(
  specs: string[],
  opts: DiagramOptions,
  err: NodeJS.WritableStream,
  catalogs: string[],
): { drawables: Drawable[]; failed: number } {
  const drawables: Drawable[] = [];
  let failed = 0;
  if (opts.grade) {
    for (const o of gradeFiles(specs, { format: 'text', ...pick(opts) }, catalogs)) {
      if ('error' in o) {
        failed++;
        for (const d of o.details) err.write(`${d}\n`);
        err.write(`✗ ${o.spec}: ${o.error}\n`);
      } else drawables.push({ spec: o.spec, model: o.model, metrics: o.report.metrics, report: o.report, findings: findingsOf(o.report) });
    }
  } else {
    for (const spec of specs) {
      const loaded = loadSpecFile(spec);
      if (!loaded.ok) {
        failed++;
        for (const d of loaded.diagnostics) err.write(`${formatDiagnostic(d)}\n`);
        err.write(`✗ ${spec}: ${loaded.diagnostics.filter((d) => d.severity === 'error').length} input problem(s)\n`);
        continue;
      }
      // The problem's givens, as grade and metrics use them: the drawing shows the numbers the grade computes.
      const given = givensApplied(loaded.loaded, pick(opts), catalogs);
      if (!given.ok) {
        failed++;
        for (const d of given.diagnostics) err.write(`${formatDiagnostic(d)}\n`);
        continue;
      }
      drawables.push({ spec, model: given.loaded.model, metrics: analyse(given.loaded.model) });
    }
  }
  if (opts.flow !== undefined) {
    for (const d of [...drawables]) {
      if (Object.hasOwn(d.model.flows, opts.flow)) continue;
      const guess = closestMatch(opts.flow, d.model.flowOrder);
      err.write(
        `${d.spec}: no flow "${sanitizeTerminal(opts.flow)}"${guess ? `; did you mean "${guess}"?` : ''} (flows: ${d.model.flowOrder.join(', ') || 'none'})\n`,
      );
      drawables.splice(drawables.indexOf(d), 1);
      failed++;
    }
  }
  return { drawables, failed };
}

function pick(opts: DiagramOptions): { problem?: string; stage?: number; rubric?: string } {
  const out: { problem?: string; stage?: number; rubric?: string } = {};
  if (opts.problem !== undefined) out.problem = opts.problem;
  if (opts.stage !== undefined) out.stage = opts.stage;
  if (opts.rubric !== undefined) out.rubric = opts.rubric;
  return out;
}

export function mermaidFor(d: Drawable, opts: DiagramOptions): string {
  if (d.drill) return drillToMermaid(d.model, d.metrics, d.drill, opts.theme ? { theme: opts.theme } : {});
  return designToMermaid(d.model, d.metrics, {
    ...(d.findings ? { findings: d.findings } : {}),
    ...(opts.flow !== undefined ? { flow: opts.flow } : {}),
    ...(opts.theme ? { theme: opts.theme } : {}),
  });
}

function markdownFor(d: Drawable, source: string): string {
  if (d.report) return formatMarkdown(d.report, { diagram: source });
  return `### ${mdEscape(d.model.name ?? d.spec)}\n\n\`\`\`mermaid\n${source.trimEnd()}\n\`\`\`\n`;
}

/** Where each spec's output goes: stdout, one file, or one file per spec in a folder (created). */
function prepareDestinations(drawables: Drawable[], specs: string[], opts: DiagramOptions, format: DiagramFormat): (string | undefined)[] {
  const output = opts.output;
  if (output === undefined || output === '-') {
    if (format === 'png' || format === 'pdf')
      throw new UsageProblem(`--format ${format} writes binary files: give -o FILE (or -o DIR for several specs)`);
    if (specs.length > 1 && format !== 'md')
      throw new UsageProblem(`several specs need -o DIR (one ${format} file each), or --format md for one Markdown document`);
    return drawables.map(() => undefined);
  }
  const asDir = specs.length > 1 || output.endsWith('/') || (existsSync(output) && statSync(output).isDirectory());
  const guard = (file: string) => {
    // By real path: a symbolic link to a spec is that spec.
    if (specs.some((s) => sameFile(s, file)))
      throw new UsageProblem(`refusing to write over the spec ${sanitizeLine(file)}: choose another -o`);
    const unwritable = outputProblem(file);
    if (unwritable) throw new UsageProblem(`cannot write ${sanitizeLine(file)}: ${unwritable}`);
    return file;
  };
  if (!asDir) return [guard(output)];
  if (existsSync(output) && !statSync(output).isDirectory()) throw new UsageProblem(`-o ${output} is a file; several specs need a folder`);
  mkdirSync(output, { recursive: true });
  const used = new Set<string>();
  return drawables.map((d) => {
    const stem = basename(d.spec, extname(d.spec)) || 'diagram';
    let name = `${stem}.${format}`;
    for (let n = 2; used.has(name); n++) name = `${stem}-${n}.${format}`;
    used.add(name);
    return guard(join(output, name));
  });
}

function chooseFormat(opts: DiagramOptions): DiagramFormat {
  const fromExt = opts.output && opts.output !== '-' ? EXTENSIONS[extname(opts.output).toLowerCase()] : undefined;
  if (opts.format && fromExt && opts.format !== fromExt)
    throw new UsageProblem(`-o ${opts.output} looks like ${fromExt}, but --format is ${opts.format}`);
  return opts.format ?? fromExt ?? 'mmd';
}

function write(file: string | undefined, data: string | Uint8Array, out: NodeJS.WritableStream, written: string[]): void {
  if (file === undefined) out.write(data);
  else {
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, data);
    } catch (e) {
      throw new UsageProblem(`cannot write ${sanitizeLine(file)}: ${writeFailure(e)}`);
    }
    written.push(file);
  }
}

/** Runs the command; resolves to the exit code. */
export async function runDiagram(specs: string[], opts: DiagramOptions, io: DiagramIO): Promise<number> {
  const { out, err } = io;
  try {
    if (opts.ascii && (opts.output !== undefined || opts.format !== undefined))
      throw new UsageProblem('--ascii prints to the terminal: drop -o and --format');
    const format = opts.ascii ? 'mmd' : chooseFormat(opts);
    const catalogs = io.catalogs ?? catalogDirs();
    const { drawables, failed } = loadDrawables(specs, opts, err, catalogs);
    if (opts.drill?.length) {
      if (opts.grade || opts.flow !== undefined)
        throw new UsageProblem('--drill draws the drill on the whole design: drop --grade and --flow');
      const scenarios: Scenario[] = [];
      for (const text of opts.drill) {
        const p = parseScenario(text);
        if (!p.ok) throw new UsageProblem(p.message);
        scenarios.push(p.scenario);
      }
      for (const d of drawables) {
        for (const s of scenarios) {
          const bad = checkScenario(d.model, s);
          if (bad) throw new UsageProblem(`${d.spec}: ${bad}`);
        }
        d.drill = runDrill(d.model, scenarios);
        d.findings = drillFindings(d.drill);
      }
    }

    if (opts.ascii) {
      const width = opts.width ?? io.columns ?? 100;
      drawables.forEach((d, i) => {
        if (drawables.length > 1) out.write(`${i ? '\n' : ''}== ${sanitizeTerminal(d.spec)}\n`);
        out.write(
          asciiDiagram(d.model, d.metrics, {
            width,
            color: io.color ?? false,
            ...(d.findings ? { findings: d.findings } : {}),
            ...(opts.flow !== undefined ? { flow: opts.flow } : {}),
          }),
        );
      });
      return failed ? EXIT.usage : EXIT.ok;
    }

    const targets = prepareDestinations(drawables, specs, opts, format);
    const sources = drawables.map((d) => mermaidFor(d, opts));
    const written: string[] = [];

    if (!RENDERED.has(format)) {
      if (format === 'md') {
        const docs = drawables.map((d, i) => markdownFor(d, sources[i]!));
        if (targets.every((t) => t === undefined)) out.write(docs.join('\n---\n\n'));
        else docs.forEach((doc, i) => write(targets[i], doc, out, written));
      } else sources.forEach((s, i) => write(targets[i], s, out, written));
      reportWritten(written, opts.output, err);
      return failed ? EXIT.usage : EXIT.ok;
    }

    if (!drawables.length) return EXIT.usage;
    const { openRenderer } = await import('../diagrams/render.js');
    let renderer: Awaited<ReturnType<typeof openRenderer>>;
    try {
      renderer = await openRenderer({
        expected: drawables.length,
        ...(opts.theme ? { theme: opts.theme } : {}),
        ...(io.launcher ? { launcher: io.launcher } : {}),
        ...(io.renderTimeoutMs !== undefined ? { timeoutMs: io.renderTimeoutMs } : {}),
        ...(io.env ? { env: io.env } : {}),
      });
    } catch (e) {
      if (e instanceof BrowserNotFoundError) throw e;
      throw new UsageProblem(`could not start the browser: ${(e as Error).message.split('\n')[0]}`);
    }
    let renderFailed = 0;
    let done = 0;
    const progress = Boolean(err.isTTY) && drawables.length > 1;
    const tick = () => {
      if (progress) err.write(`\r\u001b[2Krendering ${done}/${drawables.length}`);
    };
    try {
      tick();
      // The renderer's pages work in parallel; each file is written as soon as it is drawn.
      let next = 0;
      const worker = async () => {
        while (next < drawables.length) {
          const i = next++;
          const d = drawables[i]!;
          try {
            write(targets[i], await renderer.render(sources[i]!, format as RenderFormat), out, written);
          } catch (e) {
            renderFailed++;
            if (progress) err.write('\r\u001b[2K');
            const why = e instanceof UsageProblem ? e.message : `could not render the diagram: ${(e as Error).message.split('\n')[0]}`;
            err.write(`✗ ${d.spec}: ${why}\n`);
          }
          done++;
          tick();
        }
      };
      await Promise.all(Array.from({ length: renderer.concurrency }, worker));
    } finally {
      if (progress) err.write('\r\u001b[2K');
      await renderer.close();
      debugStats(renderer.stats, renderer.path, io);
    }
    reportWritten(written, opts.output, err);
    return failed || renderFailed ? EXIT.usage : EXIT.ok;
  } catch (e) {
    if (e instanceof UsageProblem || e instanceof BrowserNotFoundError) {
      err.write(`sdcoach: ${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
}

function reportWritten(files: string[], output: string | undefined, err: NodeJS.WritableStream): void {
  if (files.length > 3) err.write(`wrote ${files.length} files in ${output}\n`);
  else for (const f of files) err.write(`wrote ${f}\n`);
}

/** SDCOACH_DEBUG_RENDER=1: how many browsers and pages a call used (tests and benchmarks read it). */
export function debugStats(
  stats: RenderStats,
  path: string,
  io: { err: NodeJS.WritableStream; env?: Record<string, string | undefined> },
): void {
  if ((io.env ?? process.env).SDCOACH_DEBUG_RENDER) {
    io.err.write(`sdcoach: render stats: launches=${stats.launches} pages=${stats.pages} diagrams=${stats.diagrams} path=${path}\n`);
  }
}

export function registerDiagram(program: Command): void {
  const command = program
    .command('diagram')
    .description('draw specs as mermaid diagrams: source, Markdown, SVG/PNG/PDF (one browser for all files), or a terminal preview')
    .argument('<specs...>', 'spec files (.yaml, .yml or .json)')
    .option('-o, --output <path>', 'output file, or folder for several specs (default: stdout for mmd, md and svg)')
    .addOption(
      new Option('-f, --format <format>', "output format (default: from -o's extension, else mmd)").choices(
        DIAGRAM_FORMATS as unknown as string[],
      ),
    )
    .option('--ascii', 'print a text preview that fits the terminal (no browser)')
    .option('--width <n>', "columns for --ascii (default: the terminal's)", wholeNumber('--width'))
    .option('--grade', 'grade too, and draw failed checks on the diagram (red, warnings amber) with a legend');
  command
    .option(
      '-p, --problem <id>',
      "the catalog problem whose givens the figures use, and with --grade its rubric (default: the spec's `problem:`)",
    )
    .option('-s, --stage <n>', "stage of the problem (default: the spec's `stage:`, else 1)", wholeNumber('--stage'))
    .option('-r, --rubric <file>', 'with --grade: grade against a rubric file instead')
    .option('--flow <name>', 'draw one flow, hop by hop from each origin, with its latency breakdown')
    .option(
      '--drill <scenario>',
      'draw a drill (as sdcoach drill --scenario; repeatable): lost region grey, overloaded parts red, slow dependency marked',
      collect,
    )
    .addOption(new Option('--theme <theme>', 'mermaid theme').choices(THEMES))
    .addHelpText(
      'after',
      `
Examples:
  $ sdcoach diagram examples/orders-cqrs.yaml --ascii
  $ sdcoach diagram examples/orders-cqrs.yaml -o design.svg --grade
  $ sdcoach diagram examples/orders-cqrs.yaml --flow create-order -o create-order.png
  $ sdcoach diagram examples/global-feed.yaml --drill region-down:us-east --ascii
  $ sdcoach diagram class/*.yaml -o out/ --format svg           # one browser for every file
  $ sdcoach diagram design.yaml --format md --grade > review.md  # GitHub renders the mermaid block

svg, png and pdf need Chromium (PUPPETEER_EXECUTABLE_PATH, /usr/bin/chromium, ...); mmd, md and
--ascii do not. Exit codes: 0 written, 2 input, usage or rendering error (--grade does not change it).`,
    )
    .action(async (specs: string[], opts: DiagramOptions, cmd: Command) => {
      process.exitCode = await runDiagram(specs, opts, {
        out: process.stdout,
        err: process.stderr,
        columns: process.stdout.columns,
        color: useColor(process.stdout),
        catalogs: catalogsFor(cmd),
      });
    });
}
