// Rendering for real: mermaid-cli and the prepared pages in a headless Chromium (CI installs it).
// Every component label reaches the SVG, hostile names stay text, and many files share one browser.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import puppeteer, { type LaunchOptions } from 'puppeteer';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { runDiagram } from '../../src/cli/diagram.js';
import { BrowserNotFoundError, findBrowser, INSTALL_HINT, SYSTEM_BROWSERS } from '../../src/diagrams/browser.js';
import { designGraph } from '../../src/diagrams/graph.js';
import { designToMermaid } from '../../src/diagrams/mermaid.js';
import { openRenderer } from '../../src/diagrams/render.js';
import { loadSpecFile } from '../../src/specfile/load.js';
import { RENDER } from './browser-available.js';
import { HOSTILE_IDS, hostileDesign } from './hostile.js';


function model(file: string) {
  const r = loadSpecFile(file);
  if (!r.ok) throw new Error(file);
  return { model: r.loaded.model, metrics: analyse(r.loaded.model) };
}

/** Label texts as they appear in the serialised SVG (HTML labels: `<p>orders-db<br />...`). */
function labelTexts(svg: string): string[] {
  return [...svg.matchAll(/<p>(.*?)<\/p>/g)].map((m) => m[1]!.replace(/<br\s*\/?>/g, '\n'));
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

describe('findBrowser', () => {
  const none = () => false;
  it('takes PUPPETEER_EXECUTABLE_PATH first', () => {
    expect(findBrowser({ PUPPETEER_EXECUTABLE_PATH: '/opt/chrome' }, (p) => p === '/opt/chrome' || p === '/usr/bin/chromium')).toEqual({ path: '/opt/chrome', source: 'PUPPETEER_EXECUTABLE_PATH' });
  });
  it('says so when PUPPETEER_EXECUTABLE_PATH points nowhere', () => {
    expect(() => findBrowser({ PUPPETEER_EXECUTABLE_PATH: '/nope' }, (p) => p === '/usr/bin/chromium')).toThrow(/PUPPETEER_EXECUTABLE_PATH is set to \/nope/);
  });
  it('then the system paths in order', () => {
    // Each path is found when it exists, and wins over every path listed after it.
    SYSTEM_BROWSERS.forEach((p, i) => {
      const later = new Set(SYSTEM_BROWSERS.slice(i));
      expect(findBrowser({}, (q) => later.has(q as (typeof SYSTEM_BROWSERS)[number])).path).toBe(p);
    });
  });
  it("then puppeteer's own download", () => {
    expect(findBrowser({}, (p) => p === '/cache/chrome', () => '/cache/chrome')).toEqual({ path: '/cache/chrome', source: 'puppeteer' });
  });
  it('otherwise explains how to install Chromium', () => {
    expect(() => findBrowser({}, none, () => { throw new Error('no download'); })).toThrow(BrowserNotFoundError);
    expect(INSTALL_HINT).toMatch(/apt-get install chromium/);
    expect(INSTALL_HINT).toMatch(/--format mmd/);
  });
});

describe.runIf(RENDER)('rendering in Chromium', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('mermaid-cli path: the SVG holds every component label, in every region', async () => {
    const { model: m, metrics } = model('examples/orders-cqrs.yaml');
    const renderer = await openRenderer({ expected: 1 });
    try {
      expect(renderer.path).toBe('mermaid-cli');
      const svg = new TextDecoder().decode(await renderer.render(designToMermaid(m, metrics), 'svg'));
      expect(svg).toMatch(/^<svg[^>]*id="sdcoach-diagram"/);
      const labels = labelTexts(svg);
      const graph = designGraph(m, metrics);
      for (const node of graph.nodes.values()) expect(labels, node.lines.join(' / ')).toContain(node.lines.join('\n'));
      expect(svg).toContain('Orders with CQRS');
    } finally {
      await renderer.close();
    }
  }, 120_000);

  it('prepared pages: hostile names stay text, nothing is injected or lost', async () => {
    const { model: m, metrics } = hostileDesign();
    const renderer = await openRenderer({ expected: 3 });
    try {
      expect(renderer.path).toBe('prepared-page');
      const svg = new TextDecoder().decode(await renderer.render(designToMermaid(m, metrics), 'svg'));
      const graph = designGraph(m, metrics);
      expect(svg.match(/class="node /g)).toHaveLength(graph.nodes.size);
      const labels = labelTexts(svg).map(decode);
      for (const id of Object.values(HOSTILE_IDS)) {
        const shown = id.replace(/[\n\r]/g, ' ').replace(/[\u200b\u202e]/g, '');
        expect(labels.some((l) => l.startsWith(`${shown}\n`)), `label for ${JSON.stringify(id)}`).toBe(true);
      }
      // No element other than mermaid's own: no img, script, handler or javascript: link.
      expect(svg).not.toMatch(/<(img|script|iframe|a)\b/i);
      expect(svg).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
      expect(svg).not.toMatch(/javascript:/i);
      // The injected theme directive did not apply: default theme colours are there.
      expect(svg).toContain('#ECECFF');
      // The same page renders the next diagram, and PNG and PDF too.
      const png = await renderer.render(designToMermaid(m, metrics, { flow: HOSTILE_IDS.click }), 'png');
      expect([...png.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      const pdf = await renderer.render(designToMermaid(m, metrics), 'pdf');
      expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
      expect(renderer.stats).toMatchObject({ launches: 1, diagrams: 3 });
    } finally {
      await renderer.close();
    }
  }, 120_000);

  it('a Chromium killed under the renderer: relaunched, the diagram drawn in the new one', async () => {
    // The first browser's process is killed as soon as it starts (a crash): the first draw finds it gone.
    const killed: (number | undefined)[] = [];
    const launcher = async (o: LaunchOptions) => {
      const b = await puppeteer.launch(o);
      if (!killed.length) {
        killed.push(b.process()?.pid);
        b.process()?.kill('SIGKILL');
      }
      return b;
    };
    const { model: m, metrics } = model('examples/orders-cqrs.yaml');
    const renderer = await openRenderer({ expected: 1, launcher });
    try {
      const svg = new TextDecoder().decode(await renderer.render(designToMermaid(m, metrics), 'svg'));
      expect(svg).toMatch(/^<svg[^>]*id="sdcoach-diagram"/);
      expect(svg).toContain('Orders with CQRS');
      expect(renderer.stats).toMatchObject({ launches: 2, diagrams: 1 });
      expect(killed[0]).toBeGreaterThan(0);
    } finally {
      await renderer.close();
    }
  }, 120_000);

  it('--format svg on 10 files launches one browser', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdcoach-render-'));
    dirs.push(dir);
    const examples = readdirSync('examples').filter((f) => f.endsWith('.yaml') && f !== 'large-platform.yaml').map((f) => `examples/${f}`);
    const specs = Array.from({ length: 10 }, (_, i) => examples[i % examples.length]!);
    let launches = 0;
    const launcher = async (o: LaunchOptions) => {
      launches++;
      return puppeteer.launch(o);
    };
    const err = new PassThrough();
    let stderr = '';
    err.on('data', (c) => (stderr += String(c)));
    const code = await runDiagram(specs, { output: `${dir}/`, format: 'svg' }, { out: new PassThrough(), err, launcher, env: { ...process.env, SDCOACH_DEBUG_RENDER: '1' } });
    expect(code, stderr).toBe(0);
    expect(launches).toBe(1);
    expect(stderr).toMatch(/launches=1 pages=\d diagrams=10 path=prepared-page/);
    const written = readdirSync(dir).sort();
    expect(written).toHaveLength(10); // same-named specs get -2, -3 ...
    for (const f of written) {
      const svg = readFileSync(join(dir, f), 'utf8');
      const spec = `examples/${f.replace(/(-\d+)?\.svg$/, '')}.yaml`;
      const { model: m } = model(spec);
      const labels = labelTexts(svg).map((l) => l.split('\n')[0]);
      for (const id of m.componentOrder) expect(labels, `${f}: ${id}`).toContain(id);
    }
  }, 180_000);
});
