// Every printed command works the way sdcoach was started: detection of the prefix, --problems for
// a problem from an added catalog, and the CLI's messages using them (init, show, help, practice).
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/main.js';
import { asInvoked, detectPrefix, problemsArg, SUBCOMMANDS } from '../../src/grading/invocation.js';
import { BIN, ROOT, sdcoach } from './run-cli.js';

describe('detectPrefix', () => {
  it('names the script node ran, relative to the working folder when inside it', () => {
    expect(detectPrefix(['/usr/bin/node', '/home/a/sdcoach/bin/sdcoach.js'], {}, '/home/a/sdcoach')).toBe('node bin/sdcoach.js');
    expect(detectPrefix(['/usr/bin/node', '/home/a/sdcoach/bin/sdcoach.js'], {}, '/tmp')).toBe('node /home/a/sdcoach/bin/sdcoach.js');
    expect(detectPrefix(['/usr/bin/node', '/home/a/my clone/bin/sdcoach.js'], {}, '/tmp')).toBe("node '/home/a/my clone/bin/sdcoach.js'");
  });
  it('tells npx from a linked or global install', () => {
    expect(detectPrefix(['/usr/bin/node', '/home/a/.local/bin/sdcoach'], {}, '/x')).toBe('sdcoach');
    expect(detectPrefix(['/usr/bin/node', '/home/a/.npm/_npx/3d2f/node_modules/.bin/sdcoach'], { npm_command: 'exec' }, '/x')).toBe(
      'npx sdcoach',
    );
    expect(detectPrefix(['/usr/bin/node', '/clone/node_modules/.bin/sdcoach'], {}, '/x')).toBe('npx sdcoach');
  });
  it('is not fooled by npx having started a parent process (npx vitest)', () => {
    expect(detectPrefix(['/usr/bin/node', '/clone/bin/sdcoach.js'], { npm_command: 'exec' }, '/clone')).toBe('node bin/sdcoach.js');
  });
  it('falls back to sdcoach when embedded (tests, the language server host)', () => {
    expect(detectPrefix(['/usr/bin/node', '/clone/node_modules/vitest/worker.js'], {}, '/clone')).toBe('sdcoach');
  });
});

describe('problemsArg and asInvoked', () => {
  it('adds --problems only for a problem outside the shipped catalog', () => {
    expect(problemsArg({ catalog: join(ROOT, 'problems') })).toBe('');
    expect(problemsArg({ catalog: '/srv/class/problems' }, '/srv/class')).toBe(' --problems problems');
    expect(problemsArg({ catalog: '/srv/class/problems' }, '/home/me')).toBe(' --problems /srv/class/problems');
  });
  it('rewrites only mentions of a subcommand', () => {
    // In-process, the prefix is the plain `sdcoach`, so text stays as written.
    expect(asInvoked('Run sdcoach grade on the starter; sdcoach is great')).toBe('Run sdcoach grade on the starter; sdcoach is great');
  });
  it('knows every command the CLI has (drill was missing: its mentions stayed `sdcoach drill`)', () => {
    expect([...SUBCOMMANDS].sort()).toEqual(Object.keys(COMMANDS).sort());
  });
});

describe('commands printed by the CLI', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'sdcoach-invocation-'));
    // A catalog of one's own, with a problem the shipped catalog does not have.
    cpSync(join(ROOT, 'problems', 'order-history'), join(work, 'class', 'my-orders'), { recursive: true });
    const dir = join(work, 'class', 'my-orders');
    for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      const f = join(dir, rel);
      if (f.endsWith('.yaml')) writeFileSync(f, readFileSync(f, 'utf8').replaceAll('order-history', 'my-orders'));
    }
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('help examples and usage name the script as run', () => {
    const r = sdcoach(['grade', '--help']);
    expect(r.stdout).toContain('Usage: node bin/sdcoach.js grade [options]');
    expect(r.stdout).toContain('$ node bin/sdcoach.js grade examples/orders-cqrs.yaml');
    expect(r.stdout).not.toMatch(/\$ sdcoach /);
  });

  it("every command's help writes its examples as run", () => {
    for (const command of Object.keys(COMMANDS)) {
      const r = sdcoach([command, '--help']);
      expect(r.stdout, command).toContain(`Usage: node bin/sdcoach.js ${command}`);
      expect(r.stdout, command).not.toMatch(/(^|[\s`'"(])sdcoach (?=[a-z])/m);
    }
  });

  it('the read-only commands run their help examples as written (drill --help named a component the example lacks)', () => {
    for (const command of ['grade', 'validate', 'drill']) {
      const help = sdcoach([command, '--help']).stdout;
      const examples = [...help.matchAll(/^ {2}\$ node bin\/sdcoach\.js (.+)$/gm)].map((m) => m[1]!);
      expect(examples.length, command).toBeGreaterThan(0);
      // Those on the repository's own files (others name a learner's file: my-design.yaml).
      for (const line of examples.filter((l) => l.split(' ').every((t) => !/\.(ya?ml|json)$/.test(t) || existsSync(join(ROOT, t))))) {
        const r = sdcoach(line.split(' '));
        expect([0, 1], `${line}: ${r.all.slice(0, 300)}`).toContain(r.status);
      }
    }
  });

  it('an unknown problem points to the list command as run, from every command that takes one', () => {
    for (const args of [
      ['grade', 'examples/orders-cqrs.yaml', '-p', 'order-histroy'],
      ['diagram', 'examples/orders-cqrs.yaml', '-p', 'order-histroy'],
      ['show', 'order-histroy'],
    ]) {
      const r = sdcoach(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.all, args.join(' ')).toContain('did you mean "order-history"? (node bin/sdcoach.js list shows the catalog)');
    }
  });

  it('init of a problem from --problems prints commands with --problems, and they work', () => {
    const r = sdcoach(['--problems', 'class', 'init', 'my-orders'], { cwd: work });
    expect(r.status).toBe(0);
    const next = /Edit it, then: (.*)$/m.exec(r.stdout)![1]!;
    expect(next).toBe(`node ${BIN} --problems class grade my-orders.yaml`);
    const header = readFileSync(join(work, 'my-orders.yaml'), 'utf8');
    expect(header).toContain(
      `# Grade it: node ${BIN} --problems class grade <this file>    Hints: node ${BIN} --problems class show my-orders --stage 1 --hints`,
    );
    // Following the printed command grades against the problem (the starter fails stage 1), no "unknown problem".
    const words = next.split(' ');
    const followed = sdcoach(words.slice(2), { cwd: work });
    expect(followed.all).not.toContain('unknown problem');
    expect(followed.stdout).toContain('(problem my-orders, stage 1)');
    expect(followed.status).toBe(1);
  });

  it('practice outside a terminal points to a grade command that finds the problem', () => {
    const r = sdcoach(['--problems', 'class', 'practice', 'my-orders'], { cwd: work, env: { CI: '' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`To grade a spec without it: node ${BIN} --problems class grade <your-spec.yaml> --problem my-orders`);
  });
});
