// `sdcoach practice` as a learner runs it. Outside a terminal it refuses with exit 2 and points to
// `sdcoach grade`; in a real pseudo-terminal (tmux) it grades the watched file on every save,
// advances with n and quits with q. Needs dist/ (npm test builds it) and tmux (.ci/run installs it).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTmux, startSdcoach, terminal } from './tmux.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'sdcoach.js');
// Stage 1 of order-history is its estimate stage; its reference answers the estimates on the starter design.
const SOLUTION_1 = readFileSync(join(ROOT, 'problems', 'order-history', 'solutions', 'stage-estimate.yaml'), 'utf8');

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'sdcoach-practice-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function sdcoach(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: work,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, SDCOACH_HOME: join(work, 'state'), ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sdcoach practice outside a terminal', () => {
  it('exits 2 with piped stdio and points to sdcoach grade', () => {
    const r = sdcoach(['practice', 'order-history'], { CI: '' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('needs an interactive terminal');
    expect(r.stderr).toContain(`node ${BIN} grade <your-spec.yaml> --problem order-history`);
  });

  it('exits 2 when CI is set', () => {
    const r = sdcoach(['practice'], { CI: 'true' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('CI is set');
  });

  it('checks its arguments first: an unknown problem, a stage out of range, --spec without a problem', () => {
    const unknown = sdcoach(['practice', 'order-histroy']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('did you mean "order-history"?');
    expect(sdcoach(['practice', 'order-history', '--stage', '9']).stderr).toContain('has stages 1-5');
    expect(sdcoach(['practice', '--spec', 'x.yaml']).status).toBe(2);
    const bad = sdcoach(['practice', 'order-history', '--stage', 'two']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("option '-s, --stage <n>' argument 'two' is invalid");
    expect(bad.stderr).not.toContain('internal error');
  });

  it('Ink and React are loaded only when a session starts: no static import reaches them', () => {
    // Follows static imports of the built files (a session loads the TUI with import()).
    const staticGraph = (entry: string) => {
      const seen = new Set<string>();
      const bare = new Set<string>();
      const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        const js = readFileSync(file, 'utf8');
        for (const m of js.matchAll(/^\s*(?:import|export)\s(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]/gm)) {
          const spec = m[1]!;
          if (spec.startsWith('.')) visit(join(file, '..', spec));
          else bare.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
        }
      };
      visit(entry);
      return { files: [...seen], packages: [...bare] };
    };
    for (const entry of ['cli/run.js', 'cli/practice.js', 'cli/grade.js', 'cli/validate.js']) {
      const g = staticGraph(join(ROOT, 'dist', entry));
      expect(
        g.files.filter((f) => f.includes('/dist/tui/')),
        entry,
      ).toEqual([]);
      expect(
        g.packages.filter((b) => ['ink', 'react', 'chokidar'].includes(b)),
        entry,
      ).toEqual([]);
      // The language server and its protocol library load only with `sdcoach lsp`.
      expect(
        g.packages.filter((b) => b.startsWith('vscode-languageserver')),
        entry,
      ).toEqual([]);
    }
  });
});

describe.skipIf(!hasTmux)('sdcoach practice in a pseudo-terminal (tmux)', () => {
  const term = terminal('e2e');
  afterAll(() => term.close());
  const see = (pattern: RegExp, ms: number) => term.see(pattern, ms);

  it('grades the watched file on save, advances with n, quits with q', async () => {
    const state = join(work, 'e2e-state');
    startSdcoach(term, { bin: BIN, args: 'practice order-history', home: state, cols: 120, rows: 40, cwd: work });

    let s = await see(/Score [\d.]+\/100/, 20_000);
    expect(s).toContain('Stage 1 of 5');
    expect(s).toContain('sdcoach-work/order-history.yaml');
    expect(s).toMatch(/not passed yet/);
    expect(s).not.toContain('Score 100/100');

    writeFileSync(join(work, 'sdcoach-work', 'order-history.yaml'), SOLUTION_1);
    s = await see(/Score 100\/100/, 10_000);
    expect(s).toContain('✓ passed');

    term.keys('n');
    s = await see(/Stage 2 of 5/, 10_000);
    expect(s).toContain('Separate reads from writes');
    expect(s).toContain('stage 2/5');

    term.keys('q');
    s = await see(/sdcoach exited with \d+/, 10_000);
    expect(s).toContain('sdcoach exited with 0');
    expect(s).toContain('order-history: 1 of 5 stages passed; on stage 2');

    const progress = JSON.parse(readFileSync(join(state, 'progress.json'), 'utf8'));
    expect(progress.problems['order-history']).toMatchObject({ stage: 2, stages: { 1: { passed: true, bestScore: 100 } } });
  });

  it('at 70x24: picker -> stage 1 -> pass -> stage 2, every essential line on screen', async () => {
    term.stop();
    const dir = join(work, 'small');
    mkdirSync(dir, { recursive: true });
    startSdcoach(term, { bin: BIN, args: 'practice', home: join(dir, 'state'), cols: 70, rows: 24, cwd: dir });
    const rows = (s: string) => s.split('\n');
    const fits = (s: string) =>
      expect(
        rows(s).every((l) => [...l].length <= 70),
        s,
      ).toBe(true);
    const flat = (s: string) => s.replace(/\s+/g, ' ');

    // The picker: heading, the list with what is below it, the details, the legend in words.
    let s = await see(/\d+ problems/, 20_000);
    expect(s).toContain('sdcoach practice · choose a problem');
    expect(s).toMatch(/Problems\s+\d+ · ↑↓ to see all/);
    expect(s).toMatch(/↓ \d+ more below/);
    expect(s).toContain('Enter start');
    expect(s).toContain('Esc quit');
    fits(s);

    term.type('order-history');
    await see(/▸ · order-history/, 10_000);
    term.keys('Enter');

    // Stage 1: the title and stage dots, the prompt, the results with the file, a two-row legend of words.
    s = await see(/Score [\d.]+\/100/, 20_000);
    expect(s).toContain('stage 1/5');
    expect(s).toContain('Stage 1 of 5');
    expect(s).toContain('Size the order reads and writes');
    expect(s).toContain('Results  sdcoach-work/order-history.yaml');
    expect(s).toMatch(/not passed yet/);
    expect(s).toMatch(/e edit\s+h hint 1\/3/);
    expect(s).toMatch(/\? help\s+Esc problems\s+q quit/);
    fits(s);

    // Pass (the learner writes the design under the header the starter gave): the message is whole (wrapped, not cut).
    const spec = join(dir, 'sdcoach-work', 'order-history.yaml');
    const created = readFileSync(spec, 'utf8');
    writeFileSync(spec, created.slice(0, created.indexOf('problem:')) + SOLUTION_1.slice(SOLUTION_1.indexOf('problem:')));
    s = await see(/Score 100\/100/, 10_000);
    expect(flat(s)).toContain('✓ Stage 1 passed! n: on to stage 2 · s: the reference solution');
    fits(s);

    // d: the diagram with the score beside its title.
    term.keys('d');
    s = await see(/── Diagram/, 10_000);
    expect(s).toMatch(/Diagram\s+d hides it\s+Score 100\/100 ✓ passed/);
    term.keys('d');

    // n: stage 2, and the file says so.
    term.keys('n');
    s = await see(/Stage 2 of 5/, 10_000);
    expect(s).toContain('stage 2/5');
    expect(s).toContain('Separate reads from writes');
    expect(flat(s)).toContain('Your file now says stage: 2');
    fits(s);
    // The watcher sees the rewritten file; its header now carries stage 2's prompt.
    const file = readFileSync(spec, 'utf8');
    expect(file).toMatch(/^stage: 2$/m);
    expect(file).toContain('(order-history), stage 2 of 5: Separate reads from writes');
    expect(file.slice(file.indexOf('problem:')).replace(/^stage: 2$/m, 'stage: 1')).toBe(SOLUTION_1.slice(SOLUTION_1.indexOf('problem:')));

    term.keys('q');
    s = await see(/sdcoach exited with \d+/, 10_000);
    expect(s).toContain('sdcoach exited with 0');
    expect(flat(s)).toContain('order-history: 1 of 5 stages passed; on stage 2');
  });
});
