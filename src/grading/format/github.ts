// GitHub Actions workflow commands: ::error / ::warning annotations on the spec's lines.
import { sanitizeGithubData as escData, sanitizeGithubProp as escProp } from '../../specfile/sanitize.js';
import type { Report } from '../report.js';

export function formatGithub(reports: Report[]): string {
  const out: string[] = [];
  for (const r of reports) {
    for (const c of r.checks) {
      for (const f of c.findings.length ? c.findings : []) {
        if (f.status === 'pass') continue;
        const level = f.status === 'fail' ? 'error' : 'warning';
        const props = [`file=${escProp(r.spec)}`];
        if (f.location.line !== undefined) props.push(`line=${f.location.line}`, `col=${f.location.column ?? 1}`);
        props.push(`title=${escProp(`sdcoach ${c.id}`)}`);
        out.push(`::${level} ${props.join(',')}::${escData(f.hint ? `${f.message}\nhint: ${f.hint}` : f.message)}`);
      }
      if (!c.findings.length && c.status === 'fail') {
        out.push(`::error file=${escProp(r.spec)},title=${escProp(`sdcoach ${c.id}`)}::${escData(c.message)}`);
      }
    }
    out.push(
      `::notice file=${escProp(r.spec)},title=sdcoach::${escData(`score ${r.score}/100, ${r.passed ? 'passed' : 'failed'} (rubric ${r.rubric.id})`)}`,
    );
  }
  return `${out.join('\n')}\n`;
}
