// The problem picker as data: the catalog grouped by difficulty, filtered by what the learner
// types (id, title, topic, difficulty), each problem with its progress (✓ done, ◐ in progress).
import type { Problem } from '../../problems/problem.js';
import { problemStatus, STATUS_ICON, stageProgress, type Progress } from '../../progress/progress.js';
import type { SessionState } from '../state.js';
import type { FrameView, PanelView } from './frame.js';
import { innerHeight, innerWidth } from './frame.js';
import { keyBar, type KeyItem } from './keys.js';
import { helpLines } from './help.js';
import { blank, clean, fit, hanging, line, prose, scrollWindow, seg, spread, type Line } from './lines.js';
import { asInvoked } from '../../problems/invocation.js';

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

/** The selected problem: the remembered one if the filter keeps it, else the first shown. */
export function selectedProblem(state: Pick<SessionState, 'catalog' | 'picker'>): Problem | undefined {
  const shown = filteredProblems(state.catalog, state.picker.filter);
  return shown.find((p) => p.id === state.picker.selected) ?? shown[0];
}

function statusSeg(progress: Progress, p: Problem) {
  const st = problemStatus(progress, p.id, p.stages.length);
  return seg(STATUS_ICON[st.state], st.state === 'done' ? 'good' : st.state === 'started' ? 'warn' : 'dim', true);
}

function listLines(state: SessionState, width: number): { lines: Line[]; selectedRow: number } {
  const shown = filteredProblems(state.catalog, state.picker.filter);
  const sel = selectedProblem(state);
  const lines: Line[] = [];
  let selectedRow = 0;
  let group = '';
  const idw = Math.min(28, Math.max(...shown.map((p) => p.id.length), 4));
  for (const p of shown) {
    if (p.difficulty !== group) {
      group = p.difficulty;
      lines.push(line(seg(group, 'dim', true)));
    }
    const st = problemStatus(state.progress, p.id, p.stages.length);
    const isSel = p.id === sel?.id;
    if (isSel) selectedRow = lines.length;
    const right = `${st.passed}/${st.stages}`;
    const row: Line = [seg(isSel ? '▸ ' : '  ', 'accent', true), statusSeg(state.progress, p), seg(' '), seg(clean(p.id).padEnd(idw), isSel ? 'accent' : undefined, true)];
    if (width >= 70) row.push(seg(`  ${clean(p.title)}`));
    if (width >= 100) row.push(seg(`  ${clean(p.topics.join(', '))}`, 'dim'));
    lines.push(spread(row, [seg(right, st.state === 'done' ? 'good' : 'dim')], width));
  }
  if (!shown.length) {
    if (!state.catalogLoaded) lines.push(line(seg('reading the problems…', 'dim')));
    else if (!state.catalog.length) lines.push(line(seg(asInvoked('No problems found in the catalog (sdcoach list shows where it looks).'), 'bad')));
    else lines.push(line(seg(`No problem matches "${clean(state.picker.filter)}": Backspace edits the filter, Esc clears it.`, 'dim')));
  }
  return { lines, selectedRow };
}

function detailLines(state: SessionState, p: Problem, width: number): Line[] {
  const out: Line[] = [];
  out.push(line(seg(`${p.difficulty} · ${clean(p.topics.join(', '))} · ~${p.minutes} min · ${p.stages.length} stage${p.stages.length === 1 ? '' : 's'}`, 'dim')));
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

export const PICKER_KEYS = (state: SessionState): KeyItem[] => [
  { key: '↑↓', label: 'choose' },
  { key: 'Enter', label: state.picker.selected && state.progress.problems[state.picker.selected] ? 'resume' : 'start' },
  { key: 'type', label: 'to filter', short: 'filter' },
  { key: 'Esc', label: state.picker.filter ? 'clear filter' : 'quit' },
  { key: '?', label: 'help' },
];

const PICKER_HEADER_ROWS = 2;
const PICKER_FOOTER_ROWS = 2;

export function pickerBodyHeight(state: Pick<SessionState, 'rows'>): number {
  return Math.max(2, state.rows - 1 - PICKER_HEADER_ROWS - PICKER_FOOTER_ROWS);
}

/** The help overlay, full content (the caller windows it). */
export function helpPanel(state: SessionState, width: number, height: number): PanelView {
  const border = width >= 100;
  return { id: 'help', title: line(seg('Help', undefined, true)), lines: helpLines(innerWidth(width, border), state.options.progressFile), width, height, border, borderTone: 'dim' };
}

export function pickerFrame(state: SessionState): FrameView {
  const width = state.columns;
  const narrow = width < 60;
  const done = state.catalog.filter((p) => problemStatus(state.progress, p.id, p.stages.length).state === 'done').length;
  const count = state.catalogLoaded ? `${state.catalog.length} problem${state.catalog.length === 1 ? '' : 's'}${done ? ` · ${done} done` : ''}` : 'reading problems…';
  const header: Line[] = [
    spread(line(seg('sdcoach', 'accent', true), seg(narrow ? ' · pick a problem' : ' practice · choose a problem')), line(seg(count, 'dim')), width),
    state.picker.filter
      ? line(seg('filter: ', 'dim'), seg(clean(state.picker.filter), 'accent', true), seg('▏', 'accent'))
      : line(seg(narrow ? 'type to filter' : 'type to filter by id, title, topic or difficulty', 'dim')),
  ];
  const bodyHeight = pickerBodyHeight(state);
  const status: Line = state.flash
    ? line(seg(clean(state.flash.text), state.flash.tone === 'bad' ? 'bad' : state.flash.tone === 'good' ? 'good' : 'accent'))
    : state.catalogErrors.length
      ? line(seg(asInvoked(`${state.catalogErrors.length} problem file${state.catalogErrors.length === 1 ? '' : 's'} did not load: sdcoach list shows why`), 'warn'))
      : [];
  if (state.overlay === 'help') {
    const help = helpPanel(state, width, bodyHeight);
    help.lines = scrollWindow(help.lines, innerHeight(help.height, help.border), state.scroll).lines;
    return { header, body: [[help]], footer: [status, keyBar([{ key: '↑↓', label: 'scroll' }, { key: 'any key', label: 'closes the help' }], width)] };
  }
  const list = listLines(state, width);
  const sel = selectedProblem(state);
  // The list gets what it needs up to half the body (at least 3 rows); the details the rest.
  const listHeight = Math.min(list.lines.length + 1, Math.max(4, Math.floor(bodyHeight / 2)), bodyHeight);
  const listInner = innerHeight(listHeight, false);
  const top = list.selectedRow < listInner ? 0 : list.selectedRow - listInner + 1;
  const listPanel: PanelView = { id: 'problems', title: line(seg('Problems', undefined, true)), lines: list.lines.slice(top, top + listInner), width, height: listHeight, border: false };
  const body: PanelView[][] = [[listPanel]];
  const detailHeight = bodyHeight - listHeight;
  if (sel && detailHeight >= 2) {
    body.push([{ id: 'details', title: line(seg(clean(sel.title), undefined, true)), lines: fit(detailLines(state, sel, innerWidth(width, false)), innerHeight(detailHeight, false)), width, height: detailHeight, border: false }]);
  }
  return { header, body, footer: [status, keyBar(PICKER_KEYS(state), width)] };
}
