// loadProblem reads problem.yaml with the plain reader where it answers, else the full parser (the yaml package,
// as problem files were always read). Where the plain reader answers, it must be the full parser's answer: the same
// data, every position, and no error the full parser would have reported. On every shipped problem file, and on
// seeded edits of them that put in what readers disagree on (anchors, tags, null keys, number forms, indentation).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastProblemRead } from '../../src/problems/problem.js';
import { createLocator } from '../../src/specfile/locate.js';
import { parseSource } from '../../src/specfile/parse.js';
import { applyEdits, paths, ROOT } from '../specfile/yaml-files.js';

const files = readdirSync(join(ROOT, 'problems'))
  .sort()
  .map((id) => join(ROOT, 'problems', id, 'problem.yaml'));
const texts = files.map((f) => readFileSync(f, 'utf8'));

/** Whether the fast read is the full parser's, data and positions (an empty value's position only at its key). */
function sameAsFull(text: string, label: string): boolean {
  const read = fastProblemRead(text);
  if (!read) return false;
  const full = parseSource('problem.yaml', text);
  expect(full.ok && full.parsed.doc.errors.map((e) => e.code), `${label}: the full parser reports errors`).toEqual([]);
  if (!full.ok) return true;
  expect(read.data, label).toEqual(full.parsed.data);
  const slow = createLocator(full.parsed);
  for (const p of paths(full.parsed.data)) {
    if (p.length) expect(read.locate(p, { key: true }), `${label} ${p.join('.')} (key)`).toEqual(slow(p, { key: true }));
    const value = p.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], full.parsed.data);
    if (value !== null) expect(read.locate(p), `${label} ${p.join('.')}`).toEqual(slow(p));
  }
  return true;
}

describe('problem files through the plain reader', () => {
  it('most shipped problems are read by it, each exactly as the full parser reads it', () => {
    const fast = files.filter((f, i) => sameAsFull(texts[i]!, f)).length;
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(fast).toBeGreaterThanOrEqual(20);
  });

  it('on what readers disagree on, added as a top-level key of a shipped problem: the full parser answer or none', () => {
    const base = texts.find((t) => fastProblemRead(t))!;
    const added = ['null: 1', 'Null: 1', '~: 1', `${'k'.repeat(1025)}: 1`, '0b1: x', 'x: 0b101', 'x: +.5', 'x: 1e400', 'x: -0', 'x: 0o17',
      'x: 10k', 'x: {null: 1, y: 2.5M}', 'x: [&a 1, *a]', 'x: !!str 5', 'x: |2\n   a\n  \n  b'];
    for (const line of added) sameAsFull(`${base}${line}\n`, line);
  });

  it('on seeded edits of them, it answers as the full parser or leaves the file to it', () => {
    const pieces = [' ', '\n', '  ', '-', ':', ': ', '#', ' #', '[', ']', '{', '}', ',', "'", '"', '|', '>', '&', '*', '!', '%', '?', '@', '`',
      'null', 'Null', '~', '0b1', '0x1', '1e400', '+.5', '-0', '...', '---', ' - ', 'x: ', '\n  ', '\n- ', '&&', '!x', '0o1', '.inf', '1_0',
      'True', 'no', '<<', '10k', 'null: ', '\nnull: 1'];
    let read = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: texts.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 2 }), fc.integer({ min: 0, max: pieces.length - 1 })), { minLength: 1, maxLength: 3 }),
        (which, edits) => {
          const text = applyEdits(texts[which]!, edits, pieces);
          if (sameAsFull(text, `edit of ${files[which]}`)) read++;
        },
      ),
      { numRuns: Number(process.env.PROBLEM_READ_RUNS ?? 400), seed: Number(process.env.PROBLEM_READ_SEED ?? 20261202) },
    );
    expect(read).toBeGreaterThan(Number(process.env.PROBLEM_READ_RUNS ?? 400) / 6);
  }, 600_000);
});
