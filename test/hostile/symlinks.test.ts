// Every file a catalog names is opened by its real path, which must lie inside the catalog:
// a symlinked starter, fixtures folder, rubric or problem folder cannot pull in a file from
// elsewhere (and `init` cannot copy one into the learner's folder).
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, renameSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProblem, loadCatalog } from '../../src/problems/catalog.js';
import { stageRubric } from '../../src/problems/stage-rubric.js';
import { formatDiagnostic } from '../../src/specfile/diagnostic.js';
import { expectNoStackTrace, ROOT, sdcoach } from '../cli/run-cli.js';
import { CQRS_RUBRIC, CQRS_STAGE, tempCatalog } from './catalog-helpers.js';

const codes = (r: ReturnType<typeof findProblem>) => (r.ok ? [] : r.diagnostics.map((d) => d.code));

describe('symbolic links out of a catalog', () => {
  it('a starter.yaml linked to a file outside the catalog is refused, and init writes nothing', () => {
    const c = tempCatalog();
    const starter = join(c.problem, 'starter.yaml');
    renameSync(starter, join(c.root, 'moved.yaml'));
    symlinkSync(c.secret, starter);
    const p = findProblem(c.id, [c.catalog]);
    expect(codes(p)).toContain('path-outside');

    const work = mkdtempSync(join(tmpdir(), 'sdcoach-init-'));
    const r = sdcoach(['init', c.id, '--problems', c.catalog], { cwd: work });
    expectNoStackTrace(r.all);
    expect(r.status).toBe(2);
    expect(r.all).toContain('outside the problem folder');
    expect(existsSync(join(work, `${c.id}.yaml`))).toBe(false);
    expect(r.all).not.toContain('hunter2');
  });

  it('a fixtures/ folder linked outside the catalog is refused', () => {
    const c = tempCatalog();
    const outside = join(c.root, 'elsewhere');
    renameSync(join(c.problem, 'fixtures'), outside);
    symlinkSync(outside, join(c.problem, 'fixtures'));
    expect(codes(findProblem(c.id, [c.catalog]))).toContain('path-outside');
  });

  it('a rubric id whose file is a link out of its rubrics/ folder is refused', () => {
    const c = tempCatalog();
    mkdirSync(join(c.catalog, 'rubrics'));
    symlinkSync(c.secret, join(c.catalog, 'rubrics', 'shared.yaml'));
    c.edit(CQRS_RUBRIC, '    rubric: shared\n');
    const p = findProblem(c.id, [c.catalog]);
    if (!p.ok) throw new Error(p.diagnostics.map(formatDiagnostic).join('\n'));
    const r = stageRubric(p.problem, CQRS_STAGE);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.diagnostics[0]!.code).toBe('path-outside');
      expect(r.diagnostics.map(formatDiagnostic).join('\n')).not.toMatch(/database_password|api_token/);
    }
  });

  it('a problem folder linked in from outside the catalog is refused', () => {
    const c = tempCatalog();
    const other = mkdtempSync(join(tmpdir(), 'sdcoach-other-'));
    renameSync(c.problem, join(other, 'order-history'));
    symlinkSync(join(other, 'order-history'), c.problem);
    const { errors } = loadCatalog([c.catalog]);
    expect(errors.join('\n')).toContain('path-outside');
  });

  it('links that stay inside the catalog are fine, and the file is read by its real path', () => {
    const c = tempCatalog();
    const starter = join(c.problem, 'starter.yaml');
    renameSync(starter, join(c.problem, 'naive.yaml'));
    symlinkSync('naive.yaml', starter);
    const p = findProblem(c.id, [c.catalog]);
    expect(p.ok).toBe(true);
    if (p.ok) expect(p.problem.starter).toBe(realpathSync(join(c.problem, 'naive.yaml')));
  });

  it('a problem folder shared alone may not name a file beside it, in the folder it was saved to', () => {
    // review attack: --problems ~/Downloads/url-shortener2 with starter.yaml -> ../private-notes.yaml; init copied it out
    const c = tempCatalog();
    const starter = join(c.problem, 'starter.yaml');
    renameSync(starter, join(c.catalog, 'private-notes.yaml'));
    symlinkSync('../private-notes.yaml', starter);
    expect(codes(findProblem(c.id, [c.problem]))).toContain('path-outside');
    const work = mkdtempSync(join(tmpdir(), 'sdcoach-init-'));
    const r = sdcoach(['init', c.id, '--problems', c.problem], { cwd: work });
    expectNoStackTrace(r.all);
    expect(r.status).toBe(2);
    expect(existsSync(join(work, `${c.id}.yaml`))).toBe(false);
  });

  it("a catalog's rubrics/ folder that is a link elsewhere is not searched", () => {
    // review attack: rubrics -> a folder of credentials; `rubric: creds` printed their fields as unknown rubric fields
    const c = tempCatalog();
    const outside = join(c.root, 'elsewhere');
    mkdirSync(outside);
    cpSync(c.secret, join(outside, 'creds.yaml'));
    symlinkSync(outside, join(c.catalog, 'rubrics'));
    c.edit(CQRS_RUBRIC, '    rubric: creds\n');
    const p = findProblem(c.id, [c.catalog]);
    if (!p.ok) throw new Error(p.diagnostics.map(formatDiagnostic).join('\n'));
    const r = stageRubric(p.problem, CQRS_STAGE);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.diagnostics[0]!.code).toBe('unknown-rubric');
      expect(r.diagnostics.map(formatDiagnostic).join('\n')).not.toMatch(/database_password|api_token/);
    }
  });
});

describe('unreadable catalogs get a clear message and exit 2', () => {
  it.skipIf(process.getuid?.() === 0)('a catalog folder without read permission (not as root)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdcoach-cat-'));
    const cat = join(dir, 'catalog');
    mkdirSync(cat);
    cpSync(join(ROOT, 'problems', 'order-history'), join(cat, 'order-history'), { recursive: true });
    chmodSync(cat, 0o000);
    const r = sdcoach(['list', '--problems', cat]);
    chmodSync(cat, 0o755);
    expectNoStackTrace(r.all);
    expect(r.status).toBe(2);
    expect(r.all).toContain('cannot be read');
  });
});
