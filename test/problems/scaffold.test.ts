// `problem new` for every topic a problem may name: a small design that fits the topic, TODO:
// placeholders and a copied stage-2 solution that `problem check` flags until the mentor replaces
// them, and `$schema` lines that point into the catalog itself, so a shared catalog keeps working.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROBLEM_TOPICS } from '../../src/checks/types.js';
import { loadProblem } from '../../src/problems/problem.js';
import { proveProblem } from '../../src/problems/prove.js';
import { scaffoldProblem, SCAFFOLD_TOPICS } from '../../src/problems/scaffold.js';

const root = mkdtempSync(join(tmpdir(), 'sdcoach-scaffold-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function prove(dir: string) {
  const loaded = loadProblem(dir);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  return proveProblem(loaded.problem);
}

describe('one list of problem topics', () => {
  it('is what the problem schema, problem new and docs/authoring.md accept', () => {
    const topics = Object.keys(PROBLEM_TOPICS);
    expect(topics).toEqual(expect.arrayContaining(['latency', 'availability', 'scalability', 'cqrs']));
    expect(SCAFFOLD_TOPICS).toEqual(topics);
    const schema = JSON.parse(readFileSync('schemas/problem.schema.json', 'utf8')) as { properties: { topics: { items: { enum: string[] } } } };
    expect(schema.properties.topics.items.enum).toEqual(topics);
    const row = readFileSync('docs/authoring.md', 'utf8').split('\n').find((l) => /^\|\s*`topics`\s*\|/.test(l))!;
    expect([...row.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]).slice(1)).toEqual(topics);
  });
});

describe('problem new', () => {
  it.each(Object.keys(PROBLEM_TOPICS))('scaffolds --topic %s so that only its placeholders fail problem check', (topic) => {
    const catalog = join(root, 'all');
    const r = scaffoldProblem({ id: `p-${topic}`, catalog, topics: [topic], stages: 2 });
    expect(r.ok, r.ok ? '' : r.error).toBe(true);
    const proof = prove(join(catalog, `p-${topic}`));
    const failed = proof.results.filter((x) => !x.ok);
    expect(failed.map((x) => x.message)).toEqual([
      expect.stringMatching(/^placeholder text left in problem\.yaml: \d+ line\(s\) still say TODO:/),
      "stage 2's solution is identical to stage 1's: write the design that answers stage 2's prompt",
    ]);
    // Everything else holds: the reference passes, the starter and fixtures fail the topic's check.
    expect(proof.results.filter((x) => x.kind === 'starter' || x.kind === 'fixture').every((x) => x.ok)).toBe(true);
  });

  it('proves once the mentor replaces the placeholders and writes stage 2', () => {
    const catalog = join(root, 'edit');
    const r = scaffoldProblem({ id: 'hot-tier', catalog, topics: ['scalability'], stages: 2 });
    expect(r.ok).toBe(true);
    const dir = join(catalog, 'hot-tier');
    const problemFile = join(dir, 'problem.yaml');
    writeFileSync(problemFile, readFileSync(problemFile, 'utf8').replaceAll('TODO: ', ''));
    const stage2 = join(dir, 'solutions', 'stage-2.yaml');
    writeFileSync(stage2, readFileSync(stage2, 'utf8').replace(/replicas: 4/, 'replicas: 6'));
    const proof = prove(dir);
    expect(proof.results.filter((x) => !x.ok)).toEqual([]);
  });

  it('a TODO: inside a comment is not a placeholder', () => {
    const catalog = join(root, 'comment');
    scaffoldProblem({ id: 'commented', catalog, topics: ['latency'], stages: 1 });
    const problemFile = join(catalog, 'commented', 'problem.yaml');
    const text = readFileSync(problemFile, 'utf8');
    // The header comment itself says "Replace every TODO:".
    expect(text.split('\n').slice(0, 4).join('\n')).toMatch(/# .*TODO:/);
    writeFileSync(problemFile, text.replaceAll('TODO: ', ''));
    expect(prove(join(catalog, 'commented')).results.filter((x) => !x.ok)).toEqual([]);
  });

  it('writes $schema lines relative to a schema copy in the catalog, and a header command that names the problem, not a path from the cwd', () => {
    const catalog = join(root, 'shared');
    scaffoldProblem({ id: 'portable', catalog, topics: ['availability'], stages: 1 });
    for (const name of ['spec', 'problem', 'rubric']) {
      expect(readFileSync(join(catalog, 'schemas', `${name}.schema.json`), 'utf8')).toBe(readFileSync(`schemas/${name}.schema.json`, 'utf8'));
    }
    const problem = readFileSync(join(catalog, 'portable', 'problem.yaml'), 'utf8');
    expect(problem.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/problem.schema.json');
    expect(problem).toContain('#   sdcoach problem check portable\n');
    expect(problem).not.toContain(root);
    expect(readFileSync(join(catalog, 'portable', 'starter.yaml'), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/spec.schema.json');
    expect(readFileSync(join(catalog, 'portable', 'solutions', 'stage-1.yaml'), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/spec.schema.json');
    // Each $schema resolves from its own file.
    expect(existsSync(resolve(catalog, 'portable', 'solutions', '../../schemas/spec.schema.json'))).toBe(true);
  });

  it('refuses an unknown topic and lists every topic', () => {
    const r = scaffoldProblem({ id: 'nope', catalog: join(root, 'x'), topics: ['scalabilty'], stages: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe(`unknown topic "scalabilty": choose from ${Object.keys(PROBLEM_TOPICS).join(', ')}`);
  });
});

describe('problem new writes only new files', () => {
  it('refuses to write through a schema copy that is a symbolic link, and leaves its target as it was', () => {
    // review attack: a shared catalog's schemas/spec.schema.json linked to the user's ~/.bashrc was overwritten
    const catalog = join(root, 'linked');
    mkdirSync(join(catalog, 'schemas'), { recursive: true });
    const victim = join(root, 'victim-bashrc');
    writeFileSync(victim, 'export IMPORTANT=1\n');
    symlinkSync(victim, join(catalog, 'schemas', 'spec.schema.json'));
    const r = scaffoldProblem({ id: 'black-friday', catalog, topics: ['cqrs'], stages: 1 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/spec\.schema\.json is not a plain file \(a link\?\); not writing through it$/);
    expect(readFileSync(victim, 'utf8')).toBe('export IMPORTANT=1\n');
    expect(existsSync(join(catalog, 'black-friday'))).toBe(false);
  });

  it('keeps a schema copy already in the catalog as it is', () => {
    const catalog = join(root, 'own-schema');
    mkdirSync(join(catalog, 'schemas'), { recursive: true });
    writeFileSync(join(catalog, 'schemas', 'rubric.schema.json'), '{"mine": true}\n');
    const r = scaffoldProblem({ id: 'mine', catalog, topics: ['cqrs'], stages: 1 });
    expect(r.ok).toBe(true);
    expect(readFileSync(join(catalog, 'schemas', 'rubric.schema.json'), 'utf8')).toBe('{"mine": true}\n');
    expect(existsSync(join(catalog, 'schemas', 'spec.schema.json'))).toBe(true);
  });

  it('says where a file stands in the way of a folder, without a crash', () => {
    const file = join(root, 'not-a-folder');
    writeFileSync(file, 'x');
    const r = scaffoldProblem({ id: 'p1', catalog: file, topics: ['cqrs'], stages: 1 });
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/not-a-folder.*: a file stands where a folder is needed$/) });
    // a dangling link where the problem folder would go is something there, not nothing
    const catalog = join(root, 'dangling');
    mkdirSync(catalog, { recursive: true });
    symlinkSync(join(root, 'nowhere'), join(catalog, 'p2'));
    const d = scaffoldProblem({ id: 'p2', catalog, topics: ['cqrs'], stages: 1 });
    expect(d).toEqual({ ok: false, error: expect.stringMatching(/p2 already exists; not touching it$/) });
  });
});
