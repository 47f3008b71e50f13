// Parses spec text (YAML or JSON) into plain data plus a YAML document that keeps source positions.
// JSON is parsed strictly first (so a trailing comma is an error, as JSON says), then through `yaml` for positions.
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { LIMITS } from '../data/figures.js';
import type { Diagnostic } from './diagnostic.js';

export type SpecFormat = 'yaml' | 'json';

export interface ParsedSource {
  file: string;
  text: string;
  format: SpecFormat;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  data: unknown;
}

export type ParseResult = { ok: true; parsed: ParsedSource } | { ok: false; diagnostics: Diagnostic[]; partial?: Omit<ParsedSource, 'data'> };

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
};

function cleanYamlMessage(message: string): string {
  // yaml appends " at line L, column C" and a code frame when prettyErrors is on; we print positions ourselves.
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
}

function positionOf(lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function jsonError(file: string, text: string, err: Error): Diagnostic {
  const m = /position (\d+)/.exec(err.message);
  const raw = err.message.replace(/\s*in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '');
  if (!m) {
    const lines = text.split('\n');
    return { file, line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1, message: `invalid JSON: ${raw}`, code: 'json-syntax', severity: 'error' };
  }
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  const prev = before.replace(/\s+$/, '');
  if (prev.endsWith(',') && /^[}\]]/.test(text.slice(pos).trimStart())) {
    const at = prev.length - 1;
    const b = text.slice(0, at);
    return {
      file, line: b.split('\n').length, column: at - b.lastIndexOf('\n'),
      message: 'trailing comma: JSON allows no comma before } or ] (remove it, or write the spec in YAML)',
      code: 'json-trailing-comma', severity: 'error',
    };
  }
  if (text.slice(pos).startsWith('/')) {
    return { file, line, column, message: 'comments are not allowed in JSON (write the spec in YAML to keep comments)', code: 'json-comment', severity: 'error' };
  }
  return { file, line, column, message: `invalid JSON: ${raw}`, code: 'json-syntax', severity: 'error' };
}

export function parseSource(file: string, text: string, format: SpecFormat = detectFormat(file, text)): ParseResult {
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
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, keepSourceTokens: false });
  } catch (err) {
    return { ok: false, diagnostics: [{ file, message: `cannot be parsed: ${(err as Error).message}`, code: 'parse-failed', severity: 'error' }] };
  }
  const partial = { file, text, format, doc, lineCounter };

  for (const e of doc.errors) {
    // A strict JSON parse already succeeded: only duplicate keys (which JSON.parse silently merges) matter.
    if (format === 'json' && e.code !== 'DUPLICATE_KEY') continue;
    const hint = YAML_HINTS[e.code];
    const detail = cleanYamlMessage(e.message);
    const message = hint ? (e.code === 'UNEXPECTED_TOKEN' || e.code === 'MISSING_CHAR' ? `${hint}: ${detail}` : hint) : detail;
    diagnostics.push({ file, ...positionOf(lineCounter, e.pos[0]), message, code: `yaml-${e.code.toLowerCase().replace(/_/g, '-')}`, severity: 'error' });
  }
  if (diagnostics.length) return { ok: false, diagnostics: dedupe(diagnostics), partial };

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
      if (/alias/i.test(msg)) {
        const alias = firstAliasOffset(text);
        return {
          ok: false,
          diagnostics: [{
            file, ...(alias !== undefined ? positionOf(lineCounter, alias) : {}),
            message: `too many alias expansions (over ${LIMITS.maxAliasCount}): the file expands into an enormous document (an "alias bomb"), so it is rejected`,
            code: 'yaml-alias-bomb', severity: 'error',
          }],
          partial,
        };
      }
      if (err instanceof RangeError) {
        return { ok: false, diagnostics: [{ file, message: 'nesting is too deep to be a spec', code: 'too-deep', severity: 'error' }], partial };
      }
      return { ok: false, diagnostics: [{ file, message: `cannot be read as data: ${msg}`, code: 'yaml-data', severity: 'error' }], partial };
    }
  }
  if (data === null || data === undefined) return { ok: false, diagnostics: [emptyFile(file, text)], partial };
  if (typeof data !== 'object' || Array.isArray(data)) {
    const found = Array.isArray(data) ? 'a list' : `a ${typeof data} (${JSON.stringify(data).slice(0, 40)})`;
    const range = doc.contents?.range;
    return {
      ok: false,
      diagnostics: [{
        file, ...(range ? positionOf(lineCounter, range[0]) : {}),
        message: `a spec must be a mapping of keys to values at the top level (regions:, components:, ...), but this file holds ${found}`,
        code: 'not-a-mapping', severity: 'error',
      }],
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

export { isMap, isSeq };
