// `sdcoach diagram`, `sdcoach report` and `grade --format markdown` as a learner runs them: child
// processes on real files. Rendering cases need Chromium (CI installs it); the rest need none.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/diagrams/browser.js';
import { expectNoStackTrace, sdcoach } from './run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'sdcoach-diagram-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const HOSTILE = 'test/diagrams/fixtures/hostile-names.yaml';
const RENDER = (() => {
  try {
    findBrowser();
    return true;
  } catch {
    return Boolean(process.env.CI);
  }
})();

describe('sdcoach diagram (no browser needed)', () => {
  it('prints mermaid source by default', () => {
    const r = sdcoach(['diagram', 'examples/orders-cqrs.yaml']);
    expect(r.status, r.all).toBe(0);
    expect(r.stdout).toMatch(/^---\ntitle: "Orders with CQRS"\n---\nflowchart LR\n/);
    expect(r.stdout).toContain('subgraph r_us_east["us-east"]');
  });

  it('--format md wraps it in a mermaid block; with --grade it is the Markdown report', () => {
    const plain = sdcoach(['diagram', 'examples/orders-cqrs.yaml', '--format', 'md']);
    expect(plain.status, plain.all).toBe(0);
    expect(plain.stdout).toMatch(/^### Orders with CQRS\n\n```mermaid\n---\n/);
    const graded = sdcoach(['diagram', 'examples/payments-failover.yaml', '--format', 'md', '--grade']);
    expect(graded.status, graded.all).toBe(0);
    expect(graded.stdout).toContain('**Score');
    expect(graded.stdout).toMatch(/```mermaid\n[\s\S]*✗ bulkhead\/isolated-pools[\s\S]*```\n$/);
  });

  it('writes one file per spec into a folder, never over a spec', () => {
    const dir = join(tmp, 'mmd');
    const r = sdcoach(['diagram', 'examples/orders-cqrs.yaml', 'examples/global-feed.yaml', '-o', dir]);
    expect(r.status, r.all).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['global-feed.mmd', 'orders-cqrs.mmd']);
    const copy = join(tmp, 'mine.yaml');
    writeFileSync(copy, readFileSync('examples/orders-cqrs.yaml'));
    const over = sdcoach(['diagram', copy, '-o', copy, '--format', 'mmd']);
    expect(over.status).toBe(2);
    expect(over.stderr).toContain('refusing to write over the spec');
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync('examples/orders-cqrs.yaml', 'utf8'));
  });

  it('--ascii fits --width and needs no browser', () => {
    const r = sdcoach(['diagram', 'examples/orders-cqrs.yaml', '--ascii', '--width', '60', '--grade'], {
      env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' },
    });
    expect(r.status, r.all).toBe(0);
    expect(r.stdout).toContain('╭─ us-east · users 60%');
    for (const line of r.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(60);
  });

  it('--flow draws one flow, and suggests a name when it is misspelt', () => {
    const ok = sdcoach(['diagram', 'examples/orders-cqrs.yaml', '--flow', 'create-order', '--ascii']);
    expect(ok.status, ok.all).toBe(0);
    expect(ok.stdout).toContain('from eu-west:');
    const bad = sdcoach(['diagram', 'examples/orders-cqrs.yaml', '--flow', 'create-ordr']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('no flow "create-ordr"; did you mean "create-order"?');
    const proto = sdcoach(['diagram', 'examples/orders-cqrs.yaml', '--flow', 'constructor']);
    expect(proto.status).toBe(2);
  });

  it('exits 2 on bad input and usage errors, without a stack trace', () => {
    const cases: [string[], RegExp][] = [
      [['diagram', 'test/fixtures/bad/unknown-hop.yaml'], /unknown-hop\.yaml:\d+:\d+ {2}/],
      [['diagram', 'examples/orders-cqrs.yaml', '--format', 'png'], /binary files: give -o FILE/],
      [['diagram', 'examples/orders-cqrs.yaml', 'examples/global-feed.yaml'], /several specs need -o DIR/],
      [['diagram', 'examples/orders-cqrs.yaml', '-o', join(tmp, 'x.svg'), '--format', 'png'], /looks like svg, but --format is png/],
      [['diagram', 'examples/orders-cqrs.yaml', '--ascii', '-o', join(tmp, 'x.txt')], /--ascii prints to the terminal/],
      [['diagram', 'examples/orders-cqrs.yaml', '--format', 'gif'], /Allowed choices are mmd, svg, png, pdf, md/],
    ];
    for (const [args, message] of cases) {
      const r = sdcoach(args);
      expect(r.status, `${args.join(' ')}\n${r.all}`).toBe(2);
      expect(r.all).toMatch(message);
      expectNoStackTrace(r.all);
    }
  });

  it('without Chromium, svg exits 2 and says how to install it; mmd still works', () => {
    const env = { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' };
    const r = sdcoach(['diagram', 'examples/orders-cqrs.yaml', '-o', join(tmp, 'none.svg')], { env });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('PUPPETEER_EXECUTABLE_PATH is set to /nonexistent/chrome');
    expect(r.stderr).toContain('apt-get install chromium');
    expect(existsSync(join(tmp, 'none.svg'))).toBe(false);
    expectNoStackTrace(r.all);
    expect(sdcoach(['diagram', 'examples/orders-cqrs.yaml', '--format', 'mmd'], { env }).status).toBe(0);
    const rep = sdcoach(['report', 'examples/orders-cqrs.yaml', '-o', join(tmp, 'none.html')], { env });
    expect(rep.status).toBe(2);
    expect(rep.stderr).toContain('apt-get install chromium');
  });
});

describe('sdcoach grade --format markdown', () => {
  it('embeds the diagram with the failed checks drawn on it', () => {
    const r = sdcoach(['grade', 'examples/payments-failover.yaml', '--format', 'markdown']);
    expect(r.status, r.stderr).not.toBe(2);
    expect(r.stdout).toMatch(/```mermaid\n---\ntitle: "Payments with regional failover"\n---\nflowchart LR\n/);
    expect(r.stdout).toMatch(/class [^\n]*n_payments_api_us_east[^\n]* fail/);
  });

  it('keeps hostile names inert in both the Markdown and the diagram', () => {
    const r = sdcoach(['grade', HOSTILE, '--format', 'markdown']);
    const block = r.stdout.slice(r.stdout.indexOf('```mermaid'));
    expect(block).not.toMatch(/%%|<script|<img|^\s*click /m);
    expect(r.stdout.slice(0, r.stdout.indexOf('```mermaid'))).not.toMatch(/<script|<b>/);
  });
});

describe.runIf(RENDER)('sdcoach diagram and report (Chromium)', () => {
  it('--format svg on 10 files launches one browser', () => {
    const dir = join(tmp, 'ten');
    const specs = Array.from(
      { length: 10 },
      (_, i) => ['examples/orders-cqrs.yaml', 'examples/payments-failover.yaml', 'examples/checkout-bulkhead.yaml'][i % 3]!,
    );
    const r = sdcoach(['diagram', ...specs, '-o', dir, '--format', 'svg'], { env: { SDCOACH_DEBUG_RENDER: '1' }, timeout: 170_000 });
    expect(r.status, r.all).toBe(0);
    expect(r.stderr).toMatch(/render stats: launches=1 pages=\d diagrams=10 path=prepared-page/);
    expect(readdirSync(dir)).toHaveLength(10);
  }, 180_000);

  it('one file goes through mermaid-cli; png and pdf are real images', () => {
    const png = join(tmp, 'one.png');
    const r = sdcoach(['diagram', 'examples/orders-cqrs.yaml', '-o', png, '--theme', 'dark'], {
      env: { SDCOACH_DEBUG_RENDER: '1' },
      timeout: 110_000,
    });
    expect(r.status, r.all).toBe(0);
    expect(r.stderr).toContain('path=mermaid-cli');
    expect([...readFileSync(png).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const pdf = join(tmp, 'one.pdf');
    expect(sdcoach(['diagram', 'examples/orders-cqrs.yaml', '-o', pdf]).status).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  }, 120_000);

  it('report writes one self-contained page with the diagram, the score and escaped feedback', () => {
    const out = join(tmp, 'report.html');
    const r = sdcoach(['report', HOSTILE, '-o', out], { timeout: 110_000 });
    expect(r.status, r.all).toBe(1);
    const html = readFileSync(out, 'utf8');
    // Booleans, not matchers on the page: a failure should not print 100 kB of SVG.
    const has = (what: string | RegExp) => (typeof what === 'string' ? html.includes(what) : what.test(html));
    expect(has('<meta http-equiv="Content-Security-Policy" content="default-src \'none\';')).toBe(true);
    expect(has(/<div class="diagram"><svg /)).toBe(true);
    expect(has(/Score [\d.]+\/100 · failed/)).toBe(true);
    expect(has('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe(true);
    expect(html.match(/<script|<img|<b>bold|<[^>]*\son[a-z]+\s*=|javascript:/i)?.[0]).toBeUndefined();
    expect(html.match(/(src|href)="(https?:)?\/\/[^"]*"/)?.[0]).toBeUndefined();
    for (const id of ['end', 'click', 'style', 'a--b', 'subgraph', 'constructor', 'classDef.linkStyle_graph'])
      expect(has(`<p>${id}<br />`), id).toBe(true);
    const passed = sdcoach(['report', 'examples/orders-cqrs.yaml', '-o', join(tmp, 'ok.html')], { timeout: 110_000 });
    expect(passed.status, passed.all).toBe(0);
  }, 240_000);
});

describe('diagram draws with the givens the grade uses', () => {
  it("a solution is drawn with its problem stage's figures, as grade and metrics compute them", () => {
    // key-value-store stage 2: kv-db's capacity per node is a given of the problem. With it the busiest
    // partition runs at 75.9% (the grade's figure); without it (the spec's own figures, `problem:` removed)
    // the default node is overloaded and the queue in front of it grows without bound.
    const spec = 'problems/key-value-store/solutions/stage-2.yaml';
    const withGivens = sdcoach(['diagram', spec, '--format', 'mmd']);
    expect(withGivens.status).toBe(0);
    expect(withGivens.stdout).toContain('kv-db');
    expect(withGivens.stdout).not.toContain('unbounded');
    const bare = join(tmp, 'kv-no-problem.yaml');
    writeFileSync(
      bare,
      readFileSync(spec, 'utf8')
        .replace(/^problem: .*$/m, '')
        .replace(/^stage: .*$/m, ''),
    );
    const own = sdcoach(['diagram', bare, '--format', 'mmd']);
    expect(own.status).toBe(0);
    expect(own.stdout).toContain('unbounded');
  });

  it('an unknown problem is one line and exit 2, as for grade', () => {
    const r = sdcoach(['diagram', 'examples/orders-cqrs.yaml', '--format', 'mmd', '--problem', 'no-such-problem']);
    expect(r.status).toBe(2);
    expectNoStackTrace(r.stderr);
    expect(r.stderr).toContain('no-such-problem');
  });
});
