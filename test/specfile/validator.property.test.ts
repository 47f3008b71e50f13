// Whatever text it is given, loadSpecText returns (never throws) either a loaded spec or a non-empty
// list of well-formed diagnostics. Inputs: random JSON values, random YAML-ish text, and mutations of
// examples/orders-cqrs.yaml (keys deleted or renamed, values replaced, lines shuffled).
// numRuns keep the file under about 10 s; SDCOACH_FC_SCALE=20 multiplies them to hunt further.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { loadSpecText, type LoadResult } from '../../src/specfile/load.js';

const SCALE = Number(process.env.SDCOACH_FC_SCALE ?? 1) || 1;
const EXAMPLE_FILE = fileURLToPath(new URL('../../examples/orders-cqrs.yaml', import.meta.url));
const EXAMPLE_TEXT = readFileSync(EXAMPLE_FILE, 'utf8');
const EXAMPLE = parseYaml(EXAMPLE_TEXT) as unknown;

/** Runs the loader and checks the shape of what it returns; fails the property with the input on any throw. */
function expectWellBehaved(file: string, text: string): LoadResult {
  let r: LoadResult | undefined;
  expect(() => {
    r = loadSpecText(file, text);
  }).not.toThrow();
  expect(r).toBeDefined();
  const result = r!;
  if (result.ok) {
    expect(result.loaded.model).toBeDefined();
    expect(result.loaded.model.componentOrder.length).toBeGreaterThan(0);
    for (const d of result.loaded.diagnostics) expect(d.severity).toBe('warning');
  } else {
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  }
  for (const d of result.ok ? result.loaded.diagnostics : result.diagnostics) {
    expect(d.file).toBe(file);
    expect(typeof d.message).toBe('string');
    expect(d.message.trim()).not.toBe('');
    expect(d.message).not.toContain('\n');
    expect(d.message).not.toContain('[object Object]');
    if (!text.includes('undefined')) expect(d.message).not.toMatch(/\bundefined\b/);
    expect(typeof d.code).toBe('string');
    if (d.line !== undefined) {
      expect(Number.isInteger(d.line) && d.line >= 1).toBe(true);
      expect(Number.isInteger(d.column) && d.column! >= 1).toBe(true);
    }
  }
  return result;
}

// Keys and strings a spec uses, so random documents reach the schema's and the semantic checks' deeper rules.
const SPEC_WORDS = [
  'regions',
  'components',
  'flows',
  'users',
  'network',
  'workload',
  'patterns',
  'kind',
  'path',
  'rate',
  'replicas',
  'latency_ms',
  'p50',
  'p99',
  'failover',
  'mode',
  'standby',
  'primary',
  'pools',
  'cqrs',
  'commands',
  'queries',
  'strong_reads',
  'service',
  'database',
  'worker',
  'stream',
  'external',
  'client',
  'read',
  'write',
  'us-east',
  'eu-west',
  'us-west',
  'ap-northeast',
  'active-passive',
  'constructor',
  'toString',
  '__proto__',
  'rtt_ms',
];
const word = fc.oneof(fc.constantFrom(...SPEC_WORDS), fc.string({ maxLength: 12 }));
const leaf = fc.oneof(word, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const specish = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { maxLength: 4 }), tie('object')),
  object: fc.dictionary(word, tie('value'), { maxKeys: 5 }),
})).value;

const YAML_TOKENS = [
  'regions',
  'components',
  'api',
  'db',
  'kind',
  'service',
  'database',
  'us-east',
  ': ',
  ':',
  ' ',
  '  ',
  '\n',
  '\n  ',
  '\n    ',
  '- ',
  '[',
  ']',
  '{',
  '}',
  ', ',
  '"',
  "'",
  '&a ',
  '*a',
  '# c',
  '---\n',
  '...\n',
  '!!binary ',
  '!!set ',
  '!foo ',
  '? ',
  '|\n',
  '>\n',
  '%YAML 1.2\n',
  '\t',
  '\r\n',
  '\uFEFF',
  '~',
  'null',
  '.inf',
  '.nan',
  '0x1F',
  '1e309',
  '<<: *a',
  '@',
  '`',
  '\u0000',
  '\u00e9',
  '\uD83D\uDE00',
  '\\',
  '%',
  'flows:\n  f: {kind: read, path: [api, db]}\n',
];
const yamlish = fc.array(fc.constantFrom(...YAML_TOKENS), { maxLength: 60 }).map((t) => t.join(''));

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = [...prefix, Array.isArray(value) ? Number(k) : k];
      out.push(p);
      paths(v, p, out);
    }
  }
  return out;
}

function strings(value: unknown, out = new Set<string>()): string[] {
  if (typeof value === 'string') out.add(value);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      strings(v, out);
    }
  return [...out];
}

const EXAMPLE_STRINGS = strings(EXAMPLE);

type Mutation = { op: 'delete'; at: number } | { op: 'rename'; at: number; to: string } | { op: 'set'; at: number; to: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('rename' as const),
    at: fc.nat(),
    to: fc.oneof(fc.constantFrom(...EXAMPLE_STRINGS, ...SPEC_WORDS), fc.string({ maxLength: 10 })),
  }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), to: fc.oneof(fc.constantFrom(...EXAMPLE_STRINGS), leaf, specish) }),
);

function mutate(doc: unknown, m: Mutation): unknown {
  const all = paths(doc);
  if (all.length === 0) return doc;
  const path = all[m.at % all.length]!;
  const key = path.at(-1)!;
  let parent = doc as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
  if (m.op === 'set') {
    parent[key] = m.to;
  } else if (Array.isArray(parent)) {
    parent.splice(Number(key), 1);
  } else {
    const value = parent[key];
    delete parent[key];
    if (m.op === 'rename') Object.defineProperty(parent, m.to, { value, enumerable: true, writable: true, configurable: true });
  }
  return doc;
}

type TextEdit =
  | { op: 'drop-line' | 'dup-line' | 'swap-lines' | 'indent' | 'dedent'; line: number; other: number }
  | { op: 'insert'; at: number; text: string };

const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  fc.record({
    op: fc.constantFrom('drop-line' as const, 'dup-line' as const, 'swap-lines' as const, 'indent' as const, 'dedent' as const),
    line: fc.nat(),
    other: fc.nat(),
  }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...YAML_TOKENS), fc.string({ maxLength: 3 })),
  }),
);

function editText(text: string, e: TextEdit): string {
  if (e.op === 'insert') {
    const at = e.at % (text.length + 1);
    return text.slice(0, at) + e.text + text.slice(at);
  }
  const lines = text.split('\n');
  const i = e.line % lines.length;
  const j = e.other % lines.length;
  if (e.op === 'drop-line') lines.splice(i, 1);
  else if (e.op === 'dup-line') lines.splice(i, 0, lines[i]!);
  else if (e.op === 'swap-lines') [lines[i], lines[j]] = [lines[j]!, lines[i]!];
  else if (e.op === 'indent') lines[i] = ` ${lines[i]}`;
  else lines[i] = lines[i]!.replace(/^ /, '');
  return lines.join('\n');
}

// Each property runs in a few seconds; the generous timeout is for a machine busy with other test files.
describe('loadSpecText never throws', () => {
  it(
    'on random JSON values, as JSON and as YAML',
    () => {
      fc.assert(
        fc.property(fc.oneof(fc.jsonValue(), specish), (value) => {
          const json = JSON.stringify(value) ?? 'null';
          expectWellBehaved('random.json', json);
          expectWellBehaved('random.yaml', stringifyYaml(value));
        }),
        { numRuns: 300 * SCALE },
      );
    },
    60_000 * SCALE,
  );

  it(
    'on random YAML-ish text',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(yamlish, fc.string({ maxLength: 80 }), fc.string({ maxLength: 40, unit: 'binary' })),
          fc.constantFrom('random.yaml', 'random.json', 'random.txt'),
          (text, file) => {
            expectWellBehaved(file, text);
          },
        ),
        { numRuns: 500 * SCALE },
      );
    },
    60_000 * SCALE,
  );

  it(
    'on mutations of examples/orders-cqrs.yaml',
    () => {
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (mutations, asJson) => {
          let doc = structuredClone(EXAMPLE);
          for (const m of mutations) doc = mutate(doc, m);
          if (asJson) expectWellBehaved('mutated.json', JSON.stringify(doc, null, 2) ?? 'null');
          else expectWellBehaved('mutated.yaml', stringifyYaml(doc));
        }),
        { numRuns: 300 * SCALE },
      );
    },
    60_000 * SCALE,
  );

  it(
    'on text edits of examples/orders-cqrs.yaml',
    () => {
      fc.assert(
        fc.property(fc.array(textEdit, { minLength: 1, maxLength: 4 }), (edits) => {
          let text = EXAMPLE_TEXT;
          for (const e of edits) text = editText(text, e);
          expectWellBehaved('edited.yaml', text);
        }),
        { numRuns: 200 * SCALE },
      );
    },
    60_000 * SCALE,
  );
});
