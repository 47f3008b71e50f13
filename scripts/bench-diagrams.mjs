// Diagram benchmarks for `npm run bench`: `--ascii` as a whole process against bare node, and 20 specs
// rendered to SVG in one `sdcoach diagram` call against one plain `mmdc` call for a single file.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnv } from './bench-env.mjs';

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median wall time of a command, after `warm` untimed runs; throws unless it exits 0. */
function time(cmd, args, n, warm = 1, env = {}) {
  const times = [];
  for (let i = 0; i < n + warm; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...childEnv, ...env } });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    if (i >= warm) times.push(ms);
  }
  return median(times);
}

export async function benchDiagrams(root, { runs = 15 }) {
  const rows = [];
  const row = (what, value, target, ok) => rows.push({ what, value, target, ok });
  const bin = join(root, 'bin/sdcoach.js');
  const spec = join(root, 'examples/orders-cqrs.yaml');
  const fmt = (n, d = 1) => n.toFixed(d);

  // Against bare Node timed in the same rounds (alternating), so a drift in the machine's load moves both alike.
  const ratios = [];
  const asciiTimes = [];
  for (let i = 0; i < runs + 2; i++) {
    const b = time(process.execPath, ['-e', '0'], 1, 0);
    const a = time(process.execPath, [bin, 'diagram', spec, '--ascii', '--width', '100'], 1, 0);
    if (i < 2) continue;
    asciiTimes.push(a);
    ratios.push(a / b);
  }
  const ascii = median(asciiTimes);
  const ratio = median(ratios);
  row(
    'sdcoach diagram --ascii examples/orders-cqrs.yaml (whole process)',
    `${fmt(ascii)} ms = ${fmt(ratio, 2)}x node`,
    '<= 3.0x',
    ratio <= 3,
  );

  const { findBrowser, CHROME_ARGS } = await import(join(root, 'dist/diagrams/browser.js'));
  let browser;
  try {
    browser = findBrowser().path;
  } catch {
    row('diagram rendering', 'skipped: no Chromium', '', true);
    return rows;
  }

  const dir = mkdtempSync(join(tmpdir(), 'sdcoach-bench-diagrams-'));
  try {
    // A class answering one problem: 20 designs of the size of the mmdc file (copies of it), and
    // 20 different designs (the examples in turn, the 40-component stress example aside).
    const examples = readdirSync(join(root, 'examples'))
      .filter((f) => f.endsWith('.yaml') && f !== 'large-platform.yaml')
      .sort();
    const copies = (name, pick) => {
      mkdirSync(join(dir, name));
      return Array.from({ length: 20 }, (_, i) => {
        const f = join(dir, name, `student-${String(i).padStart(2, '0')}.yaml`);
        copyFileSync(pick(i), f);
        return f;
      });
    };
    const same = copies('same', () => spec);
    const mixed = copies('mixed', (i) => join(root, 'examples', examples[i % examples.length]));
    const twenty = time(process.execPath, [bin, 'diagram', ...same, '-o', join(dir, 'out-same'), '--format', 'svg'], 3);
    const twentyMixed = time(process.execPath, [bin, 'diagram', ...mixed, '-o', join(dir, 'out-mixed'), '--format', 'svg'], 3);

    // Plain mmdc on one file: the mermaid source of the same design, the same browser and flags.
    const mmd = join(dir, 'orders-cqrs.mmd');
    const src = spawnSync(process.execPath, [bin, 'diagram', spec], { encoding: 'utf8' });
    writeFileSync(mmd, src.stdout);
    const config = join(dir, 'puppeteer.json');
    writeFileSync(config, JSON.stringify({ executablePath: browser, headless: true, args: CHROME_ARGS }));
    const require = createRequire(join(root, 'package.json'));
    const mmdc = join(require.resolve('@mermaid-js/mermaid-cli').replace(/index\.js$/, ''), 'cli.js');
    if (!existsSync(mmdc)) throw new Error(`mmdc not found at ${mmdc}`);
    const single = time(process.execPath, [mmdc, '-q', '-p', config, '-i', mmd, '-o', join(dir, 'one.svg')], 3);
    row('mmdc, examples/orders-cqrs as one SVG (baseline)', `${fmt(single / 1000, 2)} s`, '', true);
    row(
      'sdcoach diagram, 20 specs like it to SVG (one call)',
      `${fmt(twenty / 1000, 2)} s = ${fmt(twenty / single, 2)}x mmdc`,
      '<= 2.0x',
      twenty / single <= 2,
    );
    row(
      'sdcoach diagram, 20 different examples to SVG (one call)',
      `${fmt(twentyMixed / 1000, 2)} s = ${fmt(twentyMixed / single, 2)}x mmdc`,
      '',
      true,
    );

    const big = time(process.execPath, [bin, 'diagram', join(root, 'examples/large-platform.yaml'), '-o', join(dir, 'big.svg')], 1);
    row('sdcoach diagram, examples/large-platform.yaml (40 components x 6 regions)', `${fmt(big / 1000, 2)} s`, '', true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
