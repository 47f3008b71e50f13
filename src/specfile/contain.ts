// A catalog is untrusted: every file it names is opened by its real path (symlinks resolved), and
// that path must lie inside a folder the catalog owns. A reference is an id or a plain relative
// path matched by pattern, never joined onto a folder as it is written.
import { realpathSync, statSync } from 'node:fs';
import { sep } from 'node:path';

// The operating system's realpath, one call per file: Node's own walks the path with an lstat per
// component, and loading the catalog resolves every file each problem names (~450 files: 75 ms of `list`).
const realpath = realpathSync.native;

/** A rubric id: what `rubric: <id>` and `extends: [<id>]` may name (looked up as <id>.yaml). */
export const RUBRIC_ID = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$/;
/** A file a catalog names: a relative path of plain segments, no `..`, no absolute path, no backslash. */
export const CATALOG_PATH = /^(?:[A-Za-z0-9_][A-Za-z0-9._-]*\/)*[A-Za-z0-9_][A-Za-z0-9._-]*$/;

export type Contained = { ok: true; real: string } | { ok: false; code: 'missing-file' | 'path-outside' | 'unreadable'; reason: string };

/** The real path of a folder (itself when it cannot be resolved: the caller then reports it missing). */
export function realDir(dir: string): string {
  try {
    return realpath(dir);
  } catch {
    return dir;
  }
}

function within(real: string, root: string): boolean {
  return real === root || real.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}

/** Resolves `file` (symlinks included) and checks it is a regular file inside one of `roots` (real paths); `inside` names them in the reason. */
export function containedFile(file: string, roots: readonly string[], inside = 'the catalog folder'): Contained {
  let real: string;
  try {
    real = realpath(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES') return { ok: false, code: 'unreadable', reason: 'cannot be read: permission denied' };
    return { ok: false, code: 'missing-file', reason: code === 'ELOOP' ? 'is a symbolic link loop' : 'does not exist' };
  }
  if (!roots.some((r) => within(real, r))) return { ok: false, code: 'path-outside', reason: `resolves to ${real}, outside ${inside}` };
  try {
    if (!statSync(real).isFile()) return { ok: false, code: 'missing-file', reason: 'is not a regular file' };
  } catch (err) {
    return { ok: false, code: 'unreadable', reason: `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'unknown error'})` };
  }
  return { ok: true, real };
}
