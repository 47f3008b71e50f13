// A catalog's references are ids or plain relative paths matched by pattern, never joined onto a
// folder as written: `../..` cannot read a YAML file elsewhere on disk (and echo its keys).
import { describe, expect, it } from 'vitest';
import { findProblem } from '../../src/problems/catalog.js';
import { stageRubric } from '../../src/problems/stage-rubric.js';
import { formatDiagnostic } from '../../src/specfile/diagnostic.js';
import { expectNoStackTrace, sdcoach } from '../cli/run-cli.js';
import { CQRS_RUBRIC, CQRS_STAGE, tempCatalog } from './catalog-helpers.js';

function cqrsStageDiagnostics(ref: string) {
  const c = tempCatalog();
  c.edit(CQRS_RUBRIC, `    rubric: ${ref.replace('SECRET', c.secret.replace(/\.yaml$/, ''))}\n`);
  const p = findProblem(c.id, [c.catalog]);
  if (!p.ok) throw new Error(p.diagnostics.map(formatDiagnostic).join('\n'));
  const r = stageRubric(p.problem, CQRS_STAGE);
  return { c, r, text: r.ok ? '' : r.diagnostics.map(formatDiagnostic).join('\n') };
}

describe('rubric references cannot leave the catalog', () => {
  it('an id with ../ segments is not an id: the file beside the catalog is never read', () => {
    const { r, text } = cqrsStageDiagnostics('"../../secret"');
    expect(r.ok).toBe(false);
    expect(text).toContain('bad-rubric-ref');
    expect(text).not.toMatch(/database_password|api_token|hunter2/);
  });

  it('an absolute path is rejected, with or without .yaml', () => {
    for (const ref of ['"SECRET"', '"SECRET.yaml"']) {
      const { r, text } = cqrsStageDiagnostics(ref);
      expect(r.ok, ref).toBe(false);
      expect(text).not.toMatch(/database_password|api_token/);
    }
  });

  it("a .yaml path climbing out of the problem folder is rejected, even when it would land in the catalog's parent", () => {
    const { r, text } = cqrsStageDiagnostics('"../../secret.yaml"');
    expect(r.ok).toBe(false);
    expect(text).toContain('path-outside');
    expect(text).not.toMatch(/database_password/);
  });

  it('problem check reports the bad reference at file:line:col and exits 2, never an internal error', () => {
    const c = tempCatalog();
    c.edit(CQRS_RUBRIC, '    rubric: "../../secret"\n');
    const r = sdcoach(['problem', 'check', c.catalog]);
    expectNoStackTrace(r.all);
    expect(r.all).not.toMatch(/database_password|api_token/);
    expect(r.all).toMatch(/problem\.yaml:\d+:\d+/);
    expect(r.status).not.toBe(0);
  });
});
