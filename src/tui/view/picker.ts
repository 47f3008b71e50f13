// The problem picker as data: the catalog grouped by difficulty, filtered by what the learner
// types (id, title, topic, difficulty), each problem with its progress (✓ done, ◐ in progress).
import type { Problem } from '../../problems/problem.js';
import { problemStatus, STATUS_ICON, stageProgress, type Progress } from '../../progress/progress.js';
import type { SessionState } from '../state.js';
import type { FrameView, PanelView } from './frame.js';
import { innerHeight, innerWidth } from './frame.js';
import { keyBar, keyRows, type KeyItem } from './keys.js';
import { helpLines } from './help.js';
import { blank, clean, fit, flashRows, hanging, line, prose, scrollWindow, seg, spread, type Line } from './lines.js';
import { asInvoked } from '../../grading/invocation.js';
import { DRILL_SETS, type DrillSet } from '../../problems/drills.js';
import { PHASES, type Phase } from '../../problems/interview.js';

const DIFFICULTY_ORDER: Record<string, number> = { 'warm-up': 0, interview: 1, staff: 2 };

/** The problems the filter keeps, in display order (difficulty, then id). */
export function filteredProblems(catalog: Problem[], filter: string): Problem[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  return catalog
    .filter((p) => {
      const hay = [p.id, p.title, p.difficulty, ...p.topics].join(' ').toLowerCase();
      return words.every((w) => hay.includes(w));
    })
    .sort((a, b) => (DIFFICULTY_ORDER[a.difficulty] ?? 9) - (DIFFICULTY_ORDER[b.difficulty] ?? 9) || a.id.localeCompare(b.id));
}

/** What a drill set's row says, and the words the filter finds it by. */
export const DRILL_ENTRIES: Record<DrillSet, { title: string; about: string; words: string }> = {
  estimation: {
    title: 'Quick-fire estimation drills',
    about:
      'Short generated questions, one at a time, each timed and graded within 2× and followed by its worked answer: powers of two, latency numbers every engineer should know, requests per second from daily users, storage from object size and retention, servers from requests per second.',
    words: 'drills quick-fire estimation back-of-the-envelope qps storage servers latency powers of two warm-up',
  },
};

/**
 * A row of the picker: a problem of the catalog, a set of quick-fire drills (listed first), or the mock
 * interview of a problem that defines one (listed last).
 */
export type PickerEntry =
  | { kind: 'problem'; id: string; problem: Problem }
  | { kind: 'drills'; id: string; set: DrillSet }
  | { kind: 'interview'; id: string; problem: Problem };

/** The selection id of a drill set's row (problem ids cannot hold a colon). */
export const drillsEntryId = (set: DrillSet) => `drills:${set}`;

/** The selection id of a problem's mock interview row. */
export const interviewEntryId = (problem: string) => `interview:${problem}`;

/** The rows the filter keeps, in display order: the drill sets, the problems, then the mock interviews. */
export function pickerEntries(catalog: Problem[], filter: string): PickerEntry[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const drills = DRILL_SETS.filter((set) => {
    const hay = `${set} ${DRILL_ENTRIES[set].title} ${DRILL_ENTRIES[set].words}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  }).map((set): PickerEntry => ({ kind: 'drills', id: drillsEntryId(set), set }));
  const interviews = catalog
    .filter((p) => p.interview)
    .filter((p) => {
      const hay = `mock interview timed ${p.id} ${p.title} ${p.topics.join(' ')}`.toLowerCase();
      return words.every((w) => hay.includes(w));
    })
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((problem): PickerEntry => ({ kind: 'interview', id: interviewEntryId(problem.id), problem }));
  return [
    ...drills,
    ...filteredProblems(catalog, filter).map((problem): PickerEntry => ({ kind: 'problem', id: problem.id, problem })),
    ...interviews,
  ];
}

/**
 * The selected row: the remembered one if the filter keeps it, else the first problem shown (so
 * Enter on a fresh list starts a problem), else, when a filter kept only drills, the first of them.
 */
export function selectedEntry(state: Pick<SessionState, 'catalog' | 'picker'>): PickerEntry | undefined {
  const shown = pickerEntries(state.catalog, state.picker.filter);
  // Unfiltered, Enter never starts the drills by default (while the problems are read, say).
  return (
    shown.find((e) => e.id === state.picker.selected) ??
    shown.find((e) => e.kind === 'problem') ??
    (state.picker.filter ? shown[0] : undefined)
  );
}

/** The selected problem, when the selected row is a problem. */
export function selectedProblem(state: Pick<SessionState, 'catalog' | 'picker'>): Problem | undefined {
  const e = selectedEntry(state);
  return e?.kind === 'problem' ? e.problem : undefined;
}

function statusSeg(progress: Progress, p: Problem) {
  const st = problemStatus(progress, p.id, p.stages.length);
  return seg(STATUS_ICON[st.state], st.state === 'done' ? 'good' : st.state === 'started' ? 'warn' : 'dim', true);
}

function drillsStatus(progress: Progress, set: DrillSet): string {
  const d = progress.drills?.[set];
  return d ? `streak ${d.streak} · best ${d.bestStreak}` : 'new';
}

/** The last mock interview on this problem, as the progress file keeps it. */
function lastInterview(progress: Progress, problem: string) {
  return (progress.interviews ?? []).filter((r) => r.problem === problem).at(-1);
}

function listLines(state: SessionState, width: number): { lines: Line[]; selectedRow: number } {
  const entries = pickerEntries(state.catalog, state.picker.filter);
  const shown = entries.flatMap((e) => (e.kind === 'problem' ? [e.problem] : []));
  const sel = selectedEntry(state);
  const lines: Line[] = [];
  let selectedRow = 0;
  let group = '';
  const idw = Math.min(28, Math.max(...entries.map((e) => (e.kind === 'interview' ? e.problem.id : e.id).length), 4));
  for (const e of entries) {
    if (e.kind !== 'drills') continue;
    if (group !== 'drills') {
      group = 'drills';
      lines.push(line(seg('quick-fire drills', 'dim', true)));
    }
    const isSel = e.id === sel?.id;
    if (isSel) selectedRow = lines.length;
    const row: Line = [
      seg(isSel ? '▸ ' : '  ', 'accent', true),
      seg('»', 'accent', true),
      seg(' '),
      seg(e.id.padEnd(idw), isSel ? 'accent' : undefined, true),
    ];
    if (width >= 70) row.push(seg(`  ${DRILL_ENTRIES[e.set].title}`));
    lines.push(spread(row, [seg(drillsStatus(state.progress, e.set), 'dim')], width));
  }
  for (const p of shown) {
    if (p.difficulty !== group) {
      group = p.difficulty;
      lines.push(line(seg(group, 'dim', true)));
    }
    const st = problemStatus(state.progress, p.id, p.stages.length);
    const isSel = p.id === sel?.id;
    if (isSel) selectedRow = lines.length;
    const right = `${st.passed}/${st.stages}`;
    const row: Line = [
      seg(isSel ? '▸ ' : '  ', 'accent', true),
      statusSeg(state.progress, p),
      seg(' '),
      seg(clean(p.id).padEnd(idw), isSel ? 'accent' : undefined, true),
    ];
    if (width >= 70) row.push(seg(`  ${clean(p.title)}`));
    if (width >= 100) row.push(seg(`  ${clean(p.topics.join(', '))}`, 'dim'));
    lines.push(spread(row, [seg(right, st.state === 'done' ? 'good' : 'dim')], width));
  }
  for (const e of entries) {
    if (e.kind !== 'interview') continue;
    if (group !== 'interviews') {
      group = 'interviews';
      lines.push(line(seg('mock interviews', 'dim', true)));
    }
    const isSel = e.id === sel?.id;
    if (isSel) selectedRow = lines.length;
    const row: Line = [
      seg(isSel ? '▸ ' : '  ', 'accent', true),
      seg('◆', 'accent', true),
      seg(' '),
      seg(clean(e.problem.id).padEnd(idw), isSel ? 'accent' : undefined, true),
    ];
    if (width >= 70) row.push(seg(`  ${clean(e.problem.title)}`));
    const last = lastInterview(state.progress, e.problem.id);
    lines.push(spread(row, [seg(`${e.problem.interview!.minutes} min · ${last ? `last: ${last.signal}` : 'new'}`, 'dim')], width));
  }
  if (!shown.length) {
    if (entries.length && state.picker.filter) return { lines, selectedRow };
    if (!state.catalogLoaded) lines.push(line(seg('reading the problems…', 'dim')));
    else if (!state.catalog.length)
      lines.push(line(seg(asInvoked('No problems found in the catalog (sdcoach list shows where it looks).'), 'bad')));
    else lines.push(line(seg(`No problem matches "${clean(state.picker.filter)}": Backspace edits the filter, Esc clears it.`, 'dim')));
  }
  return { lines, selectedRow };
}

/**
 * The rows of the list that fit, around the selected one: where rows are cut, the first or last
 * row says how many problems are above or below it, and the heading of the group the first
 * shown problem is in stays on top.
 */
export function listWindow(lines: Line[], selectedRow: number, height: number): Line[] {
  if (height <= 0) return [];
  if (lines.length <= height) return lines;
  const isHeading = (l: Line | undefined) => l !== undefined && l.length === 1 && l[0]!.tone === 'dim' && l[0]!.bold === true;
  const problemsIn = (from: number, to: number) => lines.slice(from, to).filter((l) => !isHeading(l)).length;
  // Rows for content: the window keeps the selection off the two marker rows when it can.
  let top = Math.max(0, selectedRow - Math.floor(height / 2));
  top = Math.min(top, lines.length - height);
  const out = lines.slice(top, top + height);
  if (top > 0) {
    let heading: Line | undefined;
    for (let i = top; i >= 0; i--)
      if (isHeading(lines[i])) {
        heading = lines[i];
        break;
      }
    const above = problemsIn(0, top + 1);
    out[0] = line(
      seg(`↑ ${above} more above`, 'dim'),
      ...(heading && !isHeading(out[1]) ? [seg(' · ', 'dim'), { ...heading[0]!, tone: 'dim' as const }] : []),
    );
  }
  if (top + height < lines.length) out[height - 1] = line(seg(`↓ ${problemsIn(top + height - 1, lines.length)} more below`, 'dim'));
  return out;
}

function detailLines(state: SessionState, p: Problem, width: number): Line[] {
  const out: Line[] = [];
  out.push(
    line(
      seg(
        `${p.difficulty} · ${clean(p.topics.join(', '))} · ~${p.minutes} min · ${p.stages.length} stage${p.stages.length === 1 ? '' : 's'}`,
        'dim',
      ),
    ),
  );
  out.push(...prose(p.scenario.summary, width));
  out.push(blank());
  for (const st of p.stages) {
    const sp = stageProgress(state.progress, p.id, st.number);
    const icon = sp.passed ? seg('✓', 'good', true) : sp.lastScore !== undefined ? seg('◐', 'warn', true) : seg('·', 'dim');
    const best = sp.bestScore !== undefined ? seg(`  best ${sp.bestScore}`, 'dim') : seg('');
    out.push(...hanging([icon, seg(` ${st.number}. `)], `${st.title}`, width - 12).map((l, i) => (i === 0 ? [...l, best] : l)));
  }
  return out;
}

function drillDetailLines(state: SessionState, set: DrillSet, width: number): Line[] {
  const d = state.progress.drills?.[set];
  const out: Line[] = [line(seg(`warm-up · ${set} · 5 questions · 60 s each`, 'dim'))];
  out.push(...prose(DRILL_ENTRIES[set].about, width));
  out.push(blank());
  out.push(
    line(
      seg(
        d ? `${d.correct}/${d.answered} right so far · streak ${d.streak} (best ${d.bestStreak})` : 'Not tried yet.',
        d ? undefined : 'dim',
      ),
    ),
  );
  out.push(
    ...prose(
      asInvoked(
        `Enter leaves this screen and asks the questions here; the answers and the streak go to your progress. From a shell: sdcoach practice --drills ${set} (--seed N repeats a set, --count N, --level interview or staff for tighter ranges).`,
      ),
      width,
      'dim',
    ),
  );
  return out;
}

const PHASE_SHORT: Record<Phase, string> = {
  clarify: 'clarify',
  estimate: 'estimate',
  api: 'API',
  design: 'design',
  deep_dive: 'deep dive',
  decide: 'decide',
};

function interviewDetailLines(state: SessionState, p: Problem, width: number): Line[] {
  const iv = p.interview!;
  const phases = PHASES.map((ph) => `${PHASE_SHORT[ph]} ${iv.phases[ph]}`).join(' · ');
  const out: Line[] = [line(seg(`${iv.minutes} min · ${phases}`, 'dim'))];
  out.push(...prose(`The interviewer opens: "${iv.opening.trim()}"`, width));
  out.push(blank());
  const mine = (state.progress.interviews ?? []).filter((r) => r.problem === p.id);
  if (mine.length) {
    const last = mine.at(-1)!;
    const best = mine.reduce((a, r) => (r.overall > a.overall ? r : a));
    out.push(line(seg(`${mine.length} taken · last ${last.signal} (${last.overall}) · best ${best.signal} (${best.overall})`)));
  } else out.push(line(seg('Not taken yet.', 'dim')));
  out.push(
    ...prose(
      asInvoked(
        `Enter leaves this screen and starts the interview here, with the clock running; the spec is ./sdcoach-work/interview/${p.id}.yaml and the result goes to your progress. From a shell: sdcoach interview ${p.id} (--minutes N for a shorter loop).`,
      ),
      width,
      'dim',
    ),
  );
  return out;
}

export const PICKER_KEYS = (state: SessionState): KeyItem[] => [
  { key: '↑↓', label: 'choose' },
  { key: 'Enter', label: state.picker.selected && state.progress.problems[state.picker.selected] ? 'resume' : 'start' },
  { key: 'type', label: 'to filter', short: 'filter' },
  { key: 'Esc', label: state.picker.filter ? 'clear filter' : 'quit' },
  { key: '?', label: 'help' },
];

const PICKER_HEADER_ROWS = 2;

export function pickerBodyHeight(state: SessionState): number {
  return Math.max(2, state.rows - 1 - PICKER_HEADER_ROWS - pickerFooter(state).length);
}

/** The status (wrapped to two rows) and the key legend (two rows of words where one would hold letters). */
function pickerFooter(state: SessionState): Line[] {
  const width = state.columns;
  const roomy = state.rows >= 16;
  const status: Line[] = state.flash
    ? flashRows(
        state.flash.text,
        state.flash.tone === 'bad' ? 'bad' : state.flash.tone === 'good' ? 'good' : 'accent',
        width,
        roomy ? 2 : 1,
      )
    : state.catalogErrors.length
      ? [
          line(
            seg(
              asInvoked(
                `${state.catalogErrors.length} problem file${state.catalogErrors.length === 1 ? '' : 's'} did not load: sdcoach list shows why`,
              ),
              'warn',
            ),
          ),
        ]
      : [[]];
  const keys =
    state.overlay === 'help'
      ? [
          { key: '↑↓', label: 'scroll' },
          { key: 'any key', label: 'closes the help' },
        ]
      : PICKER_KEYS(state);
  return [...status, ...(roomy ? keyRows(keys, width) : [keyBar(keys, width)])];
}

/** The help overlay, full content (the caller windows it). */
export function helpPanel(state: SessionState, width: number, height: number): PanelView {
  const border = width >= 100;
  return {
    id: 'help',
    title: line(seg('Help', undefined, true)),
    lines: helpLines(innerWidth(width, border), state.options.progressFile),
    width,
    height,
    border,
    borderTone: 'dim',
  };
}

export function pickerFrame(state: SessionState): FrameView {
  const width = state.columns;
  const narrow = width < 60;
  const done = state.catalog.filter((p) => problemStatus(state.progress, p.id, p.stages.length).state === 'done').length;
  const count = state.catalogLoaded
    ? `${state.catalog.length} problem${state.catalog.length === 1 ? '' : 's'}${done ? ` · ${done} done` : ''}`
    : 'reading problems…';
  const header: Line[] = [
    spread(
      line(seg('sdcoach', 'accent', true), seg(narrow ? ' · pick a problem' : ' practice · choose a problem')),
      line(seg(count, 'dim')),
      width,
    ),
    state.picker.filter
      ? line(seg('filter: ', 'dim'), seg(clean(state.picker.filter), 'accent', true), seg('▏', 'accent'))
      : line(seg(narrow ? 'type to filter' : 'type to filter by id, title, topic or difficulty', 'dim')),
  ];
  const bodyHeight = pickerBodyHeight(state);
  const footer = pickerFooter(state);
  if (state.overlay === 'help') {
    const help = helpPanel(state, width, bodyHeight);
    help.lines = scrollWindow(help.lines, innerHeight(help.height, help.border), state.scroll).lines;
    return { header, body: [[help]], footer };
  }
  const list = listLines(state, width);
  const sel = selectedEntry(state);
  // The list gets what it needs up to half the body (at least 3 rows); the details the rest.
  const listHeight = Math.min(list.lines.length + 1, Math.max(4, Math.floor(bodyHeight / 2)), bodyHeight);
  const listInner = innerHeight(listHeight, false);
  // Every row the filter keeps: drills, problems and mock interviews.
  const shownCount = pickerEntries(state.catalog, state.picker.filter).length;
  const listTitle = spread(
    line(seg('Problems', undefined, true)),
    line(seg(list.lines.length > listInner ? `${shownCount} · ↑↓ to see all` : '', 'dim')),
    width - 3,
  );
  const listPanel: PanelView = {
    id: 'problems',
    title: listTitle,
    lines: listWindow(list.lines, list.selectedRow, listInner),
    width,
    height: listHeight,
    border: false,
  };
  const body: PanelView[][] = [[listPanel]];
  const detailHeight = bodyHeight - listHeight;
  if (sel && detailHeight >= 2) {
    const inner = innerWidth(width, false);
    const [title, lines] =
      sel.kind === 'problem'
        ? [clean(sel.problem.title), detailLines(state, sel.problem, inner)]
        : sel.kind === 'interview'
          ? [`Mock interview: ${clean(sel.problem.title)}`, interviewDetailLines(state, sel.problem, inner)]
          : [DRILL_ENTRIES[sel.set].title, drillDetailLines(state, sel.set, inner)];
    body.push([
      {
        id: 'details',
        title: line(seg(title, undefined, true)),
        lines: fit(lines, innerHeight(detailHeight, false)),
        width,
        height: detailHeight,
        border: false,
      },
    ]);
  }
  return { header, body, footer };
}
