// A fast path for reading spec data: plain-yaml.ts reads the YAML specs are written in, and js-yaml reads the rest of
// plain YAML about ten times faster than yaml's document parser. It is taken only for text that cannot hold the cases where the two differ
// or where js-yaml is unsafe (anchors and aliases, tags, several documents, tabs, deep nesting);
// anything else, and any error, goes through the full parser, which also gives every position.
// Positions are computed lazily (see load.ts), so a valid spec never pays for them.
import { LIMITS } from '../data/figures.js';
import { loadWithPositions } from './fast-locate.js';
import { readPlainYaml } from './plain-yaml.js';
import type { Locator } from './locate.js';
import type { SpecFormat } from './parse.js';

// Every file sdcoach reads at all (LIMITS.maxFileBytes): a large plain spec must not fall to the
// slower parser, where a 1 MB file with thousands of errors took seconds.
const MAX_FAST_BYTES = LIMITS.maxFileBytes;
const MAX_FAST_DEPTH = 32;
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

/** A line terminator to a multiline regex's ^ (ECMAScript LineTerminator). */
function isLineBreak(ch: number): boolean {
  return ch === 10 || ch === 13 || ch === 0x2028 || ch === 0x2029;
}

/** 1 for the ASCII characters that need no look in needsFullParser inside a line: all but line breaks, brackets and & * ! % ?. */
const PLAIN = new Uint8Array(128).fill(1);
for (const ch of '\n\r[]{}&*!%?') PLAIN[ch.charCodeAt(0)] = 0;

/**
 * Whether the text may hold what the fast path must not read: anchors (&), aliases (*), tags (!),
 * directives (%), explicit keys (?) and document markers, tabs in indentation, brackets nested deeper
 * than MAX_FAST_DEPTH or a line (split at \n) indented by more than 2 * MAX_FAST_DEPTH blanks. One pass
 * over the text; it was a regex (RISKY, kept in test/specfile/fast-parse-scan.test.ts as the reference)
 * plus a second pass for depth, a third of the fast path's own time. The regex's alternatives:
 * - `(^|[[{,:?-])[ \t]*[&*!%]`: an anchor, alias, tag or directive character with, before the blanks
 *   that precede it, the start of a line or one of [ { , : ? - (only the longest run of blanks can
 *   reach either: a shorter one ends at a blank);
 * - `(^|\s)\?(\s|$)`: a "?" between white space (a line break is white space, and \s is isBlank);
 * - `^(---|\.\.\.)(\s|$)`, `^\t`, `^ *\t`: at the start of a line (after any line terminator).
 */
export function needsFullParser(text: string): boolean {
  const n = text.length;
  let depth = 0;
  let lineStart = true;
  let indent = 0;
  let afterBreak = true; // at a regex line start: the text's start or after a line terminator
  for (let i = 0; i < n; i++) {
    const ch = text.charCodeAt(i);
    // Most characters are none of the above, inside a line: nothing to do.
    if (!lineStart && !afterBreak && (ch < 128 ? PLAIN[ch] === 1 : ch !== 0x2028 && ch !== 0x2029)) continue;
    const atBreak = afterBreak;
    afterBreak = isLineBreak(ch);
    // tooDeep: indentation of lines split at \n, and bracket nesting.
    if (lineStart) {
      if (ch !== 10 && isBlank(ch)) {
        if (++indent > 2 * MAX_FAST_DEPTH) return true;
      } else lineStart = false;
    }
    if (ch === 10) {
      lineStart = true;
      indent = 0;
    } else if (ch === 91 || ch === 123) {
      if (++depth > MAX_FAST_DEPTH) return true;
    } else if (ch === 93 || ch === 125) depth--;
    // RISKY, at the start of a regex line: a document marker, or spaces then a tab.
    if (atBreak) {
      if (
        (ch === 45 || ch === 46) &&
        text.charCodeAt(i + 1) === ch &&
        text.charCodeAt(i + 2) === ch &&
        (i + 3 >= n || isBlank(text.charCodeAt(i + 3)))
      )
        return true;
      let k = i;
      while (text.charCodeAt(k) === 32) k++;
      if (text.charCodeAt(k) === 9) return true;
    }
    if (ch === 38 || ch === 42 || ch === 33 || ch === 37) {
      // & * ! %
      let k = i;
      while (k > 0 && (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 9)) k--;
      if (k === 0) return true;
      const before = text.charCodeAt(k - 1);
      // [ { , : ? -
      if (isLineBreak(before) || before === 91 || before === 123 || before === 44 || before === 58 || before === 63 || before === 45)
        return true;
    } else if (ch === 63) {
      // ?
      if ((i === 0 || isBlank(text.charCodeAt(i - 1))) && (i + 1 >= n || isBlank(text.charCodeAt(i + 1)))) return true;
    }
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
  if (needsFullParser(text)) return undefined;
  // Plain YAML, as specs are written, first (plain-yaml.ts); js-yaml for the rest.
  const plain = readPlainYaml(text);
  if (plain) return plain;
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
