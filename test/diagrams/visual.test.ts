// Rendered references looked at as images: three reference designs drawn to PNG (sane sizes, the
// shape of their SVG), and their HTML reports laid out in Chromium at 1280 px: nothing scrolls
// sideways, every node (the failing ones included) is inside the page, and no edge label sits on
// another label or on a region's title (what dagre did before the ELK layout).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDER } from './browser-available.js';
import { fittedSvg } from '../../src/diagrams/html.js';
import { launchBrowser } from '../../src/diagrams/render.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'sdcoach.js');


const REFERENCES = ['order-history/solutions/stage-2.yaml', 'global-feed/solutions/stage-3.yaml', 'checkout-bulkhead/solutions/stage-3.yaml'];

/** Width and height from a PNG's IHDR chunk (bytes 16-23, big-endian). */
function pngSize(buf: Buffer): { width: number; height: number } {
  expect(buf.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

interface Box { x: number; y: number; w: number; h: number; text: string }
const overlap = (a: Box, b: Box) => a.x < b.x + b.w - 1 && b.x < a.x + a.w - 1 && a.y < b.y + b.h - 1 && b.y < a.y + a.h - 1;

describe.skipIf(!RENDER)('reference diagrams as images', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sdcoach-visual-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('draws three references to PNG at the size of their drawing', () => {
    const specs = REFERENCES.map((r) => join(ROOT, 'problems', r));
    const png = spawnSync(process.execPath, [BIN, 'diagram', ...specs, '-o', join(dir, 'png'), '--format', 'png'], { encoding: 'utf8', timeout: 180_000 });
    expect(png.status, png.stderr).toBe(0);
    const svg = spawnSync(process.execPath, [BIN, 'diagram', ...specs, '-o', join(dir, 'svg'), '--format', 'svg'], { encoding: 'utf8', timeout: 180_000 });
    expect(svg.status, svg.stderr).toBe(0);
    const pngs = spawnSync('ls', [join(dir, 'png')], { encoding: 'utf8' }).stdout.trim().split('\n');
    expect(pngs).toHaveLength(3);
    for (const f of pngs) {
      const { width, height } = pngSize(readFileSync(join(dir, 'png', f)));
      // A real drawing, not an empty or default-sized (300 x 150) box.
      expect(width, f).toBeGreaterThan(600);
      expect(height, f).toBeGreaterThan(250);
      // Its proportions are those of the SVG's viewBox (the PNG is the same drawing, unclipped).
      const text = readFileSync(join(dir, 'svg', f.replace(/\.png$/, '.svg')), 'utf8');
      const [, , vw, vh] = /viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/.exec(text)!.slice(1).map(Number) as [number, number, number, number];
      expect(width / height, f).toBeCloseTo(vw / vh, 1);
    }
  }, 400_000);

  it('HTML reports at 1280 px: fitted, every node in view, no label on a label or a region title', async () => {
    // The references' SVGs (drawn by the test above) in the report's page, and one real report of a failing design.
    const failing = join(dir, 'report-failing.html');
    const r = spawnSync(process.execPath, [BIN, 'report', join(ROOT, 'problems', 'global-feed', 'starter.yaml'), '--problem', 'global-feed', '--stage', '1', '-o', failing], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(1);
    const html = readFileSync(failing, 'utf8');
    const cases = REFERENCES.map((ref, i) => {
      // diagram -o <folder> names files after the spec and numbers repeats: stage-2, stage-3, stage-3-2.
      const svg = readFileSync(join(dir, 'svg', `${['stage-2', 'stage-3', 'stage-3-2'][i]}.svg`), 'utf8');
      return { name: ref, html: html.replace(/<div class="diagram">[\s\S]*?<\/svg><\/div>/, () => `<div class="diagram">${fittedSvg(svg).svg}</div>`), failing: false };
    });
    cases.push({ name: 'global-feed/starter.yaml (stage 1, failing)', html, failing: true });
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 900 });
      for (const c of cases) {
        await page.setContent(c.html);
        const seen = await page.evaluate(() => {
          const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number }; querySelectorAll(s: string): ArrayLike<{ getBoundingClientRect(): { x: number; y: number; width: number; height: number }; textContent: string | null; classList: { contains(c: string): boolean } }> } }).document;
          const boxes = (sel: string) => Array.from(d.querySelectorAll(sel)).map((e) => {
            const b = e.getBoundingClientRect();
            return { x: b.x, y: b.y, w: b.width, h: b.height, text: (e.textContent ?? '').trim(), fail: e.classList.contains('fail') };
          });
          return { scrollWidth: d.documentElement.scrollWidth, nodes: boxes('.diagram g.node'), labels: boxes('.diagram g.edgeLabel').filter((b) => b.text && b.w > 0), titles: boxes('.diagram g.cluster-label').filter((b) => b.text) };
        });
        const name = c.name;
        expect(seen.scrollWidth, name).toBeLessThanOrEqual(1280);
        expect(seen.nodes.length, name).toBeGreaterThan(3);
        for (const n of seen.nodes) {
          expect(n.x, `${name}: ${n.text}`).toBeGreaterThanOrEqual(0);
          expect(n.x + n.w, `${name}: ${n.text}`).toBeLessThanOrEqual(1280);
        }
        if (c.failing) expect(seen.nodes.filter((n) => n.fail).length, name).toBeGreaterThan(0);
        const clashes: string[] = [];
        seen.labels.forEach((a, j) => {
          for (const b of seen.labels.slice(j + 1)) if (overlap(a, b)) clashes.push(`"${a.text}" on "${b.text}"`);
          for (const t of seen.titles) if (overlap(a, t)) clashes.push(`"${a.text}" on region title "${t.text}"`);
        });
        expect(clashes, name).toEqual([]);
      }
    } finally {
      await browser.close();
    }
  }, 600_000);
});
