// `sdcoach scorecard <session>`: scores a recorded mock interview (a session file names the problem, the
// questions asked, the minutes per phase and the spec) and prints the scorecard, or the whole session as
// Markdown for a mentor.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadSession, scoreInterview } from '../problems/interview-score.js';
import { scorecardMarkdown, scorecardText } from '../problems/scorecard-format.js';
import { formatDiagnostic } from '../specfile/diagnostic.js';
import { sanitizeLine } from '../specfile/sanitize.js';
import { problemOrUsageError } from './catalog-options.js';
import { EXIT } from './io.js';
import { PASSING_SIGNALS } from '../problems/interview-score.js';

const FORMATS = ['text', 'markdown', 'json'] as const;

export function registerScorecard(program: Command): void {
  program
    .command('scorecard')
    .description('score a recorded mock interview session: each phase, the hire signal, what was never asked')
    .argument('<session>', 'a session file (schemas/interview-session.schema.json)')
    .option('-f, --format <format>', `${FORMATS.join(', ')}`, 'text')
    .addHelpText(
      'after',
      `
Exit status: 0 when the session scores hire or strong hire, 1 below, 2 on bad input.

Examples:
  $ sdcoach scorecard problems/order-history/interview/reference.yaml
  $ sdcoach scorecard my-session.yaml --format markdown > review.md`,
    )
    .action((file: string, opts: { format: string }, cmd: Command) => {
      if (!(FORMATS as readonly string[]).includes(opts.format)) {
        process.stderr.write(`sdcoach: unknown format "${sanitizeLine(opts.format)}": use ${FORMATS.join(', ')}\n`);
        process.exitCode = EXIT.usage;
        return;
      }
      const s = loadSession(file);
      if (!s.ok) {
        for (const d of s.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
        process.exitCode = EXIT.usage;
        return;
      }
      const problem = problemOrUsageError(s.session.problem, cmd);
      if (!problem) return;
      if (!problem.interview) {
        process.stderr.write(`sdcoach: problem "${sanitizeLine(problem.id)}" defines no interview\n`);
        process.exitCode = EXIT.usage;
        return;
      }
      const card = scoreInterview(problem, s.session);
      if (opts.format === 'json') {
        const { phases, ...rest } = card;
        process.stdout.write(`${JSON.stringify({ ...rest, phases: phases.map(({ report: _r, ...p }) => p) }, null, 2)}\n`);
      } else if (opts.format === 'markdown') {
        let text: string;
        try {
          text = readFileSync(card.finalSpec, 'utf8');
        } catch {
          text = '# (the final spec could not be read)';
        }
        process.stdout.write(scorecardMarkdown(card, text));
      } else process.stdout.write(scorecardText(card));
      process.exitCode = PASSING_SIGNALS.includes(card.signal) ? EXIT.ok : EXIT.failed;
    });
}
