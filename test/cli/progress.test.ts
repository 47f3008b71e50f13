// `sdcoach progress` and the progress column of `sdcoach list`, as child processes on a temporary
// SDCOACH_HOME: text and JSON, reset with --yes or a refusal without a terminal, a corrupt file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeProgress } from '../../src/progress/file.js';
import { addTime, emptyProgress, recordGrade, recordHint, recordStage } from '../../src/progress/progress.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'sdcoach.js');

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'sdcoach-home-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function sdcoach(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, SDCOACH_HOME: home, NO_COLOR: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function seed() {
  let p = recordStage(emptyProgress(), 'order-history', 2, '/w/sdcoach-work/order-history.yaml', Date.parse('2026-02-01T10:00:00Z'));
  p = recordGrade(p, 'order-history', 1, 100, true, Date.parse('2026-02-01T10:05:00Z'));
  p = recordHint(p, 'order-history', 2, 1, Date.parse('2026-02-01T10:06:00Z'));
  p = recordGrade(p, 'order-history', 2, 88.9, false, Date.parse('2026-02-01T10:07:00Z'));
  p = addTime(p, 'order-history', 1, 12 * 60_000);
  writeProgress(join(home, 'progress.json'), p);
}

describe('sdcoach progress', () => {
  it('says there is none yet', () => {
    const r = sdcoach('progress');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('No progress yet. Start with: node bin/sdcoach.js practice');
  });

  it('prints stages passed, best scores, hints and time', () => {
    seed();
    const r = sdcoach('progress');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('◐ order-history  Order history at 40,000 reads per second  1/5 stages');
    expect(r.stdout).toMatch(/✓ stage 1 {2}Size the order reads and writes {2}best 100 · hints 0\/3 · 12 min/);
    expect(r.stdout).toMatch(/◐ stage 2 .* best 88\.9 · hints 1\/3 · 0 s {2}← current/);
    expect(r.stdout).toContain('· stage 3');
  });

  it('--json', () => {
    seed();
    const r = sdcoach('progress', '--json');
    const j = JSON.parse(r.stdout);
    expect(j.file).toBe(join(home, 'progress.json'));
    expect(j.problems[0]).toMatchObject({ id: 'order-history', status: 'in-progress', stage: 2, stages: 5, stagesPassed: 1 });
    expect(j.problems[0].perStage[0]).toMatchObject({ stage: 1, passed: true, bestScore: 100, timeSpentMs: 720_000 });
  });

  it('--reset refuses without a terminal unless --yes', () => {
    seed();
    const r = sdcoach('progress', '--reset', 'order-history');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('add --yes');
    expect(JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8')).problems['order-history']).toBeDefined();
    const y = sdcoach('progress', '--reset', 'order-history', '--yes');
    expect(y.status).toBe(0);
    expect(y.stdout).toContain('Reset the progress of order-history.');
    expect(JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8')).problems).toEqual({});
  });

  it('--reset of everything, and of a problem with no progress or no such id', () => {
    seed();
    expect(sdcoach('progress', '--reset', '--yes').stdout).toContain('Reset all progress (1 problem)');
    expect(sdcoach('progress', '--reset', 'order-history', '--yes').stdout).toContain('nothing to reset');
    const typo = sdcoach('progress', '--reset', 'order-histry', '--yes');
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('did you mean "order-history"?');
  });

  it('a corrupt file: warns and exits 2, leaving the file for practice to set aside', () => {
    writeFileSync(join(home, 'progress.json'), '{"version": 1, "problems": ');
    const r = sdcoach('progress');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cannot be used: not valid JSON');
    expect(readdirSync(home)).toEqual(['progress.json']);
  });
});

describe('sdcoach list with progress', () => {
  it('has no progress column before any progress exists', () => {
    const r = sdcoach('list');
    expect(r.stdout).not.toMatch(/[◐✓]/);
  });

  it('shows ◐/✓ and stages passed once there is progress, also in JSON', () => {
    seed();
    const r = sdcoach('list');
    expect(r.stdout).toMatch(/^ {4}order-history .* 5 stages {3}◐ 1\/5$/m);
    const j = JSON.parse(sdcoach('list', '--json').stdout) as { id: string; progress?: unknown }[];
    expect(j.find((p) => p.id === 'order-history')?.progress).toEqual({ status: 'started', stagesPassed: 1 });
    expect(j.filter((p) => p.id !== 'order-history').every((p) => (p.progress as { status: string }).status === 'new')).toBe(true);
  });

  it('a state folder without progress.json changes nothing', () => {
    mkdirSync(join(home, 'sub'));
    expect(existsSync(join(home, 'progress.json'))).toBe(false);
    expect(sdcoach('list').stdout).not.toMatch(/[◐✓]/);
  });
});
