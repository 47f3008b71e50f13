// A reader for the plain YAML that spec files are written in (block mappings and sequences, one-line and
// multi-line flow mappings and lists, plain and simply quoted scalars, literal and folded block scalars), which
// records where every key, value and item starts as it goes. It walks lines and tokens with sticky regular
// expressions, which V8 runs natively: a CLI run executes each parse once, mostly in the interpreter, where a
// character-by-character parser (js-yaml) spends most of a grade's start on an 11 kB spec.
// Anything outside that subset (a multi-line plain scalar, an escape in a double-quoted string, a number in a
// form other than plain decimal, a key that is not a plain name, a duplicate key, a tab, a CR) returns undefined
// and the text goes to js-yaml (fast-locate.ts), and any error there to the full parser: this reader only
// answers where its answer is the one js-yaml's core schema would give (test/specfile/plain-yaml.test.ts holds it
// to js-yaml's data and positions on every YAML file in the repository).
import type { Locator } from './locate.js';
import { spotLocator, type Spot } from './spots.js';

class NotPlain extends Error {}
const NOT_PLAIN = new NotPlain();
function bail(): never {
  throw NOT_PLAIN;
}

// A key: a plain name as spec fields and ids are written ([A-Za-z0-9_][A-Za-z0-9_./-]*), followed by ':' and a blank or
// the line's end (a block mapping's), or a blank, a line break, "," "}" or "]" (a flow mapping's): KEY_CHAR below.
// The rest of a line after a value: blanks, then a comment (after at least one blank) or nothing.
const LINE_END = /(?: +#[^\n]*| *)(?=\n|$)/y;
const SINGLE = /'((?:[^'\n]|'')*)'/y;
const DOUBLE = /"([^"\\\n]*)"/y;
// Blanks, line breaks and comments between flow tokens (a comment needs a blank or a line start before "#").
const FLOW_SPACE = /(?:[ \n]|(?<=^|[ \n])#[^\n]*)*/y;
const BLOCK_HEADER = /([|>])(-?)(?: +#[^\n]*| *)(?=\n|$)/y;
const INT = /^[-+]?(?:0|[1-9][0-9]*)$/;
const FLOAT = /^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/;
// What a plain scalar may not start with (YAML indicators), and what may start a number or a special float.
const INDICATOR = /^(?:[,[\]{}#&*!|>'"%@`]|[-?:](?: |$))/;
/**
 * Characters js-yaml reads its own way: tabs, CR and the other line breaks; blanks other than a space (String.prototype.trim
 * drops them, js-yaml keeps them); and what it rejects as non-printable (controls, U+FFFE, U+FFFF, a lone surrogate).
 */
const OUTSIDE =
  // eslint-disable-next-line no-control-regex -- the control characters are what it looks for
  /[\t\r\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
/** Collections nested deeper are left to js-yaml, whose own limit is 100. */
const MAX_DEPTH = 50;
const WORD = /^[a-z][a-z0-9_./-]*$/;
const DIGITS = /^[0-9]+$/;
const NUMBER_CHARS = /^[-+.0-9][0-9A-Za-z_+.-]*$/;
const NUMERIC_START = /^[-+.0-9]/;
const MAGNITUDE = /^[-+]?[0-9]+(?:\.[0-9]+)?(?:k|K|M|G|T|bn|mn)$/;

/** A plain scalar as js-yaml's core schema reads it; bails on any form the two might read differently. */
function plainScalar(s: string): unknown {
  // Most scalars in a spec are ids, kinds and whole numbers: read those without the regular expressions below.
  const first = s.charCodeAt(0);
  if (first >= 97 && first <= 122) {
    // A lower-case word of key characters ([a-z0-9_./-]) is a string, but for the three such words YAML reads otherwise.
    if (WORD.test(s)) return s === 'null' ? null : s === 'true' ? true : s === 'false' ? false : s;
  } else if (first >= 49 && first <= 57 && DIGITS.test(s)) {
    // Digits, not led by 0: a whole number (a double past the largest one stays a string in js-yaml).
    const v = Number(s);
    if (!Number.isFinite(v)) bail();
    return v;
  }
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  if (NUMERIC_START.test(s)) {
    if (INT.test(s) || FLOAT.test(s)) {
      const v = Number(s);
      // js-yaml keeps a figure past the largest double as a string; -0 is its own case.
      if (!Number.isFinite(v) || Object.is(v, -0) || s === '+0') bail();
      return v;
    }
    // Other numbers (1_000, 0x1F, .inf, 0o7) are made of these characters; "1490 req/s" is a string, and so is a
    // figure with a magnitude (10k, 2.5M, 1bn: no YAML reader takes a trailing letter other than e for a number).
    if (NUMBER_CHARS.test(s) && !MAGNITUDE.test(s)) bail();
  }
  // A string: but not one a YAML reader could take for structure (": " inside, an indicator first).
  if (INDICATOR.test(s) || s.includes(': ') || s.includes(' #') || s.endsWith(':')) bail();
  return s;
}

/** 1 for the characters of a key ([A-Za-z0-9_./-]), 2 for those that may also start one ([A-Za-z0-9_]). */
const KEY_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9_]/.test(ch)) KEY_CHAR[c] = 2;
  else if (/[./-]/.test(ch)) KEY_CHAR[c] = 1;
}

/** The longest implicit key the full parser (the yaml package) takes: a longer one is its error, not data. */
const MAX_KEY = 1024;

/**
 * A mapping key as js-yaml names it: a key it would read as a number, null or a boolean in another spelling is
 * declined, and so is null itself (js-yaml names it "null", the yaml package ""), and a key past MAX_KEY.
 */
function plainKey(key: string): string {
  if (key === '__proto__' || key.length > MAX_KEY) bail();
  // A plain scalar is null, a boolean, a number or a string.
  const read = plainScalar(key) as string | number | boolean | null;
  if (read === null || String(read) !== key) bail();
  return key;
}

export interface PlainLoad {
  data: Record<string, unknown>;
  locate: Locator;
}

/** The data of a plain YAML mapping document and a locator for it; undefined when the text is outside the subset. */
export function readPlainYaml(text: string): PlainLoad | undefined {
  if (OUTSIDE.test(text)) return undefined;
  const n = text.length;
  let pos = 0; // the offset being read
  let depth = 0; // collections open around pos
  const enter = () => {
    if (++depth > MAX_DEPTH) bail();
  };

  /** The offset of the next line's first non-blank character after `from` skipping blank and comment lines; -1 at the end. */
  const nextContent = (from: number): number => {
    let i = from;
    for (;;) {
      while (i < n && text.charCodeAt(i) === 32) i++;
      if (i >= n) return -1;
      const ch = text.charCodeAt(i);
      if (ch === 10) i++;
      else if (ch === 35) {
        const nl = text.indexOf('\n', i);
        if (nl === -1) return -1;
        i = nl + 1;
      } else return i;
    }
  };
  const columnOf = (offset: number): number => offset - (text.lastIndexOf('\n', offset - 1) + 1);
  /** The offset of the ":" after a key (KEY's name part) starting at `from`, or -1 when no key starts there. */
  const keyColon = (from: number): number => {
    const first = text.charCodeAt(from);
    if (!(first < 128 && KEY_CHAR[first] === 2)) return -1;
    let i = from + 1;
    for (let c = text.charCodeAt(i); c < 128 && KEY_CHAR[c]! > 0; c = text.charCodeAt(++i));
    return text.charCodeAt(i) === 58 ? i : -1;
  };
  /** As keyColon, for a block mapping's key: the ":" followed by a blank, a line break or the text's end. */
  const blockKeyColon = (from: number): number => {
    const colon = keyColon(from);
    if (colon === -1) return -1;
    const after = text.charCodeAt(colon + 1);
    return after === 32 || after === 10 || colon + 1 >= n ? colon : -1;
  };
  /** Whether a block sequence entry ("- " or a "-" that ends its line) starts at `at`. */
  const isDash = (at: number): boolean =>
    text.charCodeAt(at) === 45 && (at + 1 >= n || text.charCodeAt(at + 1) === 32 || text.charCodeAt(at + 1) === 10);
  const toLineEnd = (from: number): number => {
    const nl = text.indexOf('\n', from);
    return nl === -1 ? n : nl;
  };
  const endOfLine = (from: number): number => {
    LINE_END.lastIndex = from;
    if (!LINE_END.test(text)) bail();
    return LINE_END.lastIndex; // at "\n" or the end
  };

  /** A block node that starts at offset `at` (its first character), in a parent indented `parent` columns. */
  const blockNode = (at: number, parent: number, spot: Spot): unknown => {
    const col = columnOf(at);
    if (isDash(at)) return blockSequence(at, col, spot);
    if (col <= parent) bail();
    return blockMapping(at, col, spot);
  };

  /** A value after "key:" or "- " on the same line, at offset `at`; `indent` is the enclosing block's column. */
  const inlineValue = (at: number, indent: number, spot: Spot): unknown => {
    const ch = text.charCodeAt(at);
    if (ch === 123 || ch === 91) {
      pos = at;
      const v = flowNode(indent, spot);
      pos = endOfLine(pos);
      return v;
    }
    if (ch === 124 || ch === 62) return blockScalar(at, indent);
    if (ch === 39 || ch === 34) {
      const re = ch === 39 ? SINGLE : DOUBLE;
      re.lastIndex = at;
      const m = re.exec(text);
      if (!m) bail();
      pos = endOfLine(re.lastIndex);
      return ch === 39 ? m[1]!.replace(/''/g, "'") : m[1]!;
    }
    // Up to a comment (" #") or the line's end, found by indexOf: a regex that tests for " #" at every blank is
    // quadratic in a run of blanks.
    const lineEnd = toLineEnd(at);
    const line = text.slice(at, lineEnd);
    const hash = line.indexOf(' #');
    const end = hash === -1 ? lineEnd : at + hash;
    const raw = (hash === -1 ? line : line.slice(0, hash)).trimEnd();
    pos = endOfLine(end);
    // A plain scalar continued on a more indented line is one multi-line scalar: not this reader's.
    const next = nextContent(pos);
    if (next !== -1 && columnOf(next) > indent) bail();
    return plainScalar(raw);
  };

  /** The value of "key:" whose text starts after the colon at `from`; the key's spot gets the value's offset. */
  const pairValue = (from: number, keyAt: number, indent: number, child: Spot): unknown => {
    let i = from;
    while (i < n && text.charCodeAt(i) === 32) i++;
    const ch = i < n ? text.charCodeAt(i) : 10;
    if (ch === 10 || ch === 35) {
      // Nothing on this line: a block node on the next content line, or an empty value (null).
      const next = nextContent(i);
      const nested = next !== -1 && (columnOf(next) > indent || (columnOf(next) === indent && isDash(next)));
      if (!nested) {
        child.value = keyAt;
        pos = ch === 35 ? toLineEnd(i) : i;
        return null;
      }
      child.value = next;
      return blockNode(next, indent - 1, child);
    }
    child.value = i;
    return inlineValue(i, indent, child);
  };

  /**
   * Whether the block collection at column `col` ends before the content at `next` (-1: the text's end), leaving it
   * there if so; at the end, pos moves to it, so enclosing levels do not scan the trailing blank and comment lines again.
   */
  const ends = (next: number, col: number): boolean => {
    if (next !== -1 && columnOf(next) >= col) return false;
    pos = next === -1 ? n : next;
    depth--;
    return true;
  };

  const blockMapping = (at: number, col: number, spot: Spot): Record<string, unknown> => {
    enter();
    const out: Record<string, unknown> = {};
    const children = (spot.children = new Map<string, Spot>());
    let i = at;
    for (;;) {
      const colon = blockKeyColon(i);
      if (colon === -1) bail();
      const key = plainKey(text.slice(i, colon));
      if (children.has(key)) bail();
      const child: Spot = { key: i, value: i };
      children.set(key, child);
      out[key] = pairValue(colon + 1, i, col, child);
      const next = nextContent(pos);
      if (ends(next, col)) return out;
      if (columnOf(next) > col) bail();
      i = next;
    }
  };

  const blockSequence = (at: number, col: number, spot: Spot): unknown[] => {
    enter();
    const out: unknown[] = [];
    const children = (spot.children = new Map<string, Spot>());
    let i = at;
    for (;;) {
      // i is at "-"; the item starts at the first character after "- " on this line, else on the next lines.
      let j = i + 1;
      while (j < n && text.charCodeAt(j) === 32) j++;
      const child: Spot = { value: j };
      children.set(String(out.length), child);
      const ch = j < n ? text.charCodeAt(j) : 10;
      if (ch === 10 || ch === 35) {
        const next = nextContent(j);
        // "- " and nothing (a null item): js-yaml then reads a following, shallower "- " into this list.
        if (next === -1 || columnOf(next) <= col) bail();
        else {
          child.value = next;
          out.push(blockNode(next, col, child));
        }
      } else if (isDash(j)) {
        bail(); // "- - a": a compact nested list
      } else {
        if (blockKeyColon(j) !== -1) out.push(blockMapping(j, columnOf(j), child));
        else out.push(inlineValue(j, col, child));
      }
      const next = nextContent(pos);
      if (ends(next, col)) return out;
      if (columnOf(next) > col) bail();
      if (!isDash(next)) {
        pos = next; // the parent mapping's next key, at the same column as this list's dashes
        depth--;
        return out;
      }
      i = next;
    }
  };

  /** A flow mapping or list at `pos`; continuation lines must be indented past `indent`. */
  const flowNode = (indent: number, spot: Spot): unknown => {
    const open = text.charCodeAt(pos);
    const close = open === 123 ? 125 : 93;
    pos++;
    enter();
    const children = (spot.children = new Map<string, Spot>());
    const map: Record<string, unknown> | undefined = open === 123 ? {} : undefined;
    const list: unknown[] | undefined = open === 91 ? [] : undefined;
    // Blanks, line breaks and comments between flow tokens (a comment needs a blank or a line start before "#").
    const space = () => {
      let i = pos;
      let broke = false;
      for (;;) {
        const ch = text.charCodeAt(i);
        if (ch === 32) i++;
        else if (ch === 10) {
          i++;
          broke = true;
        } else if (ch === 35 && (i === 0 || text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 10)) {
          const nl = text.indexOf('\n', i);
          i = nl === -1 ? n : nl;
        } else break;
      }
      if (broke && i < n && columnOf(i) <= indent) bail();
      pos = i;
    };
    space();
    if (text.charCodeAt(pos) === close) {
      pos++;
      depth--;
      return map ?? list;
    }
    for (;;) {
      let child: Spot;
      if (map) {
        const colon = keyColon(pos);
        const after = text.charCodeAt(colon + 1);
        if (colon === -1 || !(after === 32 || after === 10 || after === 44 || after === 125 || after === 93)) bail();
        const key = plainKey(text.slice(pos, colon));
        if (children.has(key)) bail();
        child = { key: pos, value: pos };
        children.set(key, child);
        pos = colon + 1;
        space();
        child.value = pos;
        map[key] = flowValue(indent, child);
      } else {
        child = { value: pos };
        children.set(String(list!.length), child);
        list!.push(flowValue(indent, child));
      }
      space();
      const ch = text.charCodeAt(pos);
      if (ch === close) {
        pos++;
        depth--;
        return map ?? list;
      }
      if (ch !== 44) bail();
      pos++;
      space();
      if (text.charCodeAt(pos) === close) {
        pos++; // a trailing comma
        depth--;
        return map ?? list;
      }
    }
  };

  const flowValue = (indent: number, spot: Spot): unknown => {
    const ch = text.charCodeAt(pos);
    if (ch === 123 || ch === 91) return flowNode(indent, spot);
    if (ch === 39 || ch === 34) {
      const re = ch === 39 ? SINGLE : DOUBLE;
      re.lastIndex = pos;
      const m = re.exec(text);
      if (!m) bail();
      pos = re.lastIndex;
      return ch === 39 ? m[1]!.replace(/''/g, "'") : m[1]!;
    }
    if (ch === 44 || ch === 125 || ch === 93) bail(); // an empty value: js-yaml's null, not worth the case
    // A plain scalar in a flow collection: up to an indicator of the flow ([ ] { } ,) or a line break.
    let end = pos;
    for (;;) {
      const c = text.charCodeAt(end);
      if (c === 44 || c === 93 || c === 125 || c === 10 || c === 91 || c === 123 || end >= n) break;
      if (c === 35) bail();
      end++;
    }
    const raw = text.slice(pos, end);
    if (end >= n) bail();
    if (text.charCodeAt(end) === 10) {
      // A plain scalar runs on to the next line unless a flow indicator comes first there.
      FLOW_SPACE.lastIndex = end;
      FLOW_SPACE.test(text);
      const after = text.charCodeAt(FLOW_SPACE.lastIndex);
      if (after !== 44 && after !== 125 && after !== 93) bail();
      end -= raw.length - raw.trimEnd().length;
    }
    pos = end;
    return plainScalar(raw.trimEnd());
  };

  /** A literal (|) or folded (>) block scalar, clipped or stripped (-); its header at `at`, its parent at column `indent`. */
  const blockScalar = (at: number, indent: number): string => {
    BLOCK_HEADER.lastIndex = at;
    const h = BLOCK_HEADER.exec(text);
    if (!h) bail();
    const literal = h[1] === '|';
    const strip = h[2] === '-';
    let i = BLOCK_HEADER.lastIndex + 1; // past the header's line break
    const lines: string[] = [];
    let blockIndent = -1;
    let end = BLOCK_HEADER.lastIndex;
    while (i <= n && i > 0) {
      const nl = text.indexOf('\n', i);
      const lineEnd = nl === -1 ? n : nl;
      const line = text.slice(i, lineEnd);
      const content = line.trimStart();
      const lead = line.length - content.length;
      if (content === '') {
        if (blockIndent === -1 || line.length > blockIndent) bail(); // leading blank lines, or blanks that are content
        lines.push('');
      } else {
        if (lead <= indent) break;
        if (blockIndent === -1) blockIndent = lead;
        if (lead < blockIndent) bail();
        // More-indented lines keep their breaks when folded; trailing blanks are content.
        if ((lead > blockIndent && !literal) || line.endsWith(' ')) bail();
        lines.push(line.slice(blockIndent));
        end = lineEnd;
      }
      if (nl === -1) break;
      i = nl + 1;
    }
    if (blockIndent === -1) bail();
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    if (!literal && lines.includes('')) bail(); // a blank line inside a folded scalar is a line break
    pos = end;
    const body = literal ? lines.join('\n') : lines.join(' ');
    return strip ? body : `${body}\n`;
  };

  const root: Spot = { value: 0 };
  let data: unknown;
  try {
    const first = nextContent(0);
    if (first === -1 || columnOf(first) !== 0) return undefined;
    root.value = first;
    data = blockNode(first, -1, root);
    if (nextContent(pos) !== -1) return undefined;
  } catch (err) {
    if (err === NOT_PLAIN) return undefined;
    throw err;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;

  const locate = spotLocator(text, () => root);
  return { data: data as Record<string, unknown>, locate };
}
