// Parses spec text (YAML or JSON) into plain data plus a YAML document that keeps source positions.
// JSON is parsed strictly first (so a trailing comma is an error, as JSON says), then through `yaml` for positions.
import type { Document, DocumentOptions, LineCounter, Node, ParseOptions, SchemaOptions } from 'yaml';
import { yamlLib } from './yaml-lib.js';
import { LIMITS } from '../data/figures.js';
import { capDiagnostics, MAX_DIAGNOSTICS, type Diagnostic } from './diagnostic.js';
import { sanitizeTerminal } from './sanitize.js';

export type SpecFormat = 'yaml' | 'json';

export interface ParsedSource {
  file: string;
  text: string;
  format: SpecFormat;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  data: unknown;
}

export type ParseResult =
  { ok: true; parsed: ParsedSource } | { ok: false; diagnostics: Diagnostic[]; partial?: Omit<ParsedSource, 'data'> };

export function detectFormat(file: string, text: string): SpecFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return /^\s*[{[]/.test(text) && !/^\s*\[\s*[^\]\s]/.test(text.split('\n')[0] ?? '') ? 'json' : 'yaml';
}

const YAML_HINTS: Record<string, string> = {
  DUPLICATE_KEY: 'duplicate key: each key may appear only once in a mapping',
  TAB_AS_INDENT: 'tab character used for indentation: YAML indents with spaces only',
  BAD_INDENT: 'bad indentation: items of one mapping or list must line up',
  MISSING_CHAR: 'missing closing character',
  MULTIPLE_DOCS: 'more than one YAML document (---) in the file: a spec is one document',
  BLOCK_AS_IMPLICIT_KEY: 'a nested block cannot be used as a key: is a colon or indentation off?',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line: is a colon missing, or a quote left open?',
  UNEXPECTED_TOKEN: 'unexpected text',
  BAD_SCALAR_START: 'a plain value cannot start with this character: quote it',
  ALIAS_PROPS: 'an alias cannot have a tag or anchor',
  BAD_ALIAS: 'alias to an anchor that does not exist',
  TAG_RESOLVE_FAILED: 'unknown YAML tag',
  RESOURCE_EXHAUSTION: 'nesting is too deep to be a spec',
};

/**
 * A spec nests about six levels. Composing a YAML document recurses once per level, so thousands of
 * levels exhaust the stack, and V8 can then abort the whole process instead of throwing. Nesting is
 * therefore measured while yaml's CST parser (which keeps an explicit stack) reads the text, before composing.
 */
export const MAX_NESTING = 64;

class TooDeep extends Error {
  constructor(readonly offset: number) {
    super('too deep');
  }
}

function* checkedTokens(text: string, lineCounter: LineCounter) {
  const { Parser, Lexer } = yamlLib();
  const parser = new Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0);
  for (const lexeme of new Lexer().lex(text)) {
    yield* parser.next(lexeme);
    if (parser.stack.length > MAX_NESTING) throw new TooDeep(Math.max(0, parser.offset - lexeme.length));
  }
  yield* parser.end();
}

/**
 * yaml's parseDocument, with the nesting check on its token stream. Keys are checked for uniqueness by
 * duplicateKeys below, not by yaml's `uniqueKeys`, which compares every pair of keys in a mapping and so
 * took minutes on a 2 MB mapping.
 */
function parseYaml(text: string, lineCounter: LineCounter): Document.Parsed | TooDeep {
  const { Composer, YAMLParseError } = yamlLib();
  // resolveKnownTags: false keeps YAML 1.1 tags (!!binary, !!set, !!timestamp) from turning values into
  // Buffers, Sets and Dates, which are not spec data; logLevel 'error' keeps yaml from printing process warnings.
  const options: ParseOptions & DocumentOptions & SchemaOptions = {
    uniqueKeys: false,
    prettyErrors: false,
    strict: true,
    keepSourceTokens: false,
    resolveKnownTags: false,
    logLevel: 'error',
  };
  let doc: Document.Parsed | undefined;
  try {
    for (const next of new Composer(options).compose(checkedTokens(text, lineCounter), true, text.length)) {
      if (!doc) {
        doc = next;
      } else {
        doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
        break;
      }
    }
  } catch (err) {
    if (err instanceof TooDeep) return err;
    throw err;
  }
  return doc!;
}

/** Keys that are lists or mappings ("? [a, b]: x"), which no spec field can be. */
function complexKeys(doc: Document.Parsed): Node[] {
  const { visit, isCollection } = yamlLib();
  const out: Node[] = [];
  visit(doc, {
    Pair(_key, pair) {
      if (isCollection(pair.key)) out.push(pair.key);
    },
  });
  return out;
}

/** Every key that repeats an earlier key of the same mapping (as the keys of the resulting object: 1 and "1" clash). */
function duplicateKeys(doc: Document.Parsed): { key: Node; name: string; first: Node }[] {
  const { visit, isScalar } = yamlLib();
  const out: { key: Node; name: string; first: Node }[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Map<string, Node>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        const first = seen.get(name);
        if (first) out.push({ key: pair.key, name, first });
        else seen.set(name, pair.key);
      }
    },
  });
  return out;
}

function tooDeep(file: string, where?: { line: number; column: number }): Diagnostic {
  return {
    file,
    ...(where ?? {}),
    message: `nesting is too deep to be a spec (more than ${MAX_NESTING} levels of lists and mappings)`,
    code: 'too-deep',
    severity: 'error',
  };
}

/** The node whose source range satisfies `test` (first in document order). */
function findNode(doc: Document.Parsed, test: (node: Node) => boolean): Node | undefined {
  const { visit } = yamlLib();
  let found: Node | undefined;
  visit(doc, {
    Node(_key, node) {
      if (test(node)) {
        found = node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** Rewrites yaml's terse messages for the mistakes learners make most, pointing where the mistake starts. */
function explainYamlError(
  doc: Document.Parsed,
  code: string,
  detail: string,
  offset: number,
): { message: string; offset: number } | undefined {
  const { isScalar, isCollection } = yamlLib();
  const quote = /^Missing closing (["'])quote/.exec(detail);
  if (quote) {
    const q = quote[1]!;
    const node = findNode(doc, (n) => isScalar(n) && (n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE') && n.range?.[1] === offset);
    return {
      message: `a quoted value is never closed: the ${q} that starts it has no closing ${q}, so the rest of the file became part of the text`,
      offset: node?.range?.[0] ?? offset,
    };
  }
  const flow = /^Flow (map|sequence).* end with a ([}\]])$/.exec(detail);
  if (flow && (code === 'MISSING_CHAR' || code === 'BAD_INDENT')) {
    const [, kind, close] = flow;
    const node = findNode(doc, (n) => isCollection(n) && n.flow === true && n.range?.[1] === offset);
    const open = close === '}' ? '{' : '[';
    return {
      message: `this ${open} is never closed: add the ${close} that ends the ${kind === 'map' ? 'mapping' : 'list'} (a flow ${kind} continued on later lines must also be indented further than its key)`,
      offset: node?.range?.[0] ?? offset,
    };
  }
  return undefined;
}

function cleanYamlMessage(message: string): string {
  // yaml appends " at line L, column C" and a code frame when prettyErrors is on; we print positions ourselves.
  return message
    .split('\n')[0]!
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
}

function positionOf(lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/**
 * Where JSON.parse stopped. V8 names a position for most errors, but for an unexpected token it gives only
 * up to 10 characters of context either side ("Unexpected token ']', ..."x",],"... is not valid JSON").
 */
function jsonErrorOffset(text: string, message: string): number | undefined {
  const m = /position (\d+)/.exec(message);
  if (m) return Number(m[1]);
  const t = /^Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*?)"(\.\.\.)? is not valid JSON/.exec(message);
  if (!t) return undefined;
  const [, token, before, context, after] = t as unknown as [string, string, string | undefined, string, string | undefined];
  const CONTEXT = 10;
  if (!before && !after) return text.indexOf(token);
  if (!before) return context.length - CONTEXT;
  if (!after) return text.length - context.length + CONTEXT;
  for (let i = text.indexOf(context); i >= 0; i = text.indexOf(context, i + 1)) if (text[i + CONTEXT] === token) return i + CONTEXT;
  return undefined;
}

function jsonError(file: string, text: string, err: Error): Diagnostic {
  const pos = jsonErrorOffset(text, err.message);
  let raw = err.message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)$/, '');
  const token = /^Unexpected token '([\s\S])'/.exec(raw);
  if (token)
    raw = `unexpected ${JSON.stringify(token[1])}${/[A-Za-z]/.test(token[1]!) ? ' (text needs double quotes; only true, false and null are written bare)' : ''}`;
  else if (/^Unexpected end of JSON input/.test(raw)) raw = 'the file ends before the JSON is complete (is a } or ] missing?)';
  else raw = raw.charAt(0).toLowerCase() + raw.slice(1);
  if (pos === undefined || pos < 0 || pos > text.length) {
    const lines = text.split('\n');
    return {
      file,
      line: lines.length,
      column: (lines.at(-1)?.length ?? 0) + 1,
      message: `invalid JSON: ${raw}`,
      code: 'json-syntax',
      severity: 'error',
    };
  }
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  const prev = before.replace(/\s+$/, '');
  if (prev.endsWith(',') && /^[}\]]/.test(text.slice(pos).trimStart())) {
    const at = prev.length - 1;
    const b = text.slice(0, at);
    return {
      file,
      line: b.split('\n').length,
      column: at - b.lastIndexOf('\n'),
      message: 'trailing comma: JSON allows no comma before } or ] (remove it, or write the spec in YAML)',
      code: 'json-trailing-comma',
      severity: 'error',
    };
  }
  if (text.slice(pos).startsWith('/')) {
    return {
      file,
      line,
      column,
      message: 'comments are not allowed in JSON (write the spec in YAML to keep comments)',
      code: 'json-comment',
      severity: 'error',
    };
  }
  if (text[pos] === "'") {
    return {
      file,
      line,
      column,
      message: 'JSON strings and keys take double quotes ("), not single quotes',
      code: 'json-syntax',
      severity: 'error',
    };
  }
  return { file, line, column, message: `invalid JSON: ${raw}`, code: 'json-syntax', severity: 'error' };
}

export function parseSource(file: string, text: string, format: SpecFormat = detectFormat(file, text)): ParseResult {
  const { LineCounter, isAlias } = yamlLib();
  // A UTF-8 byte-order mark (editors on Windows add one) is not an error; JSON.parse would reject it.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const diagnostics: Diagnostic[] = [];
  let jsonData: unknown;
  if (format === 'json') {
    try {
      jsonData = JSON.parse(text);
    } catch (err) {
      if (text.trim() === '') return { ok: false, diagnostics: [emptyFile(file)] };
      return { ok: false, diagnostics: [jsonError(file, text, err as Error)] };
    }
  }

  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    const parsed = parseYaml(text, lineCounter);
    if (parsed instanceof TooDeep) return { ok: false, diagnostics: [tooDeep(file, positionOf(lineCounter, parsed.offset))] };
    doc = parsed;
  } catch (err) {
    return {
      ok: false,
      diagnostics: [{ file, message: `cannot be parsed: ${(err as Error).message}`, code: 'parse-failed', severity: 'error' }],
    };
  }
  const partial = { file, text, format, doc, lineCounter };

  // A strict JSON parse already succeeded: only duplicate keys (which JSON.parse silently merges) matter,
  // and duplicateKeys finds those. Of YAML's errors, the first MAX_DIAGNOSTICS are explained (each explanation
  // may search the document) and the rest counted: 600,000 of them took 30 s and ended in a stack overflow.
  const yamlErrors = format === 'json' ? [] : doc.errors;
  const uncounted = Math.max(0, yamlErrors.length - MAX_DIAGNOSTICS);
  for (const e of yamlErrors.slice(0, MAX_DIAGNOSTICS)) {
    const hint = YAML_HINTS[e.code];
    const detail = cleanYamlMessage(e.message);
    const explained = explainYamlError(doc, e.code, detail, e.pos[0]);
    const message =
      explained?.message ?? (hint ? (e.code === 'UNEXPECTED_TOKEN' || e.code === 'MISSING_CHAR' ? `${hint}: ${detail}` : hint) : detail);
    const code = e.code === 'RESOURCE_EXHAUSTION' ? 'too-deep' : `yaml-${e.code.toLowerCase().replace(/_/g, '-')}`;
    diagnostics.push({ file, ...positionOf(lineCounter, explained?.offset ?? e.pos[0]), message, code, severity: 'error' });
  }
  for (const { key, name, first } of duplicateKeys(doc)) {
    const firstLine = first.range ? ` (first on line ${lineCounter.linePos(first.range[0]).line})` : '';
    diagnostics.push({
      file,
      ...positionOf(lineCounter, key.range?.[0] ?? 0),
      message: `duplicate key ${sanitizeTerminal(JSON.stringify(name))}${firstLine}: each key may appear only once in a mapping`,
      code: 'yaml-duplicate-key',
      severity: 'error',
    });
  }
  for (const key of complexKeys(doc)) {
    diagnostics.push({
      file,
      ...positionOf(lineCounter, key.range?.[0] ?? 0),
      message: 'a key must be a plain name, not a list or a mapping (is a "?" or a bracket out of place?)',
      code: 'yaml-complex-key',
      severity: 'error',
    });
  }
  diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  if (diagnostics.length)
    return { ok: false, diagnostics: capDiagnostics<Diagnostic>(dedupe(diagnostics), MAX_DIAGNOSTICS, uncounted), partial };

  if (doc.contents === null || (format === 'json' && jsonData === null && text.trim() === '')) {
    return { ok: false, diagnostics: [emptyFile(file, text)], partial };
  }

  let data: unknown;
  if (format === 'json') {
    data = jsonData;
  } else {
    try {
      data = doc.toJS({ maxAliasCount: LIMITS.maxAliasCount });
    } catch (err) {
      const msg = (err as Error).message;
      const unresolved = /^Unresolved alias.*: (.*)$/.exec(msg);
      if (unresolved) {
        const name = unresolved[1]!;
        const alias = findNode(doc, (n) => isAlias(n) && n.source === name);
        return {
          ok: false,
          diagnostics: [
            {
              file,
              ...(alias?.range ? positionOf(lineCounter, alias.range[0]) : {}),
              message: `alias *${name} refers to no anchor: define &${name} on a value above it, or remove the *`,
              code: 'yaml-bad-alias',
              severity: 'error',
            },
          ],
          partial,
        };
      }
      if (/alias/i.test(msg)) {
        const alias = firstAliasOffset(text);
        return {
          ok: false,
          diagnostics: [
            {
              file,
              ...(alias !== undefined ? positionOf(lineCounter, alias) : {}),
              message: `too many alias expansions (over ${LIMITS.maxAliasCount}): the file expands into an enormous document (an "alias bomb"), so it is rejected`,
              code: 'yaml-alias-bomb',
              severity: 'error',
            },
          ],
          partial,
        };
      }
      if (err instanceof RangeError) return { ok: false, diagnostics: [tooDeep(file)], partial };
      return {
        ok: false,
        diagnostics: [{ file, message: `cannot be read as data: ${msg}`, code: 'yaml-data', severity: 'error' }],
        partial,
      };
    }
  }
  if (data === null || data === undefined) return { ok: false, diagnostics: [emptyFile(file, text)], partial };
  if (typeof data !== 'object' || Array.isArray(data)) {
    const found = Array.isArray(data) ? 'a list' : `a ${typeof data} (${JSON.stringify(data).slice(0, 40)})`;
    const range = doc.contents?.range;
    return {
      ok: false,
      diagnostics: [
        {
          file,
          ...(range ? positionOf(lineCounter, range[0]) : {}),
          message: `a spec must be a mapping of keys to values at the top level (regions:, components:, ...), but this file holds ${found}`,
          code: 'not-a-mapping',
          severity: 'error',
        },
      ],
      partial,
    };
  }
  return { ok: true, parsed: { ...partial, data } };
}

function emptyFile(file: string, text = ''): Diagnostic {
  const onlyComments = text.trim() !== '';
  return {
    file,
    ...(onlyComments ? { line: 1, column: 1 } : {}),
    message: onlyComments
      ? 'holds only comments: a spec needs at least `regions:` and `components:`'
      : 'is empty: a spec needs at least `regions:` and `components:` (try `sdcoach init <problem>` for a starter)',
    code: 'empty-file',
    severity: 'error',
  };
}

function firstAliasOffset(text: string): number | undefined {
  const m = /(^|[\s[{,])\*[^\s,\]}]+/.exec(text);
  return m ? m.index + m[1]!.length : undefined;
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.line}:${d.column}:${d.code}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
