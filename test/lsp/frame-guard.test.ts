// The language server's input guard: frames pass through unchanged, split anywhere across chunks; a frame that
// cannot be read (a Content-Length that is not a byte count, none at all, one past the limit, an endless header)
// is reported once, with why (review attack: one bad header left the server silent until stdin closed).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameGuard, MAX_FRAME_BYTES } from '../../src/lsp/frame-guard.js';

/** Feeds `data` to a guard in chunks cut at `cuts`; what came out and the reasons it broke for. */
async function run(data: Buffer, cuts: number[] = []): Promise<{ out: Buffer; broken: string[] }> {
  const broken: string[] = [];
  const guard = new FrameGuard((r) => broken.push(r));
  const out: Buffer[] = [];
  guard.on('data', (c: Buffer) => out.push(c));
  const at = [...new Set(cuts.filter((c) => c > 0 && c < data.length))].sort((a, b) => a - b);
  let from = 0;
  for (const c of [...at, data.length]) {
    guard.write(data.subarray(from, c));
    from = c;
  }
  guard.end();
  await new Promise((r) => guard.on('end', r));
  return { out: Buffer.concat(out), broken };
}

const frame = (body: string, extra = '') => `Content-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;

describe('FrameGuard', () => {
  it('passes well-framed messages through unchanged, however the stream is cut', async () => {
    const messages = ['{"jsonrpc":"2.0","id":1,"method":"initialize"}', '{"a":"é\\r\\n\\r\\n"}', '{}'];
    const data = Buffer.from(
      messages.map((m, i) => frame(m, i === 1 ? 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n' : '')).join(''),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(data.length), { maxLength: 12 }), async (cuts) => {
        const r = await run(data, cuts);
        expect(r.broken).toEqual([]);
        expect(r.out.equals(data)).toBe(true);
      }),
      { numRuns: 100, seed: 3 },
    );
  });

  it('reports a frame that cannot be read, once, and why', async () => {
    const ok = frame('{}');
    expect((await run(Buffer.from(`${ok}Content-Length: abc\r\n\r\n{}${ok}`))).broken).toEqual([
      'a Content-Length that is not a byte count ("abc")',
    ]);
    expect((await run(Buffer.from('Content-Length: -5\r\n\r\n{}'))).broken).toEqual(['a Content-Length that is not a byte count ("-5")']);
    expect((await run(Buffer.from('{"jsonrpc":"2.0"}\r\n\r\n'))).broken).toEqual([
      'a header line that is not "Name: value" ("{\\"jsonrpc\\":\\"2.0\\"}")',
    ]);
    expect((await run(Buffer.from('Content-Type: x\r\n\r\n{}'))).broken).toEqual(['a message without a Content-Length header']);
    expect((await run(Buffer.from(`Content-Length: ${MAX_FRAME_BYTES + 1}\r\n\r\n`))).broken).toEqual([
      `a message of ${MAX_FRAME_BYTES + 1} bytes, more than the ${MAX_FRAME_BYTES} accepted`,
    ]);
    expect((await run(Buffer.from(`X-Pad: ${'a'.repeat(9000)}`))).broken).toEqual(['a message header longer than 8192 bytes']);
  });
});
