// The practice session's one event type (what happened) and its effects (what the shell must do).
// The reducer turns (state, event) into (state, effects); only the shell touches disk and terminal.
import type { Report } from '../grading/report.js';
import type { Problem } from '../problems/problem.js';
import type { Diagnostic } from '../specfile/diagnostic.js';
import type { LoadedSpec } from '../specfile/load.js';

export type KeyName =
  'char' | 'up' | 'down' | 'left' | 'right' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'backspace' | 'tab' | 'ctrl-c';

export interface KeyPress {
  name: KeyName;
  /** The character typed, for `char`. */
  char?: string;
}

/** What grading one version of the spec file produced. */
export type GradeOutcome =
  | { kind: 'report'; report: Report; loaded: LoadedSpec }
  /** The file does not load: broken YAML, schema or semantic errors, unreadable. */
  | { kind: 'invalid'; diagnostics: Diagnostic[] }
  /** The problem's own rubric is broken: an authoring error, not the learner's. */
  | { kind: 'rubric-error'; messages: string[] };

export type SessionEvent =
  /**
   * The spec file's content is known: first read, a save seen by the watcher, or the file as the
   * editor left it. `text` is null when it cannot be read (then `error` says why).
   */
  | {
      type: 'FileChanged';
      file: 'spec';
      source: 'open' | 'watch' | 'editor';
      text: string | null;
      error?: Diagnostic;
      created?: boolean;
      notice?: string;
      noticeTone?: 'info' | 'bad';
      at: number;
    }
  /** A reference solution was read (after the stage passed, or with --reveal). */
  | { type: 'FileChanged'; file: 'solution'; stage: number; text: string | null; error?: string; at: number }
  /** The catalog's problem files were read (after the first frame, so that start-up does not wait for them). */
  | { type: 'FileChanged'; file: 'catalog'; problems: Problem[]; errors: string[]; at: number }
  | { type: 'GradeReady'; seq: number; outcome: GradeOutcome; ms: number; at: number }
  | { type: 'Key'; key: KeyPress; at: number }
  /** Something the shell has to tell the learner (the spec file could not follow a stage change). */
  | { type: 'Notice'; text: string; tone: 'info' | 'bad'; at: number }
  | { type: 'Resize'; columns: number; rows: number }
  | { type: 'Tick'; now: number };

export type Effect =
  /** Create the spec file from the starter when missing (never overwrite), watch it, and report its content. */
  | { type: 'watch'; problem: Problem; file: string; stage: number }
  /** Make the file's `stage:` line and prompt header say `stage` (the design is left alone). */
  | { type: 'restage'; problem: Problem; file: string; stage: number }
  | { type: 'unwatch' }
  | { type: 'grade'; seq: number; problem: Problem; stage: number; file: string; text: string }
  | { type: 'read-solution'; problem: Problem; stage: number }
  | { type: 'load-catalog' }
  | { type: 'open-editor'; file: string }
  | { type: 'save-progress' }
  | { type: 'quit' };

export interface Update<S> {
  state: S;
  effects: Effect[];
}
