// Rendering mermaid source to SVG, PNG or PDF in ONE headless Chromium per call. Loaded lazily, only
// by commands that render (it pulls in puppeteer and mermaid-cli).
//
// Two paths, one browser:
// - one diagram: @mermaid-js/mermaid-cli's renderMermaid(browser, ...), exactly what `mmdc` does
//   (its page set-up, its PNG clipping, its fitted PDF);
// - two or more: prepared pages. mermaid-cli opens and prepares a fresh page per diagram (~1 s
//   each); here mermaid is loaded once into a page (its ES module build, so only the flowchart
//   chunks are parsed) and each diagram is one mermaid.render call on it, then serialised,
//   screenshotted or printed. A small pool (one page per two cores, at most 4: defaultPages) renders in parallel.
//
// A hung or crashed browser fails fast and is replaced: every step (a launch, a page prepared, one
// diagram drawn) has RENDER_TIMEOUT_MS; on a timeout or a lost browser the browser is killed, a new one
// launched (its steps get twice as long, in case the machine was only slow), and the diagram drawn again
// once before RenderUnavailableError says why.
import { renderMermaid } from '@mermaid-js/mermaid-cli';
import { readFile, realpath } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join, sep } from 'node:path';
import puppeteer, {
  ConnectionClosedError,
  ProtocolError,
  TimeoutError,
  type Browser,
  type HTTPRequest,
  type LaunchOptions,
  type Page,
} from 'puppeteer';
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
  /** Prepared pages at most (default: defaultPages(), never more than `expected`). */
  pages?: number;
  /** Launches the browser (tests inject a counting one). */
  launcher?: Launcher;
  env?: Record<string, string | undefined>;
  /** How long one step may take before the browser counts as hung (default RENDER_TIMEOUT_MS; tests pass a few ms). */
  timeoutMs?: number;
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

/**
 * How many prepared pages draw at once by default: one per two cores, at least one, at most four. One page
 * keeps more than a core busy (its renderer's main thread, plus the threads V8 and Blink run beside it:
 * 13 s of CPU in 10 s of wall time over 20 diagrams), and the browser process and Node need some too; a
 * page per core left a 2-core machine oversubscribed: 20 diagrams took 11.0-11.7 s in two pages and
 * 8.5-8.8 s in one (examples/orders-cqrs.yaml, ELK layout, interleaved runs).
 */
export function defaultPages(cores: number = availableParallelism()): number {
  return Math.max(1, Math.min(4, Math.floor(cores / 2)));
}

/**
 * How long one browser step may take (launching Chromium, preparing a page, drawing one diagram) before
 * the browser counts as hung. A diagram normally draws in 0.5-2 s and ELK lays out a large design
 * (examples/large-platform.yaml) in about 5 s: 30 s is six times the slowest. A machine far busier than
 * that (load 8 on 2 cores drew large-platform in 29-34 s) gets its second chance: the replacement
 * browser's steps get twice as long, 60 s. Puppeteer's default, 180 s per protocol call, let one hung call
 * (or a Browser.close that never answered) stall a CI run for three minutes; now a hang costs about 35 s.
 */
export const RENDER_TIMEOUT_MS = 30_000;
/** A browser being replaced or closed gets this long to exit on its own (it normally takes well under 1 s) before it is killed. */
const CLOSE_MS = 5_000;

export async function launchBrowser(
  launcher: Launcher = (o) => puppeteer.launch(o),
  env: Record<string, string | undefined> = process.env,
  timeoutMs: number = RENDER_TIMEOUT_MS,
): Promise<Browser> {
  const found = findBrowser(env, undefined, () => puppeteer.executablePath());
  return launcher({ executablePath: found.path, headless: true, pipe: true, args: [...CHROME_ARGS], timeout: timeoutMs, protocolTimeout: timeoutMs });
}

/** The browser hung or went away while drawing a diagram, and again after it was replaced. */
export class RenderUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderUnavailableError';
  }
}

/** A step that took longer than the renderer's timeout. */
class StepTimeout extends Error {}

/** The session a draw waited on was replaced meanwhile: draw again on the new browser (not a failure of its own). */
class Retired extends Error {}

/** A draw failed because its browser did (`cause`); the browser is being replaced. */
class BrowserFailed extends Error {}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(3))} s`;

/** `work`, or StepTimeout once `ms` have passed (the work is left to fail when its browser is killed). */
async function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepTimeout(`${what} took longer than ${seconds(ms)}`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

const timedOut = (e: unknown) => e instanceof StepTimeout || e instanceof TimeoutError || (e instanceof ProtocolError && /timed out/.test(e.message));

/**
 * Whether `e` says the browser, not the diagram, failed: a step timed out, or the browser or its page went
 * away (puppeteer's TargetCloseError, "Target closed" or "Session closed", is a ProtocolError).
 */
function browserTrouble(e: unknown, browser: Browser): boolean {
  return timedOut(e) || e instanceof ConnectionClosedError || (e instanceof ProtocolError && /closed/i.test(e.message)) || !browser.connected;
}

/**
 * Closes a browser, giving it CLOSE_MS (at most its step bound) to exit before its process is killed; a
 * browser that hung or crashed (`failed`) is killed first, as waiting for it would be waiting for nothing.
 */
async function retire(browser: Browser, bound: number, failed: boolean): Promise<void> {
  const proc = browser.process();
  const running = () => proc !== null && proc.exitCode === null && proc.signalCode === null;
  if (failed && running()) proc!.kill('SIGKILL');
  try {
    await within(browser.close(), Math.min(bound, CLOSE_MS), 'closing the browser');
  } catch {
    // Hung or already gone: killed below.
  }
  if (running()) proc!.kill('SIGKILL');
}

/** One launched browser and the prepared pages open in it. */
interface Session {
  browser: Browser;
  /** How long each of its steps may take. */
  bound: number;
  idle: PreparedPage[];
  open: number;
  retired: boolean;
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
  const timeout = opts.timeoutMs ?? RENDER_TIMEOUT_MS;
  const launcher = opts.launcher ?? ((o: LaunchOptions) => puppeteer.launch(o));
  const launch = async (bound: number): Promise<Session> => ({
    browser: await launchBrowser(
      async (o) => {
        stats.launches++;
        return launcher(o);
      },
      opts.env,
      bound,
    ),
    bound,
    idle: [],
    open: 0,
    retired: false,
  });
  // The browser diagrams are drawn in now; a rejected promise once a replacement could not be launched.
  let session: Promise<Session> = Promise.resolve(await launch(timeout));
  const retiring: Promise<void>[] = [];
  const path: RenderPath = opts.expected > 1 ? 'prepared-page' : 'mermaid-cli';
  const size = path === 'mermaid-cli' ? 1 : Math.max(1, Math.min(opts.pages ?? defaultPages(), opts.expected));
  const waiting: (() => void)[] = [];
  const wake = () => waiting.shift()?.();
  let dist: Promise<{ mermaid: string; elk: string }> | undefined;

  /**
   * Kills `failed` and launches its replacement (once, however many draws saw it fail); or, when the
   * browser failed again after a restart (`lost`), launches none: every draw from then on fails with `lost`.
   */
  const replace = (failed: Session, lost?: RenderUnavailableError): void => {
    failed.retired = true;
    const gone = retire(failed.browser, failed.bound, true);
    retiring.push(gone);
    session = lost
      ? Promise.reject(lost)
      : gone.then(() => launch(2 * timeout)).catch((e: unknown) => {
          throw new RenderUnavailableError(`the browser failed and could not be started again: ${(e as Error).message.split('\n')[0]}`);
        });
    session.catch(() => undefined);
    // Draws waiting for a page of the old browser go on with the new one.
    for (const w of waiting.splice(0)) w();
  };

  const acquire = async (s: Session): Promise<PreparedPage> => {
    for (;;) {
      if (s.retired) throw new Retired();
      const free = s.idle.pop();
      if (free) return free;
      if (s.open < size) {
        s.open++;
        stats.pages++;
        try {
          dist ??= Promise.all([mermaidDist(), elkDist()]).then(([mermaid, elk]) => ({ mermaid, elk }));
          return await within(PreparedPage.open(s.browser, opts.theme, await dist), s.bound, 'preparing a page');
        } catch (e) {
          // A page that could not be prepared frees its slot for whoever waits.
          s.open--;
          wake();
          throw e;
        }
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };
  const release = (s: Session, p: PreparedPage) => {
    if (!s.retired) s.idle.push(p);
    wake();
  };

  /**
   * One attempt at a diagram in session `s`. A browser failure retires `s` (Retired when another draw already
   * did) and throws BrowserFailed, or on the `last` attempt the RenderUnavailableError that ends the renderer.
   */
  const draw = async (s: Session, definition: string, format: RenderFormat, last: boolean): Promise<Uint8Array> => {
    const failed = (e: unknown): never => {
      if (!browserTrouble(e, s.browser)) throw e;
      if (s.retired) throw new Retired();
      if (!last) {
        replace(s);
        throw new BrowserFailed((e as Error).message, { cause: e });
      }
      const lost = new RenderUnavailableError(
        timedOut(e)
          ? `the browser did not answer within ${seconds(s.bound)}, even after a restart`
          : 'the browser closed unexpectedly (it crashed or was killed), even after a restart',
      );
      replace(s, lost);
      throw lost;
    };
    if (path === 'mermaid-cli') {
      stats.pages++;
      try {
        const { data } = await within(
          renderMermaid(s.browser, definition, format, {
            mermaidConfig: mermaidConfig(opts.theme),
            viewport: VIEWPORT,
            backgroundColor: background(opts.theme),
            svgId: SVG_ID,
            pdfFit: true,
          }),
          s.bound,
          'drawing the diagram',
        );
        return format === 'svg' ? new TextEncoder().encode(compactSvg(new TextDecoder().decode(data))) : data;
      } catch (e) {
        return failed(e);
      }
    }
    let page: PreparedPage;
    try {
      page = await acquire(s);
    } catch (e) {
      return failed(e);
    }
    try {
      return await within(page.render(definition, format), s.bound, 'drawing the diagram');
    } catch (e) {
      return failed(e);
    } finally {
      release(s, page);
    }
  };

  return {
    path,
    stats,
    concurrency: size,
    async render(definition, format) {
      stats.diagrams++;
      let failures = 0;
      for (;;) {
        const s = await session;
        try {
          return await draw(s, definition, format, failures > 0);
        } catch (e) {
          if (e instanceof Retired) continue;
          if (!(e instanceof BrowserFailed)) throw e;
          failures++;
        }
      }
    },
    async close() {
      const s = await session.catch(() => undefined);
      if (s && !s.retired) await retire(s.browser, s.bound, false);
      await Promise.all(retiring);
    },
  };
}
