// Starts a mock interview on the terminal: from `sdcoach interview <problem>` or from the practice picker's
// "mock interviews" rows. Ink and React load here, only once a session starts.
import { resolve } from 'node:path';
import type { Problem } from '../problems/problem.js';
import { progressFile } from '../progress/file.js';
import { useColor } from './io.js';

export interface InterviewStart {
  minutes?: number;
  /** The spec to work in (default ./sdcoach-work/interview/<problem>.yaml). */
  spec?: string;
}

/** The default spec of a problem's interview, under the working folder. */
export function interviewSpecFile(cwd: string, problem: Problem, spec?: string): string {
  return spec !== undefined ? resolve(cwd, spec) : resolve(cwd, 'sdcoach-work', 'interview', `${problem.id}.yaml`);
}

export async function startInterview(problem: Problem, o: InterviewStart = {}): Promise<number> {
  const { runInterview } = await import('../tui/interview-app.js');
  return runInterview({
    problem,
    file: interviewSpecFile(process.cwd(), problem, o.spec),
    ...(o.minutes !== undefined ? { minutes: o.minutes } : {}),
    progressFile: progressFile(),
    color: useColor(process.stdout),
  });
}
