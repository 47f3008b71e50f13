// The language server's stdin, watched for the base protocol's framing (header lines, a blank line, then exactly
// Content-Length bytes) and passed through unchanged. vscode-jsonrpc stops reading for good at a Content-Length that
// is not a number, and waits forever for one of 99,999,999,999,999 bytes: the server then answered nothing, not
// even shutdown, until stdin closed (review attack). A broken frame cannot be resynchronised (where the next one
// starts is unknown), so the server says so on stderr and exits.
import { Transform, type TransformCallback } from 'node:stream';

/** The largest message accepted: a 2 MB document, JSON-escaped in a didOpen or didChange, with room to spare. */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;
/** The largest header block (Content-Length and Content-Type lines). */
const MAX_HEADER_BYTES = 8 * 1024;
const CRLF2 = Buffer.from('\r\n\r\n');

export class FrameGuard extends Transform {
  private header = Buffer.alloc(0);
  private body = 0;
  private broken = false;

  constructor(private readonly onBroken: (reason: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.broken) return done();
    let at = 0;
    while (at < chunk.length) {
      if (this.body > 0) {
        const take = Math.min(this.body, chunk.length - at);
        this.body -= take;
        at += take;
        continue;
      }
      // In a header: find its end, across chunks.
      const before = this.header.length;
      this.header = Buffer.concat([this.header, chunk.subarray(at)]);
      const end = this.header.indexOf(CRLF2);
      if (end === -1) {
        if (this.header.length > MAX_HEADER_BYTES) return this.fail(`a message header longer than ${MAX_HEADER_BYTES} bytes`, done);
        break; // the rest of this chunk is header, kept for the next
      }
      const reason = this.checkHeader(this.header.subarray(0, end).toString('ascii'));
      if (reason) return this.fail(reason, done);
      at += end + CRLF2.length - before;
      this.header = Buffer.alloc(0);
    }
    this.push(chunk);
    done();
  }

  /** Why a header block is not a frame the server can read, or undefined (and the body's length is set). */
  private checkHeader(text: string): string | undefined {
    let length: number | undefined;
    for (const line of text.split('\r\n')) {
      const m = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(line);
      if (!m) return `a header line that is not "Name: value" (${JSON.stringify(line.slice(0, 80))})`;
      if (m[1]!.toLowerCase() !== 'content-length') continue;
      if (!/^\d{1,9}$/.test(m[2]!.trim())) return `a Content-Length that is not a byte count (${JSON.stringify(m[2]!.slice(0, 40))})`;
      length = Number(m[2]!.trim());
    }
    if (length === undefined) return 'a message without a Content-Length header';
    if (length > MAX_FRAME_BYTES) return `a message of ${length} bytes, more than the ${MAX_FRAME_BYTES} accepted`;
    this.body = length;
    return undefined;
  }

  private fail(reason: string, done: TransformCallback): void {
    this.broken = true;
    done();
    this.onBroken(reason);
  }
}

/** stdin for the server, guarded; `onBroken` is told why when a frame cannot be read. */
export function guardedInput(input: NodeJS.ReadableStream, onBroken: (reason: string) => void): NodeJS.ReadableStream {
  const guard = new FrameGuard(onBroken);
  input.pipe(guard);
  return guard;
}
