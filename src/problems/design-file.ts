// The parsed data of one of a problem's design files (its starter, a reference), for problem check's proofs that
// read a design's fields without grading it: through the spec loader's guarded reader (size, nesting, duplicate
// keys, aliases), never the yaml package's defaults, which a shared catalog's 150,000-key starter kept busy for
// minutes (review attack). Undefined when the file is missing, too large or not YAML: the solution and starter
// proofs report why.
import { parseSource } from '../specfile/parse.js';
import { readSource } from '../specfile/source.js';

export type DesignReader = (file: string) => Record<string, unknown> | undefined;

export function readDesign(file: string): Record<string, unknown> | undefined {
  const src = readSource(file);
  if (!src.ok) return undefined;
  const parsed = parseSource(file, src.text);
  if (!parsed.ok) return undefined;
  const data = parsed.parsed.data;
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
}

/** readDesign, each file read and parsed once: problem check's proofs read the same starter and references. */
export function designReader(): DesignReader {
  const seen = new Map<string, Record<string, unknown> | undefined>();
  return (file) => {
    if (!seen.has(file)) seen.set(file, readDesign(file));
    return seen.get(file);
  };
}
