// A hung or crashed browser fails fast and is replaced: fake browsers (no Chromium needed) whose calls hang
// or whose connection drops, injected through the renderer's launcher, with a timeout of a few ms.
import { PassThrough } from 'node:stream';
import type { Browser, LaunchOptions } from 'puppeteer';
import { describe, expect, it } from 'vitest';
import { runDiagram } from '../../src/cli/diagram.js';
import { defaultPages, openRenderer, RENDER_TIMEOUT_MS, RenderUnavailableError } from '../../src/diagrams/render.js';
import { expectNoStackTrace } from '../cli/run-cli.js';

const SVG = '<svg id="sdcoach-diagram"><g class="node"></g></svg>';
const never = () => new Promise<never>(() => undefined);

type Behaviour = 'works' | 'hangs' | 'crashes' | 'bad-diagram';

interface FakeBrowser {
  browser: Browser;
  closed: boolean;
}

/**
 * A browser as the prepared pages use it: newPage, then setViewport, setRequestInterception, on, setContent
 * and evaluate (a string: loading mermaid; a function: drawing, which returns the SVG). `draw` says what
 * drawing does; a hung browser's close() hangs too; `newPage` hangs when `hangsOnNewPage` (mermaid-cli's first call).
 */
function fakeBrowser(draw: Behaviour, hangsOnNewPage = false): FakeBrowser {
  const fake: FakeBrowser = { closed: false, browser: undefined as unknown as Browser };
  let connected = true;
  const page = {
    setViewport: () => Promise.resolve(),
    setRequestInterception: () => Promise.resolve(),
    on: () => page,
    setContent: () => Promise.resolve(),
    evaluate: async (fn: unknown) => {
      if (typeof fn === 'string') return undefined;
      if (draw === 'hangs') return never();
      if (draw === 'crashes') {
        connected = false;
        throw new Error('Protocol error (Runtime.callFunctionOn): Target closed');
      }
      if (draw === 'bad-diagram') throw new Error('Parse error on line 2');
      return SVG;
    },
  };
  fake.browser = {
    get connected() {
      return connected;
    },
    newPage: async () => (hangsOnNewPage ? never() : page),
    close: async () => {
      fake.closed = true;
      if (draw === 'hangs') return never();
      connected = false;
    },
    process: () => null,
  } as unknown as Browser;
  return fake;
}

/** A launcher handing out browsers that behave as listed, in order (the last one for any launch after). */
function launcherOf(...behaviours: Behaviour[]) {
  const launched: FakeBrowser[] = [];
  const options: LaunchOptions[] = [];
  const launcher = (o: LaunchOptions) => {
    options.push(o);
    const b = fakeBrowser(behaviours[Math.min(launched.length, behaviours.length - 1)]!);
    launched.push(b);
    return Promise.resolve(b.browser);
  };
  return { launcher, launched, options };
}

// Whatever the machine has: the fake launcher never starts it.
const env = { PUPPETEER_EXECUTABLE_PATH: process.execPath };
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

describe('the renderer bounds every browser step and replaces a failed browser', () => {
  it("launches with a 30 s launch and protocol timeout (not puppeteer's 180 s per call)", async () => {
    const { launcher, options } = launcherOf('works');
    const r = await openRenderer({ expected: 2, launcher, env });
    await r.close();
    expect(RENDER_TIMEOUT_MS).toBe(30_000);
    expect(options[0]).toMatchObject({ timeout: 30_000, protocolTimeout: 30_000 });
  });

  it('a draw that hangs: given up after the timeout, the browser killed and relaunched, the diagram drawn again', async () => {
    const { launcher, launched, options } = launcherOf('hangs', 'works');
    const r = await openRenderer({ expected: 2, pages: 1, launcher, env, timeoutMs: 50 });
    const t0 = Date.now();
    const svg = decode(await r.render('flowchart LR\n  a --> b', 'svg'));
    const ms = Date.now() - t0;
    await r.close();
    expect(svg).toContain('id="sdcoach-diagram"');
    expect(options[0]).toMatchObject({ timeout: 50, protocolTimeout: 50 });
    // The replacement gets twice as long (2 x 50 ms), in case the machine was only slow.
    expect(options[1]).toMatchObject({ timeout: 100, protocolTimeout: 100 });
    // Two browsers for one diagram: the hung one was closed (its close hung too, and was given up on).
    expect(r.stats).toMatchObject({ launches: 2, diagrams: 1 });
    expect(launched[0]!.closed).toBe(true);
    // 50 ms waiting for the draw + 50 ms for the hung close (min(50 ms, 5 s)) = 100 ms, then a fresh page:
    // far under a second, where puppeteer's default would have waited 180 s. 2 s leaves room for a loaded machine.
    expect(ms).toBeGreaterThanOrEqual(100);
    expect(ms).toBeLessThan(2_000);
  });

  it('a browser that crashes mid-draw is replaced at once and the diagram drawn again', async () => {
    const { launcher, launched } = launcherOf('crashes', 'works');
    const r = await openRenderer({ expected: 2, pages: 1, launcher, env, timeoutMs: 50 });
    expect(decode(await r.render('flowchart LR\n  a --> b', 'svg'))).toContain('sdcoach-diagram');
    await r.close();
    expect(r.stats.launches).toBe(2);
    expect(launched[0]!.closed).toBe(true);
  });

  it('several draws in the hung browser: it is replaced once and each is drawn again (none charged for the others)', async () => {
    const { launcher } = launcherOf('hangs', 'works');
    const r = await openRenderer({ expected: 3, pages: 2, launcher, env, timeoutMs: 50 });
    const out = await Promise.all([1, 2, 3].map((i) => r.render(`flowchart LR\n  a${i} --> b`, 'svg')));
    await r.close();
    expect(out.map(decode).every((s) => s.includes('sdcoach-diagram'))).toBe(true);
    expect(r.stats).toMatchObject({ launches: 2, diagrams: 3 });
  });

  it('hung again after the restart: a clear error, two launches, no third; the next diagram fails at once', async () => {
    const { launcher } = launcherOf('hangs');
    const r = await openRenderer({ expected: 2, pages: 1, launcher, env, timeoutMs: 20 });
    const err = await r.render('flowchart LR\n  a --> b', 'svg').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RenderUnavailableError);
    // 20 ms in the first browser, then 2 x 20 ms = 40 ms = 0.04 s in its replacement.
    expect((err as Error).message).toBe('the browser did not answer within 0.04 s, even after a restart');
    expect(r.stats.launches).toBe(2);
    // A second file does not wait 2 x 20 ms more in a third and fourth browser: the same error, no launch.
    await expect(r.render('flowchart LR\n  c --> d', 'svg')).rejects.toThrow('even after a restart');
    expect(r.stats.launches).toBe(2);
    await r.close();
  });

  it('a diagram mermaid rejects is not the browser\'s fault: no relaunch, mermaid\'s error as it is', async () => {
    const { launcher } = launcherOf('bad-diagram');
    const r = await openRenderer({ expected: 2, pages: 1, launcher, env, timeoutMs: 50 });
    await expect(r.render('flowchart LR\n  a -->', 'svg')).rejects.toThrow('Parse error on line 2');
    await r.close();
    expect(r.stats.launches).toBe(1);
  });

  it('close() of a hung browser returns after the close timeout instead of waiting for it', async () => {
    const { launcher, launched } = launcherOf('hangs');
    const r = await openRenderer({ expected: 2, launcher, env, timeoutMs: 20 });
    const t0 = Date.now();
    await r.close();
    expect(launched[0]!.closed).toBe(true);
    // min(20 ms, 5 s) = 20 ms for the close, then given up.
    expect(Date.now() - t0).toBeLessThan(1_000);
  });

  it('sdcoach diagram --format svg: a browser hung twice is one line per file and exit 2, no stack trace', async () => {
    // One spec takes the mermaid-cli path, whose first call (newPage) hangs in both browsers: 20 ms, then
    // 2 x 20 ms = 0.04 s.
    let launches = 0;
    const launcher = () => {
      launches++;
      return Promise.resolve(fakeBrowser('hangs', true).browser);
    };
    const err = new PassThrough();
    let stderr = '';
    err.on('data', (c) => (stderr += String(c)));
    const code = await runDiagram(['examples/orders-cqrs.yaml'], { format: 'svg', output: '/dev/null' }, { out: new PassThrough(), err, launcher, renderTimeoutMs: 20, env });
    expect(code).toBe(2);
    expect(launches).toBe(2);
    expect(stderr).toContain('✗ examples/orders-cqrs.yaml: could not render the diagram: the browser did not answer within 0.04 s, even after a restart');
    expectNoStackTrace(stderr);
  });
});

describe('how many pages draw at once', () => {
  it('one page per two cores, at least one, at most four', () => {
    // A page keeps more than a core busy: a page per core oversubscribes the machine.
    expect([1, 2, 3, 4, 5, 6, 8, 9, 16, 64].map((cores) => defaultPages(cores))).toEqual([1, 1, 1, 2, 2, 3, 4, 4, 4, 4]);
  });

  it('the renderer opens no more pages than that, nor than the diagrams it expects', async () => {
    const opened: number[] = [];
    for (const expected of [2, 40]) {
      const { browser } = fakeBrowser('works');
      // A fake browser at an executable that exists: no Chromium needed (a machine without one ran this and failed).
      const r = await openRenderer({ expected, launcher: () => Promise.resolve(browser), env });
      await Promise.all(Array.from({ length: expected }, () => r.render('flowchart LR\n  a --> b', 'svg')));
      opened.push(r.concurrency, r.stats.pages);
      await r.close();
    }
    const pages = defaultPages();
    expect(opened).toEqual([Math.min(2, pages), Math.min(2, pages), pages, pages]);
  });
});
