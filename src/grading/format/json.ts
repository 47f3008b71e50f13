// JSON report: {spec, problem, stage, score, passed, checks: [...], metrics}. +Infinity (a latency behind a
// queue that grows without bound, a demand with no timeout to bound it) becomes the string "unbounded";
// NaN and -Infinity, which no metric should hold, become null.
import type { Report } from '../report.js';

export function reportToJson(report: Report): Record<string, unknown> {
  return {
    spec: report.spec,
    name: report.name ?? null,
    problem: report.problem ?? null,
    stage: report.stage ?? null,
    rubric: report.rubric,
    score: report.score,
    passed: report.passed,
    passMark: report.passMark,
    mustPassFailed: report.mustPassFailed,
    warnings: report.warnings,
    checks: report.checks.map((c) => ({
      id: c.id,
      title: c.title,
      topic: c.topic,
      status: c.status,
      weight: c.weight,
      mustPass: c.mustPass,
      message: c.message,
      location: c.location ?? null,
      evidence: c.evidence ?? null,
      hint: c.hint ?? null,
      findings: c.findings.map((f) => ({
        status: f.status,
        messageId: f.messageId,
        message: f.message,
        location: f.location,
        data: f.data,
        hint: f.hint ?? null,
      })),
    })),
    metrics: report.metrics,
  };
}

export function stringifyJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? (v === Number.POSITIVE_INFINITY ? 'unbounded' : null) : v),
    2,
  );
}
