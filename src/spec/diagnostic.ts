// A problem found in an input file, with its position; one format for every error sdcoach prints.

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
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line !== undefined ? `${d.file}:${d.line}:${d.column ?? 1}` : d.file;
  const tag = d.severity === 'warning' ? 'warning: ' : '';
  return `${where}  ${tag}${d.message}  (${d.code})`;
}

/** Renders a path the way a learner reads it: components.orders-db.failover.mode, flows.checkout.path[2]. */
export function formatPath(path: SpecPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out || '(top level)';
}
