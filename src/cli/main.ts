// The sdcoach command line: builds the commander program and runs it. Each command lives in its own
// file, and only the invoked command's module is loaded, so `validate` never pays for the grader,
// the catalog, mermaid or Ink (start-up stays close to bare node).
import type { Command } from 'commander';
import { buildProgramWith, mainWith, type Commands } from './program.js';

export { errorStyle, invokedCommand } from './program.js';

/** Every command, in the order `sdcoach --help` lists them, with the loader of its module. */
export const COMMANDS: Commands = {
  practice: async () => (await import('./practice.js')).registerPractice,
  interview: async () => (await import('./interview.js')).registerInterview,
  progress: async () => (await import('./progress.js')).registerProgress,
  list: async () => (await import('./list.js')).registerList,
  show: async () => (await import('./show.js')).registerShow,
  init: async () => (await import('./init.js')).registerInit,
  grade: async () => (await import('./grade.js')).registerGrade,
  validate: async () => (await import('./validate.js')).registerValidate,
  explain: async () => (await import('./explain.js')).registerExplain,
  metrics: async () => (await import('./metrics.js')).registerMetrics,
  drill: async () => (await import('./drill.js')).registerDrill,
  problem: async () => (await import('./problem.js')).registerProblem,
  schema: async () => (await import('./schema.js')).registerSchema,
  diagram: async () => (await import('./diagram.js')).registerDiagram,
  report: async () => (await import('./report.js')).registerReport,
  lsp: async () => (await import('./lsp.js')).registerLsp,
  scorecard: async () => (await import('./scorecard.js')).registerScorecard,
};

export function buildProgram(only?: string): Promise<Command> {
  return buildProgramWith(COMMANDS, only);
}

export function main(argv: string[]): Promise<number> {
  return mainWith(COMMANDS, argv);
}
