// The repository's YAML files and every path into parsed data: what the fast readers' tests compare position by position.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Every .yaml/.yml file under a folder, recursively. */
export function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(name) ? [p] : [];
  });
}

/** Every path into a value: itself, and each key or index below it. */
export function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

/** A seeded edit of a text: [offset, 0 remove | 1 insert a piece | 2 indent the line, piece index]. */
export type Edit = [number, number, number];

/** The text with the edits applied in turn: characters removed, a piece inserted, a line indented further. */
export function applyEdits(text: string, edits: readonly Edit[], pieces: readonly string[]): string {
  let out = text;
  for (const [at, op, piece] of edits) {
    const i = at % (out.length + 1);
    if (op === 0) out = out.slice(0, i) + out.slice(i + 1 + (at % 3));
    else if (op === 1) out = out.slice(0, i) + pieces[piece]! + out.slice(i);
    else {
      const lineStart = out.lastIndexOf('\n', i - 1) + 1;
      out = out.slice(0, lineStart) + ' '.repeat((at % 3) + 1) + out.slice(lineStart);
    }
  }
  return out;
}
