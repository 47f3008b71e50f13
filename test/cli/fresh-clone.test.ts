// A fresh clone, the README's Quick start as written, then the `npx sdcoach ...` it documents.
// Slow (npm install of every dependency, npx setting up its bin link): runs only when
// SDCOACH_FRESH_CLONE=1, e.g. `SDCOACH_FRESH_CLONE=1 npx vitest run test/cli/fresh-clone.test.ts`.
// It clones the committed HEAD, so commit first.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './run-cli.js';

/** The shell commands of the README's Quick start section, comments stripped, in order. */
export function quickStartCommands(readme: string): string[] {
  const section = readme.split(/^## Quick start$/m)[1]!.split(/^## /m)[0]!;
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.flatMap((b) =>
    b
      .split('\n')
      .map((l) => l.replace(/\s+#.*$/, '').trim())
      .filter(Boolean),
  );
}

describe('README Quick start commands', () => {
  it('are exactly the two set-up commands, then one npx sdcoach command', () => {
    const cmds = quickStartCommands(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    expect(cmds.slice(0, 2)).toEqual(['npm install && npm start', 'npm install && npm test']);
    expect(cmds[2]).toMatch(/^npx sdcoach grade examples\/\S+\.yaml$/);
  });
});

describe.runIf(process.env.SDCOACH_FRESH_CLONE === '1')('a fresh clone, following the README', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sdcoach-clone-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }), 300_000);
  const sh = (cmd: string, cwd: string) => {
    const env: NodeJS.ProcessEnv = { ...process.env, CI: '', NO_COLOR: '1' };
    for (const k of Object.keys(env)) if (k.startsWith('npm_')) delete env[k];
    return spawnSync('sh', ['-c', cmd], { cwd, encoding: 'utf8', timeout: 600_000, env });
  };

  it('installs, starts (pointing to a command that works) and grades with npx sdcoach', () => {
    const clone = join(dir, 'sdcoach');
    expect(sh(`git clone -q ${JSON.stringify(ROOT)} ${JSON.stringify(clone)}`, dir).status).toBe(0);
    const [start, , grade] = quickStartCommands(readFileSync(join(clone, 'README.md'), 'utf8'));
    // `npm install && npm start`: outside a terminal practice exits 2 and prints how to grade instead.
    const started = sh(start!, clone);
    expect(started.stderr).toContain('needs an interactive terminal');
    const printed = /To grade a spec without it: (node bin\/sdcoach\.js) grade/.exec(started.stderr);
    expect(printed).not.toBeNull();
    expect(sh(`${printed![1]} --version`, clone).status).toBe(0);
    const graded = sh(grade!, clone);
    expect(graded.stdout).toMatch(/Score \d+/);
    expect(graded.status).toBe(0);
  }, 1_200_000);
});
