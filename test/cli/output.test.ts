// The commands' direct output (src/cli/output.ts): bytes reach the descriptor in order, a descriptor
// that cannot take them (EAGAIN) hands the rest to the stream, a closed reader ends quietly, and any
// other failure is one line and exit 2. And a grade never builds process.stdout at all.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fdOutput, type OutputSystem } from '../../src/cli/output.js';
import { BIN, ROOT } from './run-cli.js';

class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** A system whose descriptor takes `accept(n)` bytes on the n-th call, or throws what it returns. */
function fake(accept: (call: number, bytes: number) => number | NodeJS.ErrnoException) {
  const fd: Buffer[] = [];
  const stream: Buffer[] = [];
  const stderr: string[] = [];
  let calls = 0;
  const sys: OutputSystem = {
    writeSync(n, data) {
      const bytes = Buffer.from(data);
      if (n === 2) {
        stderr.push(bytes.toString());
        return bytes.length;
      }
      const a = accept(++calls, bytes.length);
      if (typeof a !== 'number') throw a;
      fd.push(bytes.subarray(0, a));
      return a;
    },
    stream: () => ({
      write(data) {
        stream.push(Buffer.from(data));
        return true;
      },
    }),
    exit(code): never {
      throw new Exit(code);
    },
  };
  return { sys, fd: () => Buffer.concat(fd).toString(), stream: () => Buffer.concat(stream).toString(), stderr };
}

const errno = (code: string) => Object.assign(new Error(code), { code });

describe('fdOutput', () => {
  it('writes whole texts to the descriptor', () => {
    const f = fake((_c, n) => n);
    const out = fdOutput(1, f.sys);
    out.write('score 82\n');
    out.write('');
    out.write('passed\n');
    expect(f.fd()).toBe('score 82\npassed\n');
    expect(f.stream()).toBe('');
  });

  it('finishes a short write by bytes, a two-byte character cut in half included', () => {
    // "✓ ok" is 3 + 1 + 2 = 6 bytes; the first call takes 2 (half of ✓'s three), the next ones 1 each.
    const f = fake((c, n) => (c === 1 ? 2 : Math.min(1, n)));
    fdOutput(1, f.sys).write('✓ ok');
    expect(f.fd()).toBe('✓ ok');
  });

  it('hands the rest to the stream on EAGAIN, and every later write too, in order', () => {
    // First call: 4 of the 10 bytes of "0123456789"; second: EAGAIN; the 6 left go to the stream.
    const f = fake((c) => (c === 1 ? 4 : errno('EAGAIN')));
    const out = fdOutput(1, f.sys);
    out.write('0123456789');
    out.write('after\n');
    expect(f.fd()).toBe('0123');
    expect(f.stream()).toBe('456789after\n');
  });

  it('ends quietly when the reader has gone (EPIPE), with the exit code already set', () => {
    const f = fake(() => errno('EPIPE'));
    const before = process.exitCode;
    process.exitCode = 1;
    try {
      expect(() => fdOutput(1, f.sys).write('x')).toThrow(new Exit(1));
    } finally {
      process.exitCode = before;
    }
    expect(f.stderr).toEqual([]);
  });

  it('says what failed in one line and exits 2 on any other error', () => {
    const f = fake(() => errno('ENOSPC'));
    expect(() => fdOutput(1, f.sys).write('x')).toThrow(new Exit(2));
    expect(f.stderr).toEqual(['sdcoach: cannot write the output: no space left on the device\n']);
  });

  it('/dev/null is not a terminal, and a grade into it loads no tty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdcoach-output-'));
    const atExit = join(dir, 'at-exit.cjs');
    writeFileSync(
      atExit,
      "process.on('exit', () => require('fs').writeSync(2, '\\ntty loaded: ' + process.moduleLoadList.includes('NativeModule tty')));",
    );
    const nul = openSync('/dev/null', 'w');
    try {
      expect(fdOutput(nul as 1).isTTY).toBe(false);
      const spec = join(ROOT, 'examples/orders-cqrs.yaml');
      const r = spawnSync(process.execPath, ['-r', atExit, BIN, 'grade', spec], { stdio: ['ignore', nul, 'pipe'], encoding: 'utf8' });
      const piped = spawnSync(process.execPath, [BIN, 'grade', spec], { encoding: 'utf8' });
      expect(r.status).toBe(piped.status);
      expect(r.stderr.trim().split('\n').at(-1)).toBe('tty loaded: false');
    } finally {
      closeSync(nul);
    }
  });

  it('a file or a pipe is not a terminal', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdcoach-output-'));
    const fd = openSync(join(dir, 'out.txt'), 'w');
    try {
      expect(fdOutput(fd as 1).isTTY).toBe(false);
    } finally {
      closeSync(fd);
    }
  });
});

describe('a grade writes without building process.stdout', () => {
  it('prints the same report to a pipe and to a file, and never touches the streams', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdcoach-output-'));
    // Preloaded: any read of process.stdout or process.stderr is written down before the stream is made.
    const trace = join(dir, 'trace.cjs');
    const touched = join(dir, 'touched.txt');
    writeFileSync(
      trace,
      `for (const name of ['stdout', 'stderr']) {
        const own = Object.getOwnPropertyDescriptor(process, name);
        Object.defineProperty(process, name, { configurable: true, enumerable: true, get() {
          require('fs').appendFileSync(${JSON.stringify(touched)}, name + '\\n');
          Object.defineProperty(process, name, own);
          return own.get.call(process);
        } });
      }`,
    );
    const spec = join(ROOT, 'examples/orders-cqrs.yaml');
    const env = { ...process.env, NO_COLOR: '1' };
    const piped = spawnSync(process.execPath, ['-r', trace, BIN, 'grade', spec], { encoding: 'utf8', env });
    const file = join(dir, 'out.txt');
    const fd = openSync(file, 'w');
    const toFile = spawnSync(process.execPath, ['-r', trace, BIN, 'grade', spec], { stdio: ['ignore', fd, 'pipe'], env });
    closeSync(fd);
    expect(piped.status).toBe(toFile.status);
    expect(piped.stdout).toContain('orders-cqrs.yaml');
    expect(readFileSync(file, 'utf8')).toBe(piped.stdout);
    expect(() => readFileSync(touched, 'utf8')).toThrow(/ENOENT/);
  });
});
