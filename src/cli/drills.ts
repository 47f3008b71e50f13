// `sdcoach practice --drills estimation`: quick-fire questions on the terminal, one line each. Seeded
// (the seed is printed, --seed repeats it), timed, graded with the estimate tolerance rules, the worked
// answer after each question; answers, streak and best streak go to the progress file.
import { createInterface } from 'node:readline';
import { figure } from '../checks/estimation/reference-schema.js';
import { drillVerdict, generateDrills, gradeDrill, type DrillSet } from '../problems/drills.js';
import type { Difficulty } from '../problems/problem.js';
import { readProgress, writeProgress } from '../progress/file.js';
import { recordDrill } from '../progress/progress.js';

export interface DrillOptions {
  set: DrillSet;
  seed: number;
  count: number;
  /** Time allowed per question; a later answer counts as a miss. */
  seconds: number;
  level: Difficulty;
  progressFile: string;
  color: boolean;
  now?: () => number;
}

export async function runDrills(
  o: DrillOptions,
  input: NodeJS.ReadableStream = process.stdin,
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const now = o.now ?? Date.now;
  const paint = (code: string) => (t: string) => (o.color ? `\u001b[${code}m${t}\u001b[0m` : t);
  const [bold, dim, green, red] = [paint('1'), paint('2'), paint('32'), paint('31')];
  const questions = generateDrills(o.seed, o.count, o.level);
  const tolerance = questions[0]?.reference.tolerance ?? 2;
  out.write(
    `${bold(`sdcoach drills · ${o.set}`)}  ${dim(`seed ${o.seed} · ${o.count} questions · ${o.seconds} s each · within ${tolerance}× (${o.level})`)}\n`,
  );
  out.write(dim('Answer with a unit (12k/s, 3.5 TB, 40 ms); an empty line skips. Ctrl-D stops.\n'));
  const rl = createInterface({ input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  let correct = 0;
  let answered = 0;
  let totalMs = 0;
  const file = readProgress(o.progressFile, { setAside: true });
  let progress = file.progress;
  if (file.warning) out.write(`sdcoach: ${file.warning}\n`);
  try {
    for (const [i, q] of questions.entries()) {
      out.write(`\n${bold(`Q${i + 1}/${questions.length}`)} ${dim(`[${q.kind}]`)} ${q.text}\n${dim(`(in ${q.unit})`)} > `);
      const started = now();
      let line: string | undefined;
      for (;;) {
        const next = await lines.next();
        if (next.done) break;
        const parsed = next.value.trim() === '' ? { ok: true as const } : gradeDrill(q, next.value);
        if (!parsed.ok) {
          out.write(`${red('?')} ${parsed.message}; try again > `);
          continue;
        }
        line = next.value;
        break;
      }
      if (line === undefined) {
        out.write('\nStopped.\n');
        break;
      }
      const ms = now() - started;
      totalMs += ms;
      answered++;
      const secs = `${(ms / 1000).toFixed(1)} s`;
      const graded = line.trim() === '' ? undefined : gradeDrill(q, line);
      const late = ms > o.seconds * 1000;
      const ok = graded?.ok === true && graded.correct && !late;
      if (ok) correct++;
      const why =
        !graded || !graded.ok ? 'skipped' : late ? `over the ${o.seconds} s limit` : drillVerdict(graded.judgement, q.reference.tolerance);
      out.write(
        `${ok ? green('✓') : red('✗')} ${ok ? 'in range' : why} ${dim(`(${secs})`)} · answer ${figure(q.reference.shown)} ${q.unit}, accepted ${figure(q.reference.shown / q.reference.tolerance)} to ${figure(q.reference.shown * q.reference.tolerance)}\n`,
      );
      out.write(`  ${dim('Worked:')} ${q.reference.derivation}\n`);
      progress = recordDrill(progress, o.set, ok, o.seed, now());
    }
  } finally {
    rl.close();
  }
  const d = progress.drills?.[o.set];
  out.write(
    `\n${bold(`Score ${correct}/${answered}`)} in ${(totalMs / 1000).toFixed(0)} s · streak ${d?.streak ?? 0} (best ${d?.bestStreak ?? 0}) · all time ${d?.correct ?? 0}/${d?.answered ?? 0}\n`,
  );
  out.write(dim(`Same questions again: sdcoach practice --drills ${o.set} --seed ${o.seed}\n`));
  if (answered) {
    // Re-read just before writing so problems another session saved meanwhile are kept.
    const onDisk = readProgress(o.progressFile, { setAside: true }).progress;
    writeProgress(o.progressFile, {
      ...onDisk,
      version: progress.version,
      ...(progress.drills ? { drills: { ...(onDisk.drills ?? {}), [o.set]: progress.drills[o.set]! } } : {}),
    });
  }
  return 0;
}
