// Rendering mermaid source to SVG, PNG or PDF in ONE headless Chromium per call. Loaded lazily, only
// by commands that render (it pulls in puppeteer and mermaid-cli).
//
// Two paths, one browser:
// - one diagram: @mermaid-js/mermaid-cli's renderMermaid(browser, ...), exactly what `mmdc` does
//   (its page set-up, its PNG clipping, its fitted PDF);
// - two or more: a prepared page. mermaid-cli opens and prepares a fresh page per diagram (~1 s
//   each); here mermaid is loaded once into one page and each diagram is one mermaid.render call
//   on it (~0.1 s), then serialised, screenshotted or printed.
import { renderMermaid } from '@mermaid-js/mermaid-cli';
import { createRequire } from 'node:module';
import puppeteer, { type Browser, type LaunchOptions, type Page } from 'puppeteer';
import { CHROME_ARGS, findBrowser } from './browser.js';
import type { Theme } from './mermaid.js';

export type RenderFormat = 'svg' | 'png' | 'pdf';
export type RenderPath = 'mermaid-cli' | 'prepared-page';
export type Launcher = (options: LaunchOptions) => Promise<Browser>;

export interface RendererOptions {
  theme?: Theme;
  /** How many diagrams this renderer will draw: 1 takes the mermaid-cli path, more the prepared page. */
  expected: number;
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
  render(definition: string, format: RenderFormat): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** The same mermaid the mermaid-cli package renders with (its own dependency). */
function mermaidBundle(): string {
  const require = createRequire(import.meta.url);
  const fromCli = createRequire(require.resolve('@mermaid-js/mermaid-cli'));
  return fromCli.resolve('mermaid/dist/mermaid.min.js');
}

/** A wide viewport, so a large diagram is drawn at its natural size instead of squeezed. */
const VIEWPORT = { width: 4096, height: 1024, deviceScaleFactor: 1 };
const SVG_ID = 'sdcoach-diagram';

export function mermaidConfig(theme: Theme = 'default'): Record<string, unknown> {
  return {
    theme,
    securityLevel: 'strict',
    startOnLoad: false,
    maxTextSize: 500_000,
    maxEdges: 2000,
    flowchart: { htmlLabels: true, curve: 'basis', padding: 12 },
  };
}

export async function launchBrowser(launcher: Launcher = (o) => puppeteer.launch(o), env: Record<string, string | undefined> = process.env): Promise<Browser> {
  const found = findBrowser(env, undefined, () => puppeteer.executablePath());
  return launcher({ executablePath: found.path, headless: true, pipe: true, args: [...CHROME_ARGS], timeout: 60_000 });
}

class PreparedPage {
  private constructor(private readonly page: Page) {}

  static async open(browser: Browser, theme: Theme | undefined): Promise<PreparedPage> {
    const page = await browser.newPage();
    await page.setViewport(VIEWPORT);
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0;background:white"><div id="container"></div></body></html>');
    await page.addScriptTag({ path: mermaidBundle() });
    await page.evaluate((config) => {
      (globalThis as unknown as { mermaid: { initialize(c: unknown): void } }).mermaid.initialize(config);
    }, mermaidConfig(theme));
    return new PreparedPage(page);
  }

  async render(definition: string, format: RenderFormat): Promise<Uint8Array> {
    const { page } = this;
    const svg = await page.evaluate(async (def: string, id: string) => {
      const doc = (globalThis as unknown as { document: { getElementById(id: string): { innerHTML: string; querySelector(s: string): unknown } } }).document;
      const m = (globalThis as unknown as { mermaid: { render(id: string, def: string): Promise<{ svg: string }> } }).mermaid;
      const container = doc.getElementById('container');
      container.innerHTML = '';
      const { svg: text } = await m.render(id, def);
      container.innerHTML = text;
      const el = container.querySelector('svg') as { style: { backgroundColor: string } };
      el.style.backgroundColor = 'white';
      // XMLSerializer turns HTML labels (<br>) into well-formed XML.
      return new (globalThis as unknown as { XMLSerializer: new () => { serializeToString(n: unknown): string } }).XMLSerializer().serializeToString(el);
    }, definition, SVG_ID);
    if (format === 'svg') return new TextEncoder().encode(svg);
    const clip = await page.$eval('#container svg', (el) => {
      const r = el.getBoundingClientRect();
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
 * more than one diagram, prepares one page. Always close() it.
 */
export async function openRenderer(opts: RendererOptions): Promise<Renderer> {
  const stats: RenderStats = { launches: 0, pages: 0, diagrams: 0 };
  const launcher = opts.launcher ?? ((o: LaunchOptions) => puppeteer.launch(o));
  const browser = await launchBrowser(async (o) => {
    stats.launches++;
    return launcher(o);
  }, opts.env);
  const path: RenderPath = opts.expected > 1 ? 'prepared-page' : 'mermaid-cli';
  let prepared: PreparedPage | undefined;
  return {
    path,
    stats,
    async render(definition, format) {
      stats.diagrams++;
      if (path === 'mermaid-cli') {
        stats.pages++;
        const { data } = await renderMermaid(browser, definition, format, {
          mermaidConfig: mermaidConfig(opts.theme) as never,
          viewport: VIEWPORT,
          backgroundColor: 'white',
          svgId: SVG_ID,
          pdfFit: true,
        });
        return data;
      }
      if (!prepared) {
        stats.pages++;
        prepared = await PreparedPage.open(browser, opts.theme);
      }
      return prepared.render(definition, format);
    },
    async close() {
      await browser.close();
    },
  };
}
