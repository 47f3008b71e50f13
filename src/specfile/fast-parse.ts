// A fast path for reading spec data: js-yaml reads a plain YAML file about ten times faster than
// yaml's document parser. It is taken only for text that cannot hold the cases where the two differ
// or where js-yaml is unsafe (anchors and aliases, tags, several documents, tabs, deep nesting);
// anything else, and any error, goes through the full parser, which also gives every position.
// Positions are computed lazily (see load.ts), so a valid spec never pays for them.
import { LIMITS } from '../data/figures.js';
import { loadWithPositions } from './fast-locate.js';
import type { Locator } from './locate.js';
import type { SpecFormat } from './parse.js';

// Every file sdcoach reads at all (LIMITS.maxFileBytes): a large plain spec must not fall to the
// slower parser, where a 1 MB file with thousands of errors took seconds.
const MAX_FAST_BYTES = LIMITS.maxFileBytes;
const MAX_FAST_DEPTH = 32;
// Anchors (&), aliases (*), tags (!), directives (%), explicit keys (?) and document markers.
// The first four only where a node can start: at the start of a line, or after ":", "-", "?", "[",
// "{" or "," and blanks. A "%" or "&" inside a comment or a sentence ("95 % of reads") is text to
// both parsers and no longer sends a plain spec to the slow one.
const RISKY = /(^|[[{,:?-])[ \t]*[&*!%]|(^|\s)\?(\s|$)|^(---|\.\.\.)(\s|$)|^\t|^ *\t/m;

function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 91 || ch === 123) max = Math.max(max, ++depth);
    else if (ch === 93 || ch === 125) depth--;
  }
  return max;
}

/** Whether a character is white space to String.prototype.trimStart (ECMAScript WhiteSpace and LineTerminator, less \n). */
function isBlank(ch: number): boolean {
  return (
    ch === 32 ||
    (ch >= 9 && ch <= 13) ||
    ch === 0xa0 ||
    ch === 0x1680 ||
    (ch >= 0x2000 && ch <= 0x200a) ||
    ch === 0x2028 ||
    ch === 0x2029 ||
    ch === 0x202f ||
    ch === 0x205f ||
    ch === 0x3000 ||
    ch === 0xfeff
  );
}

/**
 * Whether the text is too deep for the fast path: brackets nested deeper than MAX_FAST_DEPTH, or a
 * line (split at \n) indented by more than 2 * MAX_FAST_DEPTH blanks. One pass, no copy of the lines.
 */
function tooDeep(text: string): boolean {
  let depth = 0;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (lineStart) {
      if (ch !== 10 && isBlank(ch)) {
        if (++indent > 2 * MAX_FAST_DEPTH) return true;
        continue;
      }
      lineStart = false;
    }
    if (ch === 10) {
      lineStart = true;
      indent = 0;
    } else if (ch === 91 || ch === 123) {
      if (++depth > MAX_FAST_DEPTH) return true;
    } else if (ch === 93 || ch === 125) depth--;
  }
  return false;
}

function isPlainMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export interface FastParsed {
  data: Record<string, unknown>;
  /** Present for YAML (positions recorded while reading); JSON leaves positions to the full parser. */
  locate?: Locator;
}

/** The spec's data, or undefined when the full parser must handle this text. */
export function fastParse(text: string, format: SpecFormat): FastParsed | undefined {
  if (text.length > MAX_FAST_BYTES) return undefined;
  if (format === 'json') {
    if (bracketDepth(text) > MAX_FAST_DEPTH) return undefined;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return undefined;
    }
    // JSON.parse silently keeps the last of two equal keys; the full parser reports them.
    return isPlainMapping(data) && !hasDuplicateJsonKey(text) ? { data } : undefined;
  }
  if (tooDeep(text) || RISKY.test(text)) return undefined;
  try {
    const { data, locate } = loadWithPositions(text);
    return isPlainMapping(data) ? { data, locate } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether some JSON object repeats a key (keys repeat legitimately across objects: every component has "kind"). */
export function hasDuplicateJsonKey(text: string): boolean {
  const stack: (Set<string> | null)[] = [];
  const re = /"((?:[^"\\]|\\.)*)"(\s*:)?|[{}[\]]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const tok = m[0];
    if (tok === '{') stack.push(new Set());
    else if (tok === '[') stack.push(null);
    else if (tok === '}' || tok === ']') stack.pop();
    else if (m[2]) {
      const keys = stack.at(-1);
      if (!keys) continue;
      if (keys.has(m[1]!)) return true;
      keys.add(m[1]!);
    }
  }
  return false;
}
