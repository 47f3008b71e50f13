// A table-driven tester for checks, in the shape of ESLint's RuleTester: valid specs produce only
// passing findings, invalid specs produce the expected findings (status, messageId, data, line).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import type { Check, Finding, FindingData, Status } from '../../src/checks/types.js';
import { fillTemplate } from '../../src/checks/types.js';
import type { Givens } from '../../src/specfile/givens.js';
import { loadSpecText, withGivens } from '../../src/specfile/load.js';

export const FIXTURES = join(import.meta.dirname, 'fixtures');

export interface ValidCase {
  /** A fixture file under test/checks/fixtures (e.g. cqrs/ratio-ok.yaml). */
  spec: string;
  name?: string;
  options?: Record<string, unknown>;
  /** Grade against these problem givens (as `grade` does for a spec that names its problem). */
  givens?: Givens;
  /** Set false when the check should not apply at all (no findings). */
  applies?: boolean;
  /** Passing findings that must be among the check's (status pass, with these figures). */
  findings?: ExpectedPass[];
}

export interface ExpectedPass {
  status: 'pass';
  messageId: string;
  data?: Partial<FindingData>;
  /** 1-based line in the fixture the finding points at. */
  line: number;
}

export interface ExpectedFinding {
  status?: Exclude<Status, 'pass'>;
  messageId: string;
  data?: Partial<FindingData>;
  /** 1-based line in the fixture the finding points at. */
  line: number;
}

export interface InvalidCase extends Omit<ValidCase, 'findings'> {
  findings: ExpectedFinding[];
}

export function runCheckOn(check: Check<unknown>, file: string, options: Record<string, unknown> = {}, givens?: Givens) {
  const text = readFileSync(join(FIXTURES, file), 'utf8');
  const loaded = loadSpecText(file, text);
  if (!loaded.ok)
    throw new Error(
      `fixture ${file} is not a valid spec:\n${loaded.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n')}`,
    );
  const { model, locate } = givens ? withGivens(loaded.loaded, givens) : loaded.loaded;
  const metrics = analyse(model);
  const findings = check.run({ model, metrics, options: { ...(check.meta.defaults as Record<string, unknown>), ...options } });
  return findings.map((f) => ({ ...f, line: locate(f.path)?.line }));
}

function assertWellFormed(check: Check<unknown>, findings: Finding[]) {
  for (const f of findings) {
    const template = check.meta.messages[f.messageId];
    expect(template, `messageId "${f.messageId}" is not in ${check.meta.id}'s messages`).toBeDefined();
    const text = fillTemplate(template!, f.data);
    expect(text, `message ${f.messageId} has an unfilled placeholder`).not.toMatch(/\{\{/);
    if (f.status !== 'pass') expect(check.meta.hints[f.messageId], `no hint for ${f.messageId}`).toBeTruthy();
  }
}

const matches = (data: FindingData, expected: Partial<FindingData> | undefined): boolean =>
  Object.entries(expected ?? {}).every(([k, v]) => data[k] === v);

export function testCheck(check: Check<unknown>, cases: { valid: ValidCase[]; invalid: InvalidCase[] }) {
  describe(check.meta.id, () => {
    it('has complete metadata', () => {
      const m = check.meta;
      expect(m.id).toMatch(/^[a-z-]+\/[a-z0-9-]+$/);
      expect(m.title.length).toBeGreaterThan(10);
      expect(m.concept.split(/[.!?](\s|$)/).filter((s) => s.trim().length > 3).length).toBeGreaterThanOrEqual(2);
      expect(m.computes.length).toBeGreaterThan(10);
      expect(Object.keys(m.messages).length).toBeGreaterThan(0);
      expect(cases.valid.length, 'at least one valid case').toBeGreaterThan(0);
      expect(cases.invalid.length, 'at least one invalid case').toBeGreaterThan(0);
    });
    for (const c of cases.valid) {
      it(`valid: ${c.name ?? c.spec}`, () => {
        const findings = runCheckOn(check, c.spec, c.options, c.givens);
        assertWellFormed(check, findings);
        if (c.applies === false) {
          expect(findings).toEqual([]);
          return;
        }
        expect(findings.length, 'the check should apply to this spec').toBeGreaterThan(0);
        const bad = findings.filter((f) => f.status !== 'pass');
        expect(
          bad.map((f) => `${f.status} ${f.messageId} line ${f.line}: ${fillTemplate(check.meta.messages[f.messageId] ?? '', f.data)}`),
        ).toEqual([]);
        for (const exp of c.findings ?? []) {
          const match = findings.find((f) => f.messageId === exp.messageId && f.line === exp.line && matches(f.data, exp.data));
          expect(
            match,
            `expected pass ${exp.messageId} at line ${exp.line} ${JSON.stringify(exp.data ?? {})}; got:\n${findings.map((f) => `  ${f.status} ${f.messageId} line ${f.line} ${JSON.stringify(f.data)}`).join('\n')}`,
          ).toBeDefined();
        }
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name ?? c.spec}`, () => {
        const findings = runCheckOn(check, c.spec, c.options, c.givens);
        assertWellFormed(check, findings);
        const problems = findings.filter((f) => f.status !== 'pass');
        for (const exp of c.findings) {
          const match = problems.find(
            (f) =>
              f.messageId === exp.messageId &&
              f.line === exp.line &&
              (exp.status === undefined || f.status === exp.status) &&
              matches(f.data, exp.data),
          );
          expect(
            match,
            `expected ${exp.status ?? 'fail'} ${exp.messageId} at line ${exp.line} ${JSON.stringify(exp.data ?? {})}; got:\n${problems.map((f) => `  ${f.status} ${f.messageId} line ${f.line} ${JSON.stringify(f.data)}`).join('\n')}`,
          ).toBeDefined();
        }
        expect(problems.length, 'unexpected extra findings').toBe(c.findings.length);
      });
    }
  });
}
