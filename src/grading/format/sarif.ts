// SARIF 2.1.0 (the OASIS static-analysis interchange format GitHub code scanning reads): one run,
// a rule per check the rubrics used (with its docs section), a result per warn/fail finding at the
// spec's line and column, and input errors (a spec that does not load) as results of their code.
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getCheck } from '../../checks/registry.js';
import type { Diagnostic } from '../../specfile/diagnostic.js';
import { checkDocsUrl } from '../check-links.js';
import type { Report } from '../report.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifInput {
  reports: Report[];
  /** Specs that did not load, with their diagnostics. */
  inputErrors: { spec: string; diagnostics: Diagnostic[] }[];
  version: string;
  cwd?: string;
}

/** A spec's artifact URI: relative to the working folder (uriBaseId %SRCROOT%) when inside it. */
function artifact(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = relative(cwd, file);
  if (rel && !rel.startsWith('..') && !/^([a-zA-Z]:)?[\\/]/.test(rel))
    return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  return { uri: pathToFileURL(file).href };
}

function region(line: number | undefined, column: number | undefined): { startLine: number; startColumn?: number } | undefined {
  return line !== undefined && line >= 1
    ? { startLine: line, ...(column !== undefined && column >= 1 ? { startColumn: column } : {}) }
    : undefined;
}

export function formatSarif(input: SarifInput): string {
  const cwd = input.cwd ?? process.cwd();
  const rules: ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const ruleOf = (id: string, describe: () => ReportingDescriptor): number => {
    let i = ruleIndex.get(id);
    if (i === undefined) {
      i = rules.length;
      rules.push(describe());
      ruleIndex.set(id, i);
    }
    return i;
  };
  const results: Result[] = [];

  for (const r of input.reports) {
    const art = artifact(r.spec, cwd);
    for (const c of r.checks) {
      const index = ruleOf(c.id, () => {
        const meta = getCheck(c.id)?.meta;
        const rule: ReportingDescriptor = {
          id: c.id,
          name: c.id.replace(/[/-](\w)/g, (_m, ch: string) => ch.toUpperCase()),
          shortDescription: { text: c.title },
        };
        if (meta) {
          rule.fullDescription = { text: meta.concept };
          rule.helpUri = checkDocsUrl(c.id);
          rule.help = {
            text: `${meta.concept}\n\nHow it computes: ${meta.computes}`,
            markdown: `${meta.concept}\n\n*How it computes:* ${meta.computes}`,
          };
        }
        rule.properties = { tags: ['sdcoach', c.topic] };
        return rule;
      });
      const failing = c.findings.filter((f) => f.status !== 'pass');
      const base = { ruleId: c.id, ruleIndex: index };
      if (!c.findings.length && c.status === 'fail') {
        // An assertion or a check without located findings: about the spec as a whole.
        results.push({
          ...base,
          level: 'error',
          message: { text: c.message },
          locations: [{ physicalLocation: { artifactLocation: art } }],
          properties: { mustPass: c.mustPass, weight: c.weight },
        });
      }
      for (const f of failing) {
        const reg = region(f.location.line, f.location.column);
        results.push({
          ...base,
          level: f.status === 'fail' ? 'error' : 'warning',
          message: { text: f.hint ? `${f.message}\nhint: ${f.hint}` : f.message },
          locations: [
            {
              physicalLocation: { artifactLocation: art, ...(reg ? { region: reg } : {}) },
              logicalLocations: [{ fullyQualifiedName: f.location.path }],
            },
          ],
          partialFingerprints: { 'sdcoach/v1': `${c.id}|${f.messageId}|${f.location.path}` },
          properties: { mustPass: c.mustPass, weight: c.weight, messageId: f.messageId },
        });
      }
    }
  }

  for (const e of input.inputErrors) {
    const art = artifact(e.spec, cwd);
    for (const d of e.diagnostics) {
      const id = `spec/${d.code}`;
      const index = ruleOf(id, () => ({
        id,
        shortDescription: { text: `The spec format: ${d.code}` },
        properties: { tags: ['sdcoach', 'input'] },
      }));
      const reg = region(d.line, d.column);
      results.push({
        ruleId: id,
        ruleIndex: index,
        level: d.severity === 'error' ? 'error' : 'warning',
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation: { ...art }, ...(reg ? { region: reg } : {}) } }],
      });
    }
  }

  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'sdcoach', version: input.version, semanticVersion: input.version, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(sep) ? cwd : `${cwd}${sep}`).href } },
        invocations: [{ executionSuccessful: input.inputErrors.length === 0 }],
        results,
        properties: {
          // The grade of each spec, which code scanning has no field for.
          grades: input.reports.map((r) => ({
            spec: r.spec,
            problem: r.problem ?? null,
            stage: r.stage ?? null,
            rubric: r.rubric.id,
            score: r.score,
            passed: r.passed,
          })),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
