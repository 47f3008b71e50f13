// The mock interview's I/O: runs the reducer's effects. Creates the learner's spec (never over an existing
// file), watches it (chokidar, debounced), grades each save with the phase's rubric, copies the spec into
// the session folder at each phase end, and at the end writes session.yaml, scores it and keeps the result
// in the progress file.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { phaseRubric, loadSession, scoreInterview } from '../problems/interview-score.js';
import type { Phase } from '../problems/interview.js';
import type { Problem } from '../problems/problem.js';
import { schemaRefFor, starterText } from '../problems/render.js';
import { wrapText } from '../problems/render.js';
import { updateProgress } from '../progress/file.js';
import { recordInterview } from '../progress/progress.js';
import { formatDiagnostic } from '../specfile/diagnostic.js';
import { gradeText, guarded } from './grade-spec.js';
import { readSource } from '../specfile/source.js';
import type { GradeOutcome } from './events.js';
import type { InterviewEffect, InterviewEvent, SessionRecord } from './interview-session.js';

export const INTERVIEW_DEBOUNCE_MS = 30;

/** The learner's first spec for an interview: the vague opening as a comment (no stage prompt: that is asked for), then the starter. */
export function interviewStarter(problem: Problem, file: string): string {
  const lines = [`# yaml-language-server: $schema=${schemaRefFor(file)}`, `# Mock interview: ${problem.title} (${problem.id})`, '#'];
  for (const l of wrapText(problem.interview!.opening, 76)) lines.push(l ? `# ${l}` : '#');
  lines.push('#', '# Ask the interviewer before you design. Each phase tells you what to write here.', '');
  return starterText(lines.map((l) => l.replace(/[\r\n]/g, ' ')).join('\n'), readFileSync(problem.starter, 'utf8'));
}

/** session.yaml's text (JSON values are YAML): what `sdcoach scorecard` reads. */
export function sessionYaml(r: SessionRecord): string {
  const j = (v: unknown) => JSON.stringify(v);
  return [
    '# yaml-language-server: $schema=https://sdcoach.dev/schemas/interview-session.schema.json',
    '# Written by sdcoach interview. Score it again, or export it: sdcoach scorecard <this file> --format markdown',
    `problem: ${j(r.problem)}`,
    `started: ${j(r.started)}`,
    `asked: ${j(r.asked)}`,
    `minutes: ${j(r.minutes)}`,
    `length: ${j(r.length)}`,
    `spec: ${j(r.spec)}`,
    `specs: ${j(r.specs)}`,
    '',
  ].join('\n');
}

export interface InterviewShellOptions {
  problem: Problem;
  /** The learner's spec (absolute). */
  file: string;
  progressFile: string;
  onQuit: () => void;
  now?: () => number;
}

export interface InterviewShell {
  run: (effect: InterviewEffect, dispatch: (e: InterviewEvent) => void) => void;
  close: () => Promise<void>;
}

export function gradePhase(problem: Problem, phase: Phase, file: string, text: string): GradeOutcome {
  return guarded(file, () => {
    const r = phaseRubric(problem, phase);
    if (!r) return { kind: 'rubric-error', messages: [`the ${phase} phase grades nothing`] };
    if (!r.rubric)
      return {
        kind: 'rubric-error',
        messages: [`the rubric of stage ${r.stage} does not load: sdcoach problem check ${problem.id} shows why`],
      };
    return gradeText(file, text, r.rubric, { problem: problem.id, stage: r.stage });
  });
}

export function createInterviewShell(o: InterviewShellOptions): InterviewShell {
  const now = o.now ?? Date.now;
  let watcher: { close(): Promise<void> } | undefined;
  let timer: NodeJS.Timeout | undefined;
  let generation = 0;
  let closed = false;
  const pending = new Set<NodeJS.Immediate>();
  const snapshotErrors: string[] = [];

  const read = (file: string, dispatch: (e: InterviewEvent) => void, created = false) => {
    const src = readSource(file);
    dispatch(
      src.ok
        ? { type: 'FileChanged', text: src.text, ...(created ? { created } : {}), at: now() }
        : { type: 'FileChanged', text: null, error: src.diagnostic.message, at: now() },
    );
  };

  const stop = async () => {
    generation++;
    if (timer) clearTimeout(timer);
    const w = watcher;
    watcher = undefined;
    if (w) await w.close().catch(() => undefined);
  };

  const run = (effect: InterviewEffect, dispatch: (e: InterviewEvent) => void): void => {
    switch (effect.type) {
      case 'watch': {
        let created = false;
        try {
          mkdirSync(dirname(effect.file), { recursive: true });
          writeFileSync(effect.file, interviewStarter(o.problem, effect.file), { flag: 'wx' });
          created = true;
        } catch {
          // It exists (kept as it is), or cannot be written: reading it says which.
        }
        read(effect.file, dispatch, created);
        const mine = ++generation;
        const changed = () => {
          if (mine !== generation) return;
          if (timer) clearTimeout(timer);
          timer = setTimeout(() => mine === generation && read(effect.file, dispatch), INTERVIEW_DEBOUNCE_MS);
        };
        void import('chokidar').then(({ watch }) => {
          if (mine !== generation) return;
          const w = watch(effect.file, { ignoreInitial: true, atomic: true, persistent: true });
          w.on('add', changed)
            .on('change', changed)
            .on('unlink', changed)
            .on('error', () => undefined);
          w.on('ready', changed);
          watcher = w;
        });
        return;
      }
      case 'unwatch':
        void stop();
        return;
      case 'grade': {
        const p = setImmediate(() => {
          pending.delete(p);
          if (closed) return;
          dispatch({ type: 'GradeReady', seq: effect.seq, outcome: gradePhase(o.problem, effect.phase, o.file, effect.text), at: now() });
        });
        pending.add(p);
        return;
      }
      case 'snapshot': {
        try {
          mkdirSync(dirname(effect.to), { recursive: true });
          copyFileSync(o.file, effect.to);
        } catch (err) {
          // The spec is unreadable at this instant: the phase is recorded with an empty spec.
          try {
            writeFileSync(
              effect.to,
              `# the spec could not be read at the end of ${effect.phase}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`,
            );
          } catch {
            snapshotErrors.push(`could not write ${effect.to}`);
          }
        }
        return;
      }
      case 'finish': {
        const file = join(effect.session.dir, 'session.yaml');
        setImmediate(() => {
          try {
            if (snapshotErrors.length) throw new Error(snapshotErrors.join('; '));
            mkdirSync(effect.session.dir, { recursive: true });
            writeFileSync(file, sessionYaml(effect.session));
            const s = loadSession(file);
            if (!s.ok) throw new Error(s.diagnostics.map(formatDiagnostic).join('; '));
            const card = scoreInterview(o.problem, s.session);
            let error: string | undefined;
            try {
              updateProgress(o.progressFile, (p) =>
                recordInterview(p, {
                  problem: o.problem.id,
                  at: new Date(now()).toISOString(),
                  overall: card.overall,
                  signal: card.signal,
                  session: file,
                }),
              );
            } catch (err) {
              error = `the scorecard is below, but it could not be kept in ${o.progressFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
            }
            dispatch({ type: 'Ended', card, sessionFile: file, ...(error ? { error } : {}), at: now() });
          } catch (err) {
            dispatch({ type: 'Ended', error: `the session could not be scored: ${(err as Error).message}`, at: now() });
          }
        });
        return;
      }
      case 'quit':
        closed = true;
        o.onQuit();
        return;
    }
  };
  const close = async () => {
    closed = true;
    for (const p of pending) clearImmediate(p);
    pending.clear();
    await stop();
  };
  return { run, close };
}
