// A problem found in an input file, with its position; one format for every error sdcoach prints.
import { sanitizeLine } from './sanitize.js';

/** Longest message printed whole; longer ones (a hostile key quoted back, say) are cut with a count. */
export const MAX_MESSAGE_CHARS = 500;
/** At most this many errors of one file are listed; the rest are counted. */
export const MAX_DIAGNOSTICS = 100;
/** A count with thousands separators (12,345). By hand: an Intl.NumberFormat built at start-up loads ICU data, ~20 ms of every command. */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The first MAX_DIAGNOSTICS diagnostics, and one more line counting the rest. */
export function capDiagnostics<T extends { file: string }>(ds: T[], max = MAX_DIAGNOSTICS, uncounted = 0): (T | Diagnostic)[] {
  if (ds.length <= max && uncounted === 0) return ds;
  const rest = Math.max(0, ds.length - max) + uncounted;
  return [
    ...ds.slice(0, max),
    {
      file: ds[0]!.file,
      message: `... and ${groupDigits(rest)} more problem${rest === 1 ? '' : 's'} (fix the first ones, then validate again)`,
      code: 'more-problems',
      severity: 'error',
      more: rest,
    },
  ];
}

export function truncateMessage(message: string, max = MAX_MESSAGE_CHARS): string {
  if (message.length <= max) return message;
  return `${message.slice(0, max)}… (${groupDigits(message.length - max)} more characters)`;
}

export type SpecPath = ReadonlyArray<string | number>;

export interface Position {
  line: number;
  column: number;
}

export interface Diagnostic {
  file: string;
  /** 1-based; absent when the problem is about the file as a whole (missing, too large). */
  line?: number;
  column?: number;
  path?: SpecPath;
  message: string;
  code: string;
  severity: 'error' | 'warning';
  /** On the line that stands for the problems left out of a capped list: how many. */
  more?: number;
}

/** How many error problems a list stands for, those a capped list left out included. */
export function errorCount(ds: readonly Diagnostic[]): number {
  return ds.reduce((n, d) => n + (d.severity !== 'error' ? 0 : (d.more ?? 1)), 0);
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line !== undefined ? `${d.file}:${d.line}:${d.column ?? 1}` : d.file;
  const tag = d.severity === 'warning' ? 'warning: ' : '';
  // File names and messages quote what a user wrote: one line, no escape sequences.
  return sanitizeLine(`${where}  ${tag}${truncateMessage(d.message)}  (${d.code})`);
}

/** Renders a path the way a learner reads it: components.orders-db.failover.mode, flows.checkout.path[2]. */
export function formatPath(path: SpecPath): string {
  let out = '';
  // By index: a for-of allocates an iterator result per part in the interpreter (a path per finding, hundreds per grade).
  for (let i = 0; i < path.length; i++) {
    const part = path[i]!;
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out || '(top level)';
}
