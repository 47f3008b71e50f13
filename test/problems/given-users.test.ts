// problem check holds every design stage's givens to fix `users`, at the shares its reference states: a problem
// that leaves them out lets a spec restate where the users are (review attack: typeahead's 70/30 restated 50/50
// sized Europe for traffic that does not exist and passed), and a stage whose users move needs its own.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProblem } from '../../src/problems/problem.js';
import { proveProblem } from '../../src/problems/prove.js';

const root = mkdtempSync(join(tmpdir(), 'sdcoach-given-users-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A copy of a shipped problem with problem.yaml (and optionally a reference) edited, and the proof's givens results. */
function proveEdited(id: string, name: string, edit: (text: string) => string, editFile?: [string, (text: string) => string]) {
  const dir = join(root, name, id);
  cpSync(`problems/${id}`, dir, { recursive: true });
  const file = join(dir, 'problem.yaml');
  const before = readFileSync(file, 'utf8');
  const after = edit(before);
  expect(after, 'the edit applies').not.toBe(before);
  writeFileSync(file, after);
  if (editFile) {
    const other = join(dir, editFile[0]);
    const text = readFileSync(other, 'utf8');
    const changed = editFile[1](text);
    expect(changed, 'the reference edit applies').not.toBe(text);
    writeFileSync(other, changed);
  }
  const loaded = loadProblem(dir);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  return { file, results: proveProblem(loaded.problem, { minHints: 3 }).results.filter((r) => r.kind === 'givens') };
}

describe('given users in problem check', () => {
  it('every shipped problem fixes the users of every design stage, as its references state them', () => {
    for (const id of ['url-shortener', 'typeahead', 'concert-ticketing', 'social-graph']) {
      const loaded = loadProblem(`problems/${id}`);
      if (!loaded.ok) throw new Error(`${id} does not load`);
      expect(proveProblem(loaded.problem).results.filter((r) => r.kind === 'givens'), id).toEqual([]);
    }
  });

  it('fails each design stage of a problem that gives no users, at the stage', () => {
    const { file, results } = proveEdited('url-shortener', 'none', (t) => t.replace(/\n {2}# Where the users are[^\n]*\n {2}users: [^\n]*/, ''));
    // Stages 2, 3 and 4 are designs (stage 1 is the estimate); each reference puts users at 45/35/20.
    expect(results.map((r) => r.stage)).toEqual([2, 3, 4]);
    expect(results[0]!.message).toContain("stage 2's reference puts the users at {us-east: 0.45, eu-west: 0.35, ap-southeast: 0.2}, but no givens fix them");
    // The stage entry "  - title: Fast redirects everywhere", 2 lines up now the givens lost theirs: line 181, its value at column 5.
    expect(results[0]!.where).toBe(`${file}:181:5`);
  });

  it('fails a stage whose reference moves the users where the givens do not', () => {
    // typeahead's stage 4 puts 30 % of the users in eu-west; without the stage's own givens, the problem's 100 % us-east applies.
    const { results } = proveEdited('typeahead', 'moved', (t) =>
      t.replace(/\n {4}givens:\n {6}# From this stage on[^\n]*\n {6}users: [^\n]*/, ''),
    );
    expect(results.map((r) => r.stage)).toEqual([4, 5]);
    expect(results[0]!.message).toBe(
      "stage 4's reference puts the users at {us-east: 0.7, eu-west: 0.3}, its givens at {us-east: 1}: make them agree (specs are graded with the givens)",
    );
  });

  it('reads a reference without users as its regions shared evenly', () => {
    // social-graph's references state no users and run in us-east alone: the givens' {us-east: 1} agree.
    const { results } = proveEdited(
      'social-graph',
      'even',
      (t) => t.replace('users: {us-east: 1}', 'users: {us-east: 0.5, eu-west: 0.5}'),
    );
    expect(results.length).toBeGreaterThan(0);
    expect(results[0]!.message).toContain('puts the users at {us-east: 1}, its givens at {us-east: 0.5, eu-west: 0.5}');
  });
});
