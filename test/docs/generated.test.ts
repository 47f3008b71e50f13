// Generated files stay current: the check reference, the check table in the authoring guide, and
// the TypeScript types of the spec schema.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checksMarkdown, withChecksTable } from '../../src/grading/check-docs.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('generated documentation', () => {
  it('docs/checks.md matches the checks (run npm run docs:checks)', () => {
    expect(readFileSync(join(ROOT, 'docs/checks.md'), 'utf8')).toBe(checksMarkdown());
  });

  it('the check table in docs/authoring.md matches the checks (run npm run docs:checks)', () => {
    const doc = readFileSync(join(ROOT, 'docs/authoring.md'), 'utf8');
    expect(doc).toBe(withChecksTable(doc));
    expect(doc).toContain('`bulkhead/pool-size`');
  });

  it('src/specfile/spec-types.ts matches schemas/spec.schema.json (run npm run gen:types)', () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/gen-spec-types.mjs'), '--check'], { cwd: ROOT, stdio: 'pipe' });
  });
});
