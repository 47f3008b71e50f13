// `sdcoach list`: the problem catalog as a table (or JSON), filterable by topic and difficulty.
import type { Command } from 'commander';
import { loadCatalog } from '../problems/catalog.js';
import {
  mainTopic,
  resolveTopic,
  summarizeCatalog,
  topicVocabulary,
  type DifficultyGroup,
  type ListedProblem,
} from '../problems/catalog-summary.js';
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

export interface RenderListOptions {
  /** Terminal columns: a problem whose line would not fit shows its title on a line of its own. */
  width: number;
  /** The progress cell of a problem ('' for one not started), when the learner has progress. */
  progressCell?: (p: ListedProblem) => string;
  /** With --topic: the topics asked for; other topics only touched by the shown problems get no line. */
  onlyTopics?: readonly string[];
  bold?: (s: string) => string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The catalog as the learner reads it: a heading per difficulty with its count, then per topic a
 * heading (how many problems have it as their MAIN topic, and how many more touch on it) with those
 * problems under it, then one line counting the topics that are only secondary in that difficulty
 * (with --topic, only the asked ones). Pure; every piece of catalog text is sanitized for the terminal.
 */
export function renderCatalogList(groups: readonly DifficultyGroup[], opts: RenderListOptions): string[] {
  const bold = opts.bold ?? ((s: string) => s);
  const problems = groups.flatMap((g) => g.topics.flatMap((t) => t.main));
  const idW = Math.max(0, ...problems.map((p) => sanitizeTerminal(p.id).length));
  const titleW = Math.max(0, ...problems.map((p) => sanitizeTerminal(p.title).length));
  const tail = (p: ListedProblem) => {
    const cell = opts.progressCell?.(p);
    return `${plural(p.stages.length, 'stage').padEnd(9)}${cell ? `  ${sanitizeTerminal(cell)}` : ''}`.trimEnd();
  };
  const tailW = Math.max(0, ...problems.map((p) => tail(p).length));
  // One line per problem when the widest fits; else the title goes under the id, cut to the width.
  const oneLine = 4 + idW + 2 + titleW + 2 + tailW <= opts.width;
  const cut = (s: string, w: number) => (s.length <= w ? s : `${s.slice(0, Math.max(1, w - 1))}…`);
  const out: string[] = [];
  for (const g of groups) {
    if (out.length) out.push('');
    out.push(bold(`${g.difficulty}: ${plural(g.count, 'problem')}`));
    const asked = (t: { topic: string }) => !opts.onlyTopics || opts.onlyTopics.includes(t.topic);
    const headed = g.topics.filter((t) => t.main.length);
    const topicW = Math.max(0, ...headed.map((t) => t.topic.length));
    for (const t of headed) {
      const more = t.touching - t.main.length;
      const also = more && asked(t) ? `, and ${more} more ${more === 1 ? 'touches' : 'touch'} on it` : '';
      out.push(`  ${sanitizeTerminal(t.topic).padEnd(topicW)}  ${plural(t.main.length, 'problem')}${also}`);
      for (const p of t.main) {
        const id = sanitizeTerminal(p.id);
        const title = sanitizeTerminal(p.title);
        if (oneLine) out.push(`    ${id.padEnd(idW)}  ${title.padEnd(titleW)}  ${tail(p)}`.trimEnd());
        else out.push(`    ${id.padEnd(idW)}  ${tail(p)}`.trimEnd(), `      ${cut(title, opts.width - 6)}`);
      }
    }
    // Topics no problem here has first: one line of counts, not empty headings (with --topic, the asked ones).
    const touched = g.topics.filter((t) => !t.main.length && asked(t)).map((t) => `${sanitizeTerminal(t.topic)} in ${t.touching}`);
    if (touched.length) out.push(...wrapList('  also touched on: ', touched, opts.width));
  }
  return out;
}

/** "head: a, b, c" wrapped to the width, continuation lines indented under the first item. */
function wrapList(head: string, items: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let line = head;
  items.forEach((item, i) => {
    const piece = `${item}${i < items.length - 1 ? ',' : ''}`;
    if (line.length > head.length && line.length + 1 + piece.length > width) {
      lines.push(line);
      line = `${' '.repeat(head.length)}${piece}`;
    } else line = line.length > head.length ? `${line} ${piece}` : `${line}${piece}`;
  });
  lines.push(line);
  return lines;
}

/** Columns to lay the list out in: the terminal's, else $COLUMNS, else 120. */
function terminalWidth(): number {
  const env = Number(process.env.COLUMNS);
  return process.stdout.columns || (Number.isInteger(env) && env > 0 ? env : 120);
}

export function registerList(program: Command): void {
  program
    .command('list')
    .description('list the problems in the catalog, by difficulty and main topic, with counts')
    .option('-t, --topic <topic>', 'only problems with this topic (e.g. cqrs, bulkhead, latency; a prefix works)')
    .option('-d, --difficulty <level>', `only this difficulty: ${DIFFICULTIES.join(', ')}`)
    .option('--json', 'print a JSON array (mainTopic is the first of topics)')
    .addHelpText(
      'after',
      `
Each difficulty lists its problems under their main topic (the first of
their topics), with the count; "and N more touch on it" counts the problems
listed elsewhere that have it as a secondary topic. "also touched on: latency
in 5" says that 5 problems there have latency as a secondary topic only.

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
      const vocabulary = topicVocabulary(problems);
      let topics: string[] = [];
      if (opts.topic !== undefined) {
        const asked = resolveTopic(opts.topic, vocabulary);
        if (!asked.ok) {
          const mean = asked.suggestion ? `; did you mean "${asked.suggestion}"?` : '.';
          process.stderr.write(`sdcoach: unknown topic "${sanitizeLine(opts.topic)}"${mean}\nTopics: ${vocabulary.join(', ')}\n`);
          process.exitCode = EXIT.usage;
          return;
        }
        topics = asked.topics;
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
                mainTopic: mainTopic(p),
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
        const byId = new Map(shown.map((p) => [p.id, p]));
        const progressCell = (p: ListedProblem) => {
          const st = status(byId.get(p.id)!)!;
          return st.state === 'new' ? '' : `${STATUS_ICON[st.state]} ${st.passed}/${st.stages}`;
        };
        const lines = renderCatalogList(summarizeCatalog(shown), {
          width: terminalWidth(),
          ...(progress ? { progressCell } : {}),
          ...(topics.length ? { onlyTopics: topics } : {}),
          ...(color ? { bold: (s: string) => `\u001b[1m${s}\u001b[0m` } : {}),
        });
        for (const l of lines) process.stdout.write(`${l}\n`);
        if (lines.length) process.stdout.write('\n');
        const byDifficulty = DIFFICULTIES.map((d) => [d, shown.filter((p) => p.difficulty === d).length] as const)
          .filter(([, n]) => n)
          .map(([d, n]) => `${n} ${d}`)
          .join(', ');
        const filtered = opts.topic || opts.difficulty;
        const namedTopics = opts.topic && (topics.length > 1 || topics[0] !== opts.topic) ? `; topic ${topics.join(', ')}` : '';
        const practise = `${sdcoachCommand('practice <id>')} to practise one,`;
        const show = `${sdcoachCommand('show <id>')} for its prompt.`;
        process.stdout.write(
          `${plural(shown.length, 'problem')}${filtered ? ` (of ${problems.length}${namedTopics})` : ''}${byDifficulty && !opts.difficulty ? `: ${byDifficulty}` : ''}.\n` +
            `${practise}${practise.length + 1 + show.length <= terminalWidth() ? ' ' : '\n'}${show}\n`,
        );
      }
      if (errors.length) process.exitCode = EXIT.usage;
    });
}
