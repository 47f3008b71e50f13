// `sdcoach list`: the problem catalog as a table (or JSON), filterable by topic and difficulty.
import { didYouMean } from '../specfile/suggest.js';
import type { Command } from 'commander';
import { loadCatalog } from '../problems/catalog.js';
import { DIFFICULTIES, type Problem } from '../problems/problem.js';
import { progressFile, readProgress } from '../progress/file.js';
import { alignProgress, problemStatus, STATUS_ICON, type Progress } from '../progress/progress.js';
import { sanitizeTerminal } from '../specfile/sanitize.js';
import { catalogsFor } from './catalog-options.js';
import { EXIT, useColor } from './io.js';
import { sanitizeLine } from '../specfile/sanitize.js';
import { sdcoachCommand } from '../grading/invocation.js';

export interface ListOptions {
  topic?: string;
  difficulty?: string;
  json?: boolean;
}

/** The learner's progress, when there is any to show (a read-only look: nothing is moved aside). */
function learnerProgress(): { progress?: Progress; warning?: string } {
  const read = readProgress(progressFile(), { setAside: false });
  const out: { progress?: Progress; warning?: string } = {};
  if (read.warning) out.warning = read.warning;
  if (Object.keys(read.progress.problems).length) out.progress = read.progress;
  return out;
}

const DIFF_ORDER: Record<string, number> = { 'warm-up': 0, interview: 1, staff: 2 };

export function registerList(program: Command): void {
  program
    .command('list')
    .description('list the problems in the catalog')
    .option('-t, --topic <topic>', 'only problems with this topic (e.g. cqrs, bulkhead)')
    .option('-d, --difficulty <level>', `only this difficulty: ${DIFFICULTIES.join(', ')}`)
    .option('--json', 'print a JSON array')
    .addHelpText(
      'after',
      `
Examples:
  $ sdcoach list
  $ sdcoach list --topic cqrs --difficulty interview
  $ sdcoach list --json`,
    )
    .action((opts: ListOptions, cmd: Command) => {
      if (opts.difficulty && !(DIFFICULTIES as readonly string[]).includes(opts.difficulty)) {
        cmd.error(`--difficulty must be one of ${DIFFICULTIES.join(', ')}`, { exitCode: EXIT.usage });
      }
      const { problems, errors } = loadCatalog(catalogsFor(cmd));
      for (const e of errors) process.stderr.write(`${sanitizeLine(e)}\n`);
      // Topics match whatever the case, and a prefix names every topic it starts ("cqr" is cqrs).
      const allTopics = [...new Set(problems.flatMap((p) => p.topics))].sort();
      const wanted = opts.topic?.toLowerCase();
      const topics = wanted === undefined ? [] : allTopics.filter((t) => t.toLowerCase() === wanted || t.toLowerCase().startsWith(wanted));
      if (opts.topic !== undefined && !topics.length) {
        process.stderr.write(
          `sdcoach: no problem has the topic "${sanitizeTerminal(opts.topic)}"${didYouMean(opts.topic, allTopics)} Topics: ${allTopics.join(', ')}\n`
            .replace('"? Topics', '"?\nTopics')
            .replace('" Topics', '".\nTopics'),
        );
        process.exitCode = EXIT.usage;
        return;
      }
      const shown = problems
        .filter((p) => !topics.length || p.topics.some((t) => topics.includes(t)))
        .filter((p) => !opts.difficulty || p.difficulty === opts.difficulty)
        .sort((a, b) => DIFF_ORDER[a.difficulty]! - DIFF_ORDER[b.difficulty]! || a.id.localeCompare(b.id));
      const { progress: read, warning } = learnerProgress();
      const progress = read ? alignProgress(read, problems) : undefined;
      if (warning) process.stderr.write(`sdcoach: ${sanitizeLine(warning)}\n`);
      const status = (p: Problem) => (progress ? problemStatus(progress, p.id, p.stages.length) : undefined);
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify(
            shown.map((p) => {
              const st = status(p);
              return {
                id: p.id,
                title: p.title,
                topics: p.topics,
                difficulty: p.difficulty,
                stages: p.stages.length,
                ...(st ? { progress: { status: st.state, stagesPassed: st.passed } } : {}),
              };
            }),
            null,
            2,
          )}\n`,
        );
      } else {
        const color = useColor();
        const progressCell = (p: Problem) => {
          const st = status(p)!;
          return st.state === 'new' ? '' : `${STATUS_ICON[st.state]} ${st.passed}/${st.stages}`;
        };
        const rows = shown.map((p) =>
          [p.id, p.title, p.topics.join(', '), p.difficulty, String(p.stages.length), ...(progress ? [progressCell(p)] : [])].map(
            sanitizeTerminal,
          ),
        );
        const head = ['id', 'title', 'topics', 'difficulty', 'stages', ...(progress ? ['progress'] : [])];
        const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
        const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
        process.stdout.write(`${color ? `\u001b[1m${line(head)}\u001b[0m` : line(head)}\n`);
        for (const r of rows) process.stdout.write(`${line(r)}\n`);
        process.stdout.write(
          `${shown.length} problem${shown.length === 1 ? '' : 's'}${opts.topic || opts.difficulty ? ` (of ${problems.length}${opts.topic && (topics.length > 1 || topics[0] !== opts.topic) ? `; topic ${topics.join(', ')}` : ''})` : ''}. ${sdcoachCommand('practice <id>')} to practise it, ${sdcoachCommand('show <id>')} for the prompt.\n`,
        );
      }
      if (errors.length) process.exitCode = EXIT.usage;
    });
}
