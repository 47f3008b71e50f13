// problem check holds the givens to the kinds the problem's own designs use: a named component without
// a kind, or with another kind than the starter or a reference gives it, is a failed proof at its line.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProblem } from '../../src/problems/problem.js';
import { proveProblem } from '../../src/problems/prove.js';

const root = mkdtempSync(join(tmpdir(), 'sdcoach-given-kinds-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A copy of url-shortener with problem.yaml edited, and the proof's givens results. */
function proveEdited(name: string, edit: (text: string) => string) {
  const dir = join(root, name, 'url-shortener');
  cpSync('problems/url-shortener', dir, { recursive: true });
  const file = join(dir, 'problem.yaml');
  const before = readFileSync(file, 'utf8');
  const after = edit(before);
  expect(after, 'the edit applies').not.toBe(before);
  writeFileSync(file, after);
  const loaded = loadProblem(dir);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  return { file, results: proveProblem(loaded.problem, { minHints: 3 }).results.filter((r) => r.kind === 'givens') };
}

describe('given kinds in problem check', () => {
  it('the shipped problem names every component with the kind its designs give it', () => {
    const loaded = loadProblem('problems/url-shortener');
    if (!loaded.ok) throw new Error('url-shortener does not load');
    expect(proveProblem(loaded.problem).results.filter((r) => r.kind === 'givens')).toEqual([]);
  });

  it('fails a named component without a kind, at its line', () => {
    const { file, results } = proveEdited('no-kind', (t) => t.replace('links-api:    {kind: service, ', 'links-api:    {'));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ ok: false });
    expect(results[0]!.message).toContain('givens name links-api without its kind');
    // problem.yaml line 39, at the entry's value: 4 spaces + "links-api:" (10) + 4 spaces = column 19
    expect(results[0]!.where).toBe(`${file}:39:19`);
  });

  it('fails a kind the starter or a reference contradicts, naming the design', () => {
    const { results } = proveEdited('wrong-kind', (t) => t.replace('links-cache:  {kind: cache, ', 'links-cache:  {kind: database, '));
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => !r.ok && /declares links-cache a cache, but the givens say database/.test(r.message))).toBe(true);
  });
});
