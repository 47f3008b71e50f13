// JUnit XML: one testsuite per spec, one testcase per check, so CI systems show grades as tests.
import { sanitizeXml } from '../../specfile/sanitize.js';
import type { Report } from '../report.js';

/** Characters XML 1.0 cannot carry become visible codes; markup characters are escaped. */
export function xmlEscape(s: string): string {
  return sanitizeXml(s);
}

export function formatJunit(reports: Report[], errors: { spec: string; message: string }[] = []): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const all = reports.reduce((a, r) => a + r.checks.length, 0) + errors.length;
  const failures = reports.reduce((a, r) => a + r.checks.filter((c) => c.status === 'fail').length, 0);
  out.push(`<testsuites name="sdcoach" tests="${all}" failures="${failures}" errors="${errors.length}">`);
  for (const r of reports) {
    const f = r.checks.filter((c) => c.status === 'fail').length;
    const skipped = r.checks.filter((c) => c.status === 'n/a').length;
    out.push(`  <testsuite name="${xmlEscape(r.spec)}" tests="${r.checks.length}" failures="${f}" skipped="${skipped}">`);
    out.push(
      `    <properties><property name="score" value="${r.score}"/><property name="passed" value="${r.passed}"/><property name="rubric" value="${xmlEscape(r.rubric.id)}"/></properties>`,
    );
    for (const c of r.checks) {
      const where = c.location?.line !== undefined ? `${r.spec}:${c.location.line}:${c.location.column ?? 1}` : r.spec;
      out.push(
        `    <testcase classname="${xmlEscape(c.topic)}" name="${xmlEscape(c.id)}" file="${xmlEscape(r.spec)}"${c.location?.line !== undefined ? ` line="${c.location.line}"` : ''}>`,
      );
      if (c.status === 'fail') {
        out.push(
          `      <failure message="${xmlEscape(c.message)}" type="${xmlEscape(c.id)}">${xmlEscape(`${c.message}\nat ${where}${c.hint ? `\nhint: ${c.hint}` : ''}`)}</failure>`,
        );
      } else if (c.status === 'n/a') {
        out.push('      <skipped message="does not apply to this design"/>');
      } else if (c.status === 'warn') {
        out.push(`      <system-out>${xmlEscape(`warning: ${c.message}`)}</system-out>`);
      }
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  for (const e of errors) {
    out.push(`  <testsuite name="${xmlEscape(e.spec)}" tests="1" failures="0" errors="1">`);
    out.push(`    <testcase classname="input" name="load"><error message="${xmlEscape(e.message)}"/></testcase>`);
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
