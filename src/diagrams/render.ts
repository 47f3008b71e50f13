// Rendering mermaid source to SVG, PNG or PDF in ONE headless Chromium per call. Loaded lazily, only
// by commands that render (it pulls in puppeteer and mermaid-cli).
//
// Two paths, one browser:
// - one diagram: @mermaid-js/mermaid-cli's renderMermaid(browser, ...), exactly what `mmdc` does
//   (its page set-up, its PNG clipping, its fitted PDF);
// - two or more: prepared pages. mermaid-cli opens and prepares a fresh page per diagram (~1 s
//   each); here mermaid is loaded once into a page (its ES module build, so only the flowchart
//   chunks are parsed) and each diagram is one mermaid.render call on it, then serialised,
//   screenshotted or printed. A small pool (one page per core, at most 4) renders in parallel.
import { renderMermaid } from '@mermaid-js/mermaid-cli';
import { readFile, realpath } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join, sep } from 'node:path';
import puppeteer, { type Browser, type HTTPRequest, type LaunchOptions, type Page } from 'puppeteer';
import { CHROME_ARGS, findBrowser } from './browser.js';
import { compactSvg } from './svg.js';
import type { Theme } from './mermaid.js';

export type RenderFormat = 'svg' | 'png' | 'pdf';
export type RenderPath = 'mermaid-cli' | 'prepared-page';
export type Launcher = (options: LaunchOptions) => Promise<Browser>;

export interface RendererOptions {
  theme?: Theme;
  /** How many diagrams this renderer will draw: 1 takes the mermaid-cli path, more the prepared pages. */
  expected: number;
  /** Prepared pages at most (default: one per core, at most 4, never more than `expected`). */
  pages?: number;
  /** Launches the browser (tests inject a counting one). */
  launcher?: Launcher;
  env?: Record<string, string | undefined>;
}

export interface RenderStats {
  launches: number;
  pages: number;
  diagrams: number;
}

export interface Renderer {
  readonly path: RenderPath;
  readonly stats: RenderStats;
  /** How many render() calls can usefully run at once (the size of the page pool). */
  readonly concurrency: number;
  render(definition: string, format: RenderFormat): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** The folder of the mermaid build mermaid-cli renders with (its own dependency, same version). */
async function mermaidDist(): Promise<string> {
  const require = createRequire(import.meta.url);
  const fromCli = createRequire(require.resolve('@mermaid-js/mermaid-cli'));
  return realpath(dirname(fromCli.resolve('mermaid/dist/mermaid.esm.min.mjs')));
}

/** The folder of the ELK layout build mermaid-cli registers (its own dependency): served under /elk/. */
async function elkDist(): Promise<string> {
  const require = createRequire(import.meta.url);
  const fromCli = createRequire(require.resolve('@mermaid-js/mermaid-cli'));
  // Its "exports" only has an `import` condition for the main entry; './*' resolves any file.
  return realpath(dirname(fromCli.resolve('@mermaid-js/layout-elk/dist/mermaid-layout-elk.esm.min.mjs')));
}

/**
 * The layout engine. ELK (layered) routes edges orthogonally around nodes and places edge labels
 * so they do not sit on each other or on region titles; dagre, mermaid's default, drew edges
 * behind nodes (a hop seemed to start at the wrong component) and stacked labels.
 */
export const LAYOUT = process.env.SDCOACH_DIAGRAM_LAYOUT === 'dagre' ? 'dagre' : 'elk';

/** Pages cannot import ES modules from file:// URLs: requests to this origin are answered from mermaid's dist folder, all others refused. */
const MODULE_ORIGIN = 'https://sdcoach-mermaid.invalid';

/** A wide viewport, so a large diagram is drawn at its natural size instead of squeezed. */
const VIEWPORT = { width: 4096, height: 1024, deviceScaleFactor: 1 };
const SVG_ID = 'sdcoach-diagram';

/** The page behind the diagram: white, or the dark theme's own background so its light text reads. */
export function background(theme: Theme = 'default'): string {
  return theme === 'dark' ? '#333333' : 'white';
}

export function mermaidConfig(theme: Theme = 'default'): Record<string, unknown> {
  return {
    theme,
    securityLevel: 'strict',
    startOnLoad: false,
    maxTextSize: 500_000,
    maxEdges: 2000,
    flowchart: { htmlLabels: true, curve: 'basis', padding: 12 },
    ...(LAYOUT === 'elk' ? { layout: 'elk', elk: { mergeEdges: false, nodePlacementStrategy: 'BRANDES_KOEPF' } } : {}),
  };
}

export async function launchBrowser(launcher: Launcher = (o) => puppeteer.launch(o), env: Record<string, string | undefined> = process.env): Promise<Browser> {
  const found = findBrowser(env, undefined, () => puppeteer.executablePath());
  return launcher({ executablePath: found.path, headless: true, pipe: true, args: [...CHROME_ARGS], timeout: 60_000 });
}

async function answerModule(req: HTTPRequest, dists: { mermaid: string; elk: string }): Promise<void> {
  if (req.isInterceptResolutionHandled()) return;
  const url = new URL(req.url());
  if (url.origin !== MODULE_ORIGIN || !url.pathname.endsWith('.mjs')) {
    await req.abort('blockedbyclient');
    return;
  }
  const elk = url.pathname.startsWith('/elk/');
  const dist = elk ? dists.elk : dists.mermaid;
  try {
    const file = await realpath(join(dist, decodeURIComponent(elk ? url.pathname.slice(4) : url.pathname)));
    if (!file.startsWith(dist + sep)) throw new Error('outside mermaid/dist');
    await req.respond({ status: 200, contentType: 'application/javascript', headers: { 'Access-Control-Allow-Origin': '*' }, body: await readFile(file) });
  } catch {
    await req.respond({ status: 404, body: '' });
  }
}

class PreparedPage {
  private constructor(private readonly page: Page, private readonly bg: string) {}

  static async open(browser: Browser, theme: Theme | undefined, dist: { mermaid: string; elk: string }): Promise<PreparedPage> {
    const page = await browser.newPage();
    await page.setViewport(VIEWPORT);
    await page.setRequestInterception(true);
    page.on('request', (req: HTTPRequest) => void answerModule(req, dist));
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0;background:${background(theme)}"><div id="container"></div></body></html>`);
    // A string, not a function: bundlers and test runners rewrite import() inside functions.
    await page.evaluate(`Promise.all([import(${JSON.stringify(`${MODULE_ORIGIN}/mermaid.esm.min.mjs`)}), import(${JSON.stringify(`${MODULE_ORIGIN}/elk/mermaid-layout-elk.esm.min.mjs`)})]).then(([m, elk]) => {
      globalThis.mermaid = m.default;
      m.default.registerLayoutLoaders(elk.default);
      m.default.initialize(${JSON.stringify(mermaidConfig(theme))});
    })`);
    return new PreparedPage(page, background(theme));
  }

  async render(definition: string, format: RenderFormat): Promise<Uint8Array> {
    const { page } = this;
    const svg = await page.evaluate(async (def: string, id: string, bg: string) => {
      const doc = (globalThis as unknown as { document: { getElementById(id: string): { innerHTML: string; querySelector(s: string): unknown } } }).document;
      const m = (globalThis as unknown as { mermaid: { render(id: string, def: string): Promise<{ svg: string }> } }).mermaid;
      const container = doc.getElementById('container');
      container.innerHTML = '';
      const { svg: text } = await m.render(id, def);
      container.innerHTML = text;
      const el = container.querySelector('svg') as { style: { backgroundColor: string } };
      el.style.backgroundColor = bg;
      // XMLSerializer turns HTML labels (<br>) into well-formed XML.
      return new (globalThis as unknown as { XMLSerializer: new () => { serializeToString(n: unknown): string } }).XMLSerializer().serializeToString(el);
    }, definition, SVG_ID, this.bg);
    if (format === 'svg') return new TextEncoder().encode(compactSvg(svg));
    const clip = await page.$eval('#container svg', (el) => {
      // Runs in the page: DOM types are not in this program's lib.
      const r = (el as unknown as { getBoundingClientRect(): { left: number; top: number; width: number; height: number } }).getBoundingClientRect();
      return { x: Math.floor(r.left), y: Math.floor(r.top), width: Math.ceil(r.width), height: Math.ceil(r.height) };
    });
    if (format === 'png') {
      await page.setViewport({ ...VIEWPORT, width: Math.max(VIEWPORT.width, clip.x + clip.width), height: Math.max(VIEWPORT.height, clip.y + clip.height) });
      const png = await page.screenshot({ clip, type: 'png' });
      await page.setViewport(VIEWPORT);
      return png;
    }
    return page.pdf({ width: `${clip.width + clip.x * 2}px`, height: `${clip.height + clip.y * 2}px`, pageRanges: '1-1', printBackground: true });
  }
}

/**
 * Opens a renderer: launches one browser (throws BrowserNotFoundError when there is none) and, for
 * more than one diagram, prepares pages as they are needed. Always close() it.
 */
export async function openRenderer(opts: RendererOptions): Promise<Renderer> {
  const stats: RenderStats = { launches: 0, pages: 0, diagrams: 0 };
  const launcher = opts.launcher ?? ((o: LaunchOptions) => puppeteer.launch(o));
  const browser = await launchBrowser(async (o) => {
    stats.launches++;
    return launcher(o);
  }, opts.env);
  const path: RenderPath = opts.expected > 1 ? 'prepared-page' : 'mermaid-cli';
  const size = path === 'mermaid-cli' ? 1 : Math.max(1, Math.min(opts.pages ?? Math.min(availableParallelism(), 4), opts.expected));
  const idle: PreparedPage[] = [];
  const waiting: { resolve: (p: PreparedPage) => void; reject: (e: unknown) => void }[] = [];
  let open = 0;
  let dist: Promise<{ mermaid: string; elk: string }> | undefined;
  const acquire = async (): Promise<PreparedPage> => {
    const free = idle.pop();
    if (free) return free;
    if (open < size) {
      open++;
      stats.pages++;
      try {
        dist ??= Promise.all([mermaidDist(), elkDist()]).then(([mermaid, elk]) => ({ mermaid, elk }));
        return await PreparedPage.open(browser, opts.theme, await dist);
      } catch (e) {
        // A page that could not be prepared frees its slot; whoever waits for one fails too.
        open--;
        for (const w of waiting.splice(0)) w.reject(e);
        throw e;
      }
    }
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };
  const release = (p: PreparedPage) => {
    const next = waiting.shift();
    if (next) next.resolve(p);
    else idle.push(p);
  };
  return {
    path,
    stats,
    concurrency: size,
    async render(definition, format) {
      stats.diagrams++;
      if (path === 'mermaid-cli') {
        stats.pages++;
        const { data } = await renderMermaid(browser, definition, format, {
          mermaidConfig: mermaidConfig(opts.theme),
          viewport: VIEWPORT,
          backgroundColor: background(opts.theme),
          svgId: SVG_ID,
          pdfFit: true,
        });
        return format === 'svg' ? new TextEncoder().encode(compactSvg(new TextDecoder().decode(data))) : data;
      }
      const page = await acquire();
      try {
        return await page.render(definition, format);
      } finally {
        release(page);
      }
    },
    async close() {
      await browser.close();
    },
  };
}
