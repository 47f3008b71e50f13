// problem check holds a figure the problem's own designs state (processing time, capacity, threads, hit ratio) to a
// given: one only a design states is one a learner restates at will (review attack: order-history's gateway at
// 2,000 threads, pastebin's cache answering 80 %).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog, SHIPPED_PROBLEMS } from '../../src/problems/catalog.js';
import { givenFigureProblems } from '../../src/problems/given-figures.js';
import { loadProblem } from '../../src/problems/problem.js';

const root = mkdtempSync(join(tmpdir(), 'sdcoach-given-figures-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('given figures in problem check', () => {
  it('every shipped problem gives each figure its designs state', () => {
    const problems = loadCatalog([SHIPPED_PROBLEMS]).problems;
    expect(problems.length).toBe(30);
    for (const p of problems) expect(givenFigureProblems(p), p.id).toEqual([]);
  });

  it("names a figure the starter states that no given fixes, once, at the first stage", () => {
    const dir = join(root, 'order-history');
    cpSync('problems/order-history', dir, { recursive: true });
    const file = join(dir, 'problem.yaml');
    const text = readFileSync(file, 'utf8');
    const edited = text.replace('gateway: {kind: gateway, latency_ms: {p50: 2, p99: 8}, threads: 2000}', 'gateway: {kind: gateway, latency_ms: {p50: 2, p99: 8}}');
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    const loaded = loadProblem(dir);
    if (!loaded.ok) throw new Error('does not load');
    const found = givenFigureProblems(loaded.problem);
    expect(found).toHaveLength(1);
    // Stage 1 is the estimate: the first design stage is 2, where the starter states the gateway's 2,000 threads.
    expect(found[0]).toMatchObject({ stage: 2, file: join(dir, 'starter.yaml') });
    expect(found[0]!.message).toBe(
      "the starter states gateway's threads (2000), but no given fixes it: add it to givens.components.gateway (or givens.kinds.gateway), or a spec restates it at will",
    );
  });
});
