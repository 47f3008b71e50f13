// problem check holds a stage's may_skip to the given system: it may only name a service, gateway or load balancer
// that the starter's flow of that name passes through; anything else would allow nothing, silently.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProblem } from '../../src/problems/problem.js';
import { proveProblem } from '../../src/problems/prove.js';

const root = mkdtempSync(join(tmpdir(), 'sdcoach-may-skip-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SHIPPED = 'may_skip: {dashboard: [app-api]}';

/** A copy of saas-mtls with its may_skip line replaced, and the proof's givens results. */
function proveWith(name: string, line: string) {
  const dir = join(root, name, 'saas-mtls');
  cpSync('problems/saas-mtls', dir, { recursive: true });
  const file = join(dir, 'problem.yaml');
  const before = readFileSync(file, 'utf8');
  expect(before).toContain(SHIPPED);
  writeFileSync(file, before.replace(SHIPPED, line));
  const loaded = loadProblem(dir);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  const lineNo = before.slice(0, before.indexOf(SHIPPED)).split('\n').length;
  const column = before.slice(0, before.indexOf(SHIPPED)).split('\n').pop()!.length + 1;
  return { file, lineNo, column, results: proveProblem(loaded.problem).results.filter((r) => r.kind === 'givens') };
}

describe('may_skip in problem check', () => {
  it('the shipped one names a tier the starter dashboard passes through', () => {
    const loaded = loadProblem('problems/saas-mtls');
    if (!loaded.ok) throw new Error('saas-mtls does not load');
    expect(loaded.problem.stages[2]!.maySkip).toEqual({ dashboard: ['app-api'] });
    expect(proveProblem(loaded.problem).results.filter((r) => r.kind === 'givens')).toEqual([]);
  });

  it('fails a misspelt tier and an unknown flow, each at its item', () => {
    const { file, lineNo, column, results } = proveWith('typo', 'may_skip: {dashboard: [app-apii], dashbord: [lb]}');
    expect(results.map((r) => r.message)).toEqual([
      "may_skip lets dashboard go without app-apii, but the starter's dashboard does not pass through a service, gateway or load balancer of that name: it allows nothing",
      'may_skip names flow dashbord, which the starter does not have: it allows nothing',
    ]);
    // "may_skip: {dashboard: [" is 23 characters before app-apii; "app-apii], dashbord: [" 22 more before lb.
    expect(results.map((r) => r.where)).toEqual([`${file}:${lineNo}:${column + 23}`, `${file}:${lineNo}:${column + 45}`]);
  });

  it('fails a store: only tiers a request passes through can be skipped', () => {
    const { results } = proveWith('store', 'may_skip: {dashboard: [reports-db]}');
    expect(results).toHaveLength(1);
    expect(results[0]!.message).toContain('go without reports-db');
  });
});
