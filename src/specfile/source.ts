// Reads a spec file from disk with the guards that keep bad input from reaching the parser:
// missing files, directories, oversized and binary files each become one clear diagnostic.
import { readFileSync, statSync } from 'node:fs';
import { LIMITS } from '../data/figures.js';
import type { Diagnostic } from './diagnostic.js';

export type SourceResult = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

function fail(file: string, code: string, message: string): SourceResult {
  return { ok: false, diagnostic: { file, message, code, severity: 'error' } };
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

export function readSource(file: string, maxBytes = LIMITS.maxFileBytes): SourceResult {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) return fail(file, 'is-directory', 'is a directory, not a spec file: give the path of a .yaml or .json file');
    if (!st.isFile()) return fail(file, 'not-a-file', 'is not a regular file');
    size = st.size;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail(file, 'file-not-found', 'no such file');
    if (code === 'EACCES') return fail(file, 'permission-denied', 'cannot be read: permission denied');
    return fail(file, 'read-error', `cannot be read (${code ?? 'unknown error'})`);
  }
  if (size > maxBytes) {
    return fail(file, 'file-too-large', `is ${formatBytes(size)}; spec files are limited to ${formatBytes(maxBytes)}, so this is not read`);
  }
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (err) {
    return fail(file, 'read-error', `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
  return decodeSource(file, buf);
}

/**
 * Rejects binary content (a NUL byte anywhere, not only near the start), strips a UTF-8 byte-order
 * mark (editors on Windows add one; it is not an error), and reads old Mac line ends (CR alone) as
 * line ends, so that every line:column points at the right line.
 */
export function decodeSource(file: string, buf: Uint8Array): SourceResult {
  const nul = buf.indexOf(0);
  if (nul >= 0)
    return fail(file, 'binary-file', `looks like a binary file (it contains a NUL byte at offset ${nul}), not YAML or JSON text`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return fail(file, 'not-utf8', 'is not valid UTF-8 text: save it as UTF-8');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\r')) text = text.replace(/\r(?!\n)/g, '\n');
  return { ok: true, text };
}
