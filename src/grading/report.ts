// The Report: a graded design, ready for any output format (text, json, junit, markdown, github, TUI).
import type { Metrics } from '../analysis/metrics.js';
import type { Status } from '../checks/types.js';
import type { SpecPath } from '../specfile/diagnostic.js';

export type CheckStatus = Status | 'n/a';

export interface ReportLocation {
  line?: number;
  column?: number;
  path: string;
}

export interface ReportFinding {
  status: Status;
  messageId: string;
  message: string;
  hint?: string;
  location: ReportLocation;
  specPath: SpecPath;
  data: Record<string, string | number>;
  evidence?: Record<string, unknown>;
  /** Room left before the limit, as a fraction of it (see Finding.slack). */
  slack?: number;
}

export interface ReportCheck {
  id: string;
  title: string;
  topic: string;
  status: CheckStatus;
  weight: number;
  mustPass: boolean;
  /** The most important message (the worst finding's). */
  message: string;
  hint?: string;
  location?: ReportLocation;
  evidence?: Record<string, unknown>;
  findings: ReportFinding[];
}

export interface Report {
  spec: string;
  name?: string;
  problem?: string;
  stage?: number;
  rubric: { id: string; title: string; file?: string };
  score: number;
  passed: boolean;
  passMark: number;
  minScore?: number;
  mustPassFailed: string[];
  checks: ReportCheck[];
  warnings: string[];
  metrics: Metrics;
}
