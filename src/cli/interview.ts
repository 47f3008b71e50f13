// `sdcoach interview [problem]`: a timed mock interview in the terminal (clarify, estimate, API and data,
// design, deep dive, decide), graded phase by phase into a scorecard. Checks its arguments and the terminal
// here; Ink and React are imported only once a session starts.
import { InvalidArgumentError, type Command } from 'commander';
import { sdcoachCommand } from '../grading/invocation.js';
import { loadCatalog } from '../problems/catalog.js';
import { sanitizeLine } from '../specfile/sanitize.js';
import { catalogsFor, problemOrUsageError } from './catalog-options.js';
import { EXIT } from './io.js';
import { startInterview } from './interview-start.js';
import { notInteractive, openSession } from './practice.js';

function minutesArg(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 5 || n > 240) throw new InvalidArgumentError('Expected minutes from 5 to 240');
  return n;
}

export function registerInterview(program: Command): void {
  program
    .command('interview')
    .description(
      'a timed mock interview: ask, estimate, sketch the API and data, design, survive the deep dive, defend your decisions; scored into a hire signal',
    )
    .argument('[problem]', 'problem id (one that defines an interview; default: choose one in the practice picker)')
    .option('-m, --minutes <n>', "the interview's length (default: the problem's, 45); the phase guides scale with it", minutesArg)
    .option(
      '--spec <file>',
      'the spec file to work in (default: ./sdcoach-work/interview/<problem>.yaml, created from the starter, never overwritten)',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ sdcoach interview                      # choose one in the practice picker
  $ sdcoach interview order-history
  $ sdcoach interview order-history --minutes 30 --spec designs/orders.yaml

Keys: ↑↓ and Enter ask the interviewer a question (clarify), n moves to the next phase, q ends the
interview (after a confirmation). Edit the spec in your editor: each save is graded with the phase's
rubric. At the end the spec of every phase and session.yaml are kept in a folder beside the spec,
the scorecard is shown, and the result is kept in the progress file (sdcoach progress).

Needs an interactive terminal; to score a recorded session use:
  $ sdcoach scorecard <session.yaml>`,
    )
    .action(async (id: string | undefined, opts: { minutes?: number; spec?: string }, cmd: Command) => {
      if (id === undefined) {
        // In a terminal: the practice picker, filtered to the mock interviews. Elsewhere: the list of them.
        if (!notInteractive(process.env, process.stdin, process.stdout)) {
          process.exitCode = await openSession(catalogsFor(cmd), { reveal: false, filter: 'mock interview' });
          return;
        }
        const { problems } = loadCatalog(catalogsFor(cmd));
        const withInterview = problems.filter((p) => p.interview);
        process.stderr.write(
          withInterview.length
            ? `sdcoach interview needs a problem. Problems with an interview:\n${withInterview.map((p) => `  ${p.id.padEnd(24)} ${sanitizeLine(p.title)}`).join('\n')}\nStart one: ${sdcoachCommand(`interview ${withInterview[0]!.id}`)}\n`
            : 'sdcoach: no problem in the catalog defines an interview\n',
        );
        process.exitCode = EXIT.usage;
        return;
      }
      const problem = problemOrUsageError(id, cmd);
      if (!problem) return;
      if (!problem.interview) {
        process.stderr.write(
          `sdcoach: problem "${sanitizeLine(problem.id)}" defines no interview (${sdcoachCommand('interview')} lists those that do)\n`,
        );
        process.exitCode = EXIT.usage;
        return;
      }
      const why = notInteractive(process.env, process.stdin, process.stdout);
      if (why) {
        process.stderr.write(
          `sdcoach interview needs an interactive terminal (${why}).\nTo score a recorded session without it: ${sdcoachCommand('scorecard <session.yaml>', problem)}\n`,
        );
        process.exitCode = EXIT.usage;
        return;
      }
      process.exitCode = await startInterview(problem, opts);
    });
}
