// The plain-YAML reader answers only where js-yaml (core schema) would give the same data, and its positions are
// the full parser's: on every YAML file in the repository, and on thousands of seeded edits of them. (An empty
// value, "api:" and nothing after it, is found at its key, as the fast path always has: the full parser points
// past the colon.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { needsFullParser } from '../../src/specfile/fast-parse.js';
import { createLocator, type Locator } from '../../src/specfile/locate.js';
import { parseSource } from '../../src/specfile/parse.js';
import { readPlainYaml } from '../../src/specfile/plain-yaml.js';
import { applyEdits, paths, ROOT, yamlFiles } from './yaml-files.js';

/** js-yaml's reading of the text as the fast path makes it (core schema), or 'error'. */
function jsYaml(text: string): unknown {
  try {
    return jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, json: false });
  } catch {
    return 'error';
  }
}

/** Compares every key's and value's position with the full parser's (an empty value's only at its key). */
function samePositions(text: string, data: unknown, locate: Locator, label: string): number {
  const full = parseSource('x.yaml', text);
  if (!full.ok) throw new Error(`${label}: the full parser rejects what the plain reader read`);
  const slow = createLocator(full.parsed);
  let compared = 0;
  for (const p of paths(data)) {
    if (p.length) expect(locate(p, { key: true }), `${label} ${p.join('.')} (key)`).toEqual(slow(p, { key: true }));
    const value = p.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], data);
    if (value !== null) expect(locate(p), `${label} ${p.join('.')}`).toEqual(slow(p));
    compared++;
  }
  expect(locate(['components', 'no-such-component', 'replicas'])).toEqual(slow(['components', 'no-such-component', 'replicas']));
  return compared;
}

const files = ['examples', 'problems', 'test', 'schemas', 'rubrics'].flatMap((d) => yamlFiles(join(ROOT, d)));

describe('readPlainYaml', () => {
  it("reads every spec in the repository, with js-yaml's data and positions", () => {
    let read = 0;
    let compared = 0;
    const declined: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (needsFullParser(text)) continue;
      const plain = readPlainYaml(text);
      const expected = jsYaml(text);
      if (!plain) {
        declined.push(file);
        continue;
      }
      read++;
      expect(plain.data, file).toEqual(expected);
      compared += samePositions(text, plain.data, plain.locate, file);
    }
    // The spec files are what it is for: every example and reference solution is read.
    const specs = declined.filter((f) => /[/\\](examples|solutions)[/\\]/.test(f));
    expect(specs).toEqual([]);
    expect(read).toBeGreaterThan(300);
    expect(compared).toBeGreaterThan(20000);
  });

  it('agrees with js-yaml, or declines, on seeded edits of real specs (characters removed, added, lines re-indented)', () => {
    const sources = [
      'examples/large-platform.yaml',
      'examples/payments-failover-annotated.yaml',
      'problems/chat-presence/solutions/stage-3.yaml',
    ].map((f) => readFileSync(join(ROOT, f), 'utf8'));
    const pieces = [
      ' ',
      '  ',
      '\n',
      ':',
      ': ',
      '- ',
      '#',
      ' #',
      ',',
      '{',
      '}',
      '[',
      ']',
      "'",
      '"',
      '|',
      '>-',
      '0',
      '1e3',
      '-',
      'null',
      'True',
      '~',
      'a',
    ];
    let read = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: sources.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 2 }), fc.integer({ min: 0, max: pieces.length - 1 })), { minLength: 1, maxLength: 4 }),
        (which, edits) => {
          const text = applyEdits(sources[which]!, edits, pieces);
          if (needsFullParser(text)) return;
          const plain = readPlainYaml(text);
          if (!plain) return;
          read++;
          expect(plain.data).toEqual(jsYaml(text));
          samePositions(text, plain.data, plain.locate, 'edited spec');
        },
      ),
      { numRuns: Number(process.env.PLAIN_YAML_RUNS ?? 1000), seed: Number(process.env.PLAIN_YAML_SEED ?? 20261201) },
    );
    expect(read).toBeGreaterThan(Number(process.env.PLAIN_YAML_RUNS ?? 1000) / 6);
  }, 600_000);

  it('declines what js-yaml reads its own way', () => {
    for (const text of [
      'a: 1_000\n',
      'a: 0x1F\n',
      'a: .5\n',
      'a: 012\n',
      'a: -.inf\n',
      'Null: 1\n',
      '1e3: x\n',
      'a: "tab\\tinside"\n',
      'a: b\n  c\n',
      'a: [b\n  c]\n',
      'a: 1\na: 2\n',
      'a:\r\n  b: 1\r\n',
      'a: >+\n  kept\n\n',
      'a: >\n  one\n\n  two\n',
      '- a\n- b\n',
      'a: {b}\n',
      'a: [b, ]\n'.replace('[b, ]', '[b, , c]'),
      // Blanks other than a space, which trim() drops and js-yaml keeps; what js-yaml rejects as non-printable.
      'a: x\u00a0\n',
      'a: [x\u3000, y]\n',
      'a: |\n  \u00a0x\n',
      'a: x\u0001\n',
      'a: x\ud800\n',
      // An empty item: js-yaml reads a following, shallower "- " into the inner list.
      'k:\n-\n  - a\n  -\n- b\n',
      'k:\n- # nothing\n- b\n',
      // Anchors, aliases, tags, directives, explicit keys and document markers, wherever a node can start:
      // declined by the reader itself (problem.yaml is read without fastParse's pre-scan for them).
      'a: &x 1\nb: *x\n',
      'a: &x\n  c: 1\nb: *x\n',
      'a:\n  - &x 1\n  - *x\n',
      'a: [&x 1, *x]\n',
      'a: {b: &x 1, c: *x}\n',
      'a: {&x b: 1}\n',
      '&x a: 1\n',
      '*x : 1\n',
      'a: !!str 5\n',
      'a: !custom\n  b: 1\n',
      'a:\n  - !!int "5"\n',
      'a: [!!str 5]\n',
      '%YAML 1.2\n---\na: 1\n',
      '---\na: 1\n',
      'a: 1\n...\n',
      'a: 1\n---\nb: 2\n',
      '? a\n: 1\n',
      'a:\n  ? b\n  : 1\n',
      // A key read as null (js-yaml names it "null", the yaml package ""), and one past the yaml package's 1,024 characters.
      'null: 1\n',
      'a: {null: 1}\n',
      `${'k'.repeat(1025)}: 1\n`,
      `a: {${'k'.repeat(1025)}: 1}\n`,
      // Deeper than js-yaml's own limit allows for: its error, not this reader's data.
      Array.from({ length: 60 }, (_, i) => `${' '.repeat(i)}k:\n${' '.repeat(i)}-\n`).join('') + `${' '.repeat(60)}k: v\n`,
    ]) {
      expect(readPlainYaml(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('reads block scalars, quoted strings and flow collections as js-yaml does', () => {
    for (const text of [
      'a: >-\n  one\n  two\nb: 1\n',
      'a: |\n  one\n    two\n\n  three\n\nb: 1\n',
      "a: 'it''s'\nb: \"x: y\"\n",
      'a: {b: [1, 2.5, -3, 1e3], c: {d: null, e: ~, f: true}}\n',
      'a:\n- 1\n- {k: v}\nb:\n  - x: 1\n    y: [a, b]\n  -\n    z: 2\n',
      'a: {b: 1,\n    c: 2}   # comment\n',
      'a: [x, y,]\n',
      // Figures with a magnitude are strings to every YAML reader.
      'a: 10k\nb: [2.5M, -3K, 1bn, 4mn, 5G, 6T]\nc: {d: 100M}\n',
      `${'k'.repeat(1024)}: 1\n`,
    ]) {
      const plain = readPlainYaml(text);
      expect(plain, JSON.stringify(text)).toBeDefined();
      expect(plain!.data, JSON.stringify(text)).toEqual(jsYaml(text));
      const full = parseSource('x.yaml', text);
      expect(full.ok && full.parsed.doc.errors, JSON.stringify(text)).toEqual([]);
      expect(plain!.data, JSON.stringify(text)).toEqual(full.ok ? full.parsed.data : 'error');
    }
  });
});
