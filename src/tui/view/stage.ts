// The stage screen as data. Three layouts by width: wide (>= 100 columns: prompt and results side
// by side, framed), stacked (60-99: prompt above results) and compact (< 60: one pane at a time,
// Tab switches). Overlays (help, reference solution) replace the body. Heights are exact: the
// frame never grows past the terminal, so Ink never has to clear the screen to redraw it.
import { relative, isAbsolute } from 'node:path';
import { formatDuration, stageProgress } from '../../progress/progress.js';
import { compact, hintsShown, stagePassed, type Pane, type SessionState, type StageSession } from '../state.js';
import { diagramLines } from './diagram.js';
import { innerHeight, innerWidth, type FrameView, type PanelView } from './frame.js';
import { helpPanel, pickerBodyHeight } from './picker.js';
import { keyBar, keyRows, type KeyItem } from './keys.js';
import { derivationAccess, derivationLines, derivationsLocked } from './derivations.js';
import { blank, clean, codeRows, fit, hanging, line, prose, scrollWindow, seg, spread, flashRows, type Line, type Seg } from './lines.js';
import { resultsLines } from './results.js';
import { drillPanel } from './drill.js';
import { asInvoked } from '../../grading/invocation.js';

export type Layout = 'wide' | 'stacked' | 'compact';

export function layoutOf(columns: number): Layout {
  if (compact({ columns })) return 'compact';
  return columns >= 100 ? 'wide' : 'stacked';
}

/** The spec file as the learner would type it: relative to where they started sdcoach. */
export function shownPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

export function promptLines(state: SessionState, s: StageSession, width: number): Line[] {
  const stage = s.problem.stages[s.stage - 1]!;
  const out: Line[] = [
    ...prose(stage.title, width).map((l) => l.map((x) => ({ ...x, bold: true }))),
    blank(),
    ...prose(stage.prompt, width),
  ];
  // Hints before the numbers: a hint just asked for must be in view.
  const shown = hintsShown(state);
  const total = stage.hints.length;
  out.push(blank());
  if (!total) out.push(line(seg('This stage has no hints.', 'dim')));
  else if (!shown) out.push(line(seg(`h reveals a hint (${total} for this stage)`, 'dim')));
  else {
    out.push(line(seg(`Hints ${shown} of ${total}`, 'accent', true), seg(shown < total ? '  h: the next one' : '', 'dim')));
    stage.hints.slice(0, shown).forEach((h, i) => out.push(...hanging([seg(`  ${i + 1}. `, 'accent')], asInvoked(h, s.problem), width)));
  }
  // An estimate stage shows its facts: the scenario's numbers would give its answers away.
  const nums = stage.estimate
    ? Object.values(stage.estimate.facts).map((f) => ({ label: f.label, value: String(f.value) }))
    : s.problem.scenario.numbers;
  if (nums.length) {
    out.push(blank(), line(seg(stage.estimate ? 'The facts' : 'The numbers', undefined, true)));
    const lw = Math.max(...nums.map((n) => n.label.length));
    // Aligned columns where the values keep room; else "label: value" wrapped under itself.
    const columns = lw + 4 + 24 <= width;
    for (const n of nums) {
      if (columns) out.push(...hanging([seg(`  ${clean(n.label).padEnd(lw)}  `, 'dim')], n.value, width));
      else out.push(...hanging([seg('  ')], `${n.label}: ${n.value}`, width).map((l, i) => (i === 0 ? labelFirst(l, n.label) : l)));
    }
  }
  return out;
}

/** Dims the "label:" part of the first row of a wrapped "label: value". */
function labelFirst(l: Line, label: string): Line {
  const [lead, body] = [l[0]!, l[1]];
  const text = body?.text ?? '';
  const cut = clean(label).length + 1;
  if (!text.startsWith(`${clean(label)}:`)) return l;
  return [lead, seg(text.slice(0, cut), 'dim'), seg(text.slice(cut))];
}

export function stageKeys(state: SessionState): KeyItem[] {
  const s = state.session!;
  const passed = stagePassed(state);
  const total = s.problem.stages[s.stage - 1]?.hints.length ?? 0;
  const shown = hintsShown(state);
  const last = s.stage >= s.problem.stages.length;
  const items: KeyItem[] = [
    { key: 'e', label: 'edit' },
    {
      key: 'h',
      label: total ? `hint ${Math.min(shown + 1, total)}/${total}` : 'hint',
      short: total ? `hint ${Math.min(shown + 1, total)}/${total}` : 'hint',
      disabled: shown >= total,
    },
    { key: 'n', label: last ? 'next (last stage)' : 'next stage', short: 'next', disabled: !passed || last },
    { key: 's', label: 'solution', disabled: !passed && !state.options.reveal },
    { key: 'd', label: state.diagram ? 'hide diagram' : 'diagram' },
    { key: 'g', label: 'drill', disabled: s.result?.kind !== 'report' },
  ];
  const access = derivationAccess(state);
  if (access) items.splice(4, 0, { key: 'w', label: 'derivations', short: 'worked', disabled: derivationsLocked(access) !== undefined });
  const cycle = paneCycle(state);
  const next = cycle[(cycle.indexOf(state.pane) + 1) % cycle.length]!;
  items.push({ key: 'Tab', label: next });
  items.push({ key: '?', label: 'help' }, { key: 'Esc', label: 'problems', short: 'back' }, { key: 'q', label: 'quit' });
  return items;
}

function stageDots(state: SessionState, s: StageSession): Line {
  const out: Line = [seg(`stage ${s.stage}/${s.problem.stages.length} `, 'dim')];
  for (const st of s.problem.stages) {
    const passed = stageProgress(state.progress, s.problem.id, st.number).passed;
    if (st.number === s.stage) out.push(seg(passed ? '✓' : '●', passed ? 'good' : 'accent', true));
    else out.push(seg(passed ? '✓' : '·', passed ? 'good' : 'dim', passed));
  }
  return out;
}

function clock(at: number): string {
  return new Date(at).toTimeString().slice(0, 8);
}

function statusRows(state: SessionState, s: StageSession, width: number, max: number): Line[] {
  if (state.flash) {
    const tone = state.flash.tone === 'bad' ? 'bad' : state.flash.tone === 'good' ? 'good' : 'accent';
    return flashRows(state.flash.text, tone, width, max);
  }
  const parts: string[] = [];
  if (s.grading) parts.push('grading…');
  else if (s.gradedAt !== undefined)
    parts.push(
      `graded ${clock(s.gradedAt)}${s.gradeMs !== undefined ? ` in ${Math.max(1, Math.round(s.gradeMs))} ms` : ''}; save to grade again`,
    );
  const spent = stageProgress(state.progress, s.problem.id, s.stage).timeSpentMs;
  if (spent >= 60_000) parts.push(`${formatDuration(spent)} on this stage`);
  return [line(seg(parts.join(' · '), 'dim'))];
}

/** One body panel that scrolls (results, a pane in compact layouts, an overlay). */
interface Plan {
  body: PanelView[][];
  /** The panel whose content is the scroll window; the solution's two panels scroll together. */
  scroll: PanelView[];
}

/** Room for a panel's title: inside the border, or after the "── " of a rule line. */
function titleWidth(width: number, border: boolean): number {
  return border ? innerWidth(width, border) : Math.max(1, width - 3);
}

function panel(
  id: string,
  title: Line,
  lines: Line[],
  width: number,
  height: number,
  border: boolean,
  borderTone?: PanelView['borderTone'],
): PanelView {
  return { id, title, lines, width, height, border, ...(borderTone ? { borderTone } : {}) };
}

function resultsTitle(state: SessionState, s: StageSession, width: number): Line {
  const path = shownPath(s.file, state.options.cwd);
  const r = s.result;
  const verdict =
    r?.kind === 'report' ? (r.report.passed ? seg('✓', 'good', true) : seg('✗', 'bad', true)) : r ? seg('✗', 'bad', true) : seg('');
  return spread(line(seg('Results', undefined, true), seg(`  ${clean(path)}`, 'accent')), line(verdict), width);
}

/** The score and verdict in a few words, for a title row. */
function verdictLine(s: StageSession): Line {
  const r = s.result;
  if (!r) return line(seg(s.grading ? 'grading…' : '', 'dim'));
  if (r.kind !== 'report')
    return line(seg(r.kind === 'invalid' ? '✗ the spec does not load' : "✗ the stage's rubric does not load", 'bad', true));
  const failing = r.report.checks.filter((c) => c.status === 'fail').length;
  return line(
    seg(`Score ${r.report.score}/100 `, undefined, true),
    r.report.passed ? seg('✓ passed', 'good', true) : seg('✗ not passed', 'bad', true),
    seg(failing ? ` · ${failing} failing` : '', 'dim'),
  );
}

function resultsTone(s: StageSession): PanelView['borderTone'] {
  const r = s.result;
  if (!r) return 'dim';
  if (r.kind !== 'report') return 'bad';
  return r.report.passed ? 'good' : 'warn';
}

function promptTitle(state: SessionState, s: StageSession): Line {
  const passed = stageProgress(state.progress, s.problem.id, s.stage).passed;
  return line(seg(`Stage ${s.stage} of ${s.problem.stages.length}`, undefined, true), ...(passed ? [seg('  ✓ passed', 'good', true)] : []));
}

/** A spec line as compared between the two sides: spacing ignored; blank lines and comments never differ. */
function normalized(l: string): string | undefined {
  const t = l.replace(/#.*$/, '').trim().replace(/\s+/g, ' ');
  return t ? t : undefined;
}

function lineSet(text: string): Set<string> {
  return new Set(
    text
      .split('\n')
      .map(normalized)
      .filter((x): x is string => x !== undefined),
  );
}

function solutionPanels(state: SessionState, s: StageSession, width: number, height: number, border: boolean, layout: Layout): PanelView[] {
  const sol = s.solutions[s.stage];
  const mine = typeof s.text === 'string' ? s.text : undefined;
  const refWidth = innerWidth(layout === 'compact' ? width : width - Math.floor(width / 2), border);
  const ref =
    sol === undefined
      ? [line(seg('reading the reference solution…', 'dim'))]
      : sol.text === null
        ? [line(seg(`cannot read the reference solution: ${clean(sol.error ?? 'unknown error')}`, 'bad'))]
        : codeLines(sol.text, refWidth, mine !== undefined ? { other: lineSet(mine), mark: seg('+ ', 'good', true) } : undefined);
  const refTitle = line(
    seg(`Reference solution, stage ${s.stage}`, 'good', true),
    seg(mine !== undefined && layout !== 'compact' ? '  + not in yours' : '  s or Esc closes', 'dim'),
  );
  if (layout === 'compact') return [panel('reference', refTitle, ref, width, height, border)];
  const left = Math.floor(width / 2);
  const yours =
    mine !== undefined
      ? codeLines(mine, innerWidth(left, border), sol?.text ? { other: lineSet(sol.text), mark: seg('* ', 'warn', true) } : undefined)
      : [line(seg('your spec file cannot be read', 'bad'))];
  return [
    panel(
      'yours',
      line(
        seg('Your spec', undefined, true),
        seg(`  ${clean(shownPath(s.file, state.options.cwd))}`, 'accent'),
        seg('  * not in the reference', 'dim'),
      ),
      yours,
      left,
      height,
      border,
    ),
    panel('reference', refTitle, ref, width - left, height, border, 'good'),
  ];
}

/** Spec text as rows; with `diff`, lines the other side does not have are marked in a 2-column gutter. */
function codeLines(text: string, width: number, diff?: { other: Set<string>; mark: Seg }): Line[] {
  const gutter = diff ? 2 : 0;
  return text
    .replace(/\n$/, '')
    .split('\n')
    .flatMap((l) => {
      const n = normalized(l);
      const differs = diff !== undefined && n !== undefined && !diff.other.has(n);
      const tone = /^\s*#/.test(l) ? 'dim' : differs ? diff.mark.tone : undefined;
      return codeRows(l, width - gutter).map((r, i): Line => {
        const lead: Seg[] = diff ? [differs && i === 0 ? diff.mark : seg('  ')] : [];
        return [...lead, seg(r, i > 0 && !differs ? 'dim' : tone)];
      });
    });
}

function diagramPanel(state: SessionState, s: StageSession, width: number, height: number, border: boolean): PanelView {
  const r = s.result?.kind === 'report' ? { loaded: s.result.loaded, report: s.result.report } : undefined;
  const w = innerWidth(width, border);
  const render = state.options.renderDiagram;
  const title = line(
    seg('Diagram', undefined, true),
    seg(render ? asInvoked('  d hides it · sdcoach diagram draws it as SVG') : '  text outline · d hides it', 'dim'),
  );
  if (layoutOf(state.columns) === 'wide') return panel('diagram', title, diagramLines(r, w, render), width, height, border, 'dim');
  // Where the diagram takes the whole body, the score and verdict stay in view in its title.
  return panel(
    'diagram',
    spread(line(seg('Diagram', undefined, true), seg('  d hides it', 'dim')), verdictLine(s), titleWidth(width, border)),
    diagramLines(r, w, render),
    width,
    height,
    border,
    'dim',
  );
}

/** Tab's order over the panes the layout can show. */
export function paneCycle(state: Pick<SessionState, 'diagram'>): Pane[] {
  return state.diagram ? ['prompt', 'results', 'diagram'] : ['prompt', 'results'];
}

const MORE_TAB = (n: number) => `… ${n} more lines (Tab to it, then ↓)`;

function plan(state: SessionState, s: StageSession, bodyHeight: number): Plan {
  const width = state.columns;
  const layout = layoutOf(width);
  const border = layout === 'wide';
  if (state.overlay === 'help') {
    const p = helpPanel(state, width, bodyHeight);
    return { body: [[p]], scroll: [p] };
  }
  if (state.overlay === 'solution') {
    const ps = solutionPanels(state, s, width, bodyHeight, border, layout);
    return { body: [ps], scroll: ps };
  }
  if (state.overlay === 'derivations') {
    const title = line(seg(`Derivations, stage ${s.stage}`, 'accent', true), seg('  w or Esc closes', 'dim'));
    const p = panel('derivations', title, derivationLines(state, s, innerWidth(width, border)), width, bodyHeight, border, 'good');
    return { body: [[p]], scroll: [p] };
  }
  if (state.overlay === 'drill') {
    const d = drillPanel(state, s, width, bodyHeight, border);
    return { body: [[d]], scroll: [d] };
  }
  const results = (w: number, h: number) =>
    panel(
      'results',
      resultsTitle(state, s, titleWidth(w, border)),
      resultsLines(
        s,
        innerWidth(w, border),
        clean(shownPath(s.file, state.options.cwd)),
        hintsShown(state) >= (s.problem.stages[s.stage - 1]?.hints.length ?? 0),
      ),
      w,
      h,
      border,
      resultsTone(s),
    );
  const prompt = (w: number, h: number) =>
    panel('prompt', promptTitle(state, s), promptLines(state, s, innerWidth(w, border)), w, h, border, 'dim');
  const pane: Pane = state.pane === 'diagram' && !state.diagram ? 'results' : state.pane;
  /** The focused panel scrolls; the others show what fits. */
  const focusOn = (all: PanelView[], id: Pane): Plan['scroll'] => {
    for (const x of all) if (x.id !== id) x.lines = fit(x.lines, innerHeight(x.height, x.border), MORE_TAB);
    return all.filter((x) => x.id === id);
  };
  const diagramHeight = state.diagram ? Math.max(6, Math.floor(bodyHeight * 0.45)) : 0;
  if (layout === 'wide') {
    const left = Math.max(40, Math.min(72, Math.floor(width * 0.42)));
    const top = bodyHeight - diagramHeight;
    const row: PanelView[] = [prompt(left, top), results(width - left, top)];
    const body = [row];
    if (state.diagram) body.push([diagramPanel(state, s, width, diagramHeight, border)]);
    return { body, scroll: focusOn(body.flat(), pane) };
  }
  // Narrower: the focused pane alone, except that the results show under a capped prompt (stacked).
  if (pane === 'prompt') {
    const p = prompt(width, bodyHeight);
    return { body: [[p]], scroll: [p] };
  }
  if (pane === 'diagram') {
    const d = diagramPanel(state, s, width, bodyHeight, border);
    return { body: [[d]], scroll: [d] };
  }
  if (layout === 'compact') {
    const r = results(width, bodyHeight);
    return { body: [[r]], scroll: [r] };
  }
  const full = prompt(width, bodyHeight);
  const promptHeight = Math.min(full.lines.length + 1, Math.max(4, Math.floor(bodyHeight * 0.4)));
  const p = prompt(width, promptHeight);
  const r = results(width, bodyHeight - promptHeight);
  return { body: [[p], [r]], scroll: focusOn([p, r], 'results') };
}

const HEADER_ROWS = 1;

function bodyHeightOf(state: SessionState, s: StageSession): number {
  // One row is kept free: output as tall as the terminal makes Ink clear the screen on every frame.
  return Math.max(3, state.rows - 1 - HEADER_ROWS - footerOf(state, s).length);
}

/**
 * The status (a message wraps to two rows rather than being cut) and the key legend (two rows of
 * words where one row would only hold letters). Terminals under 16 rows keep one row each.
 */
function footerOf(state: SessionState, s: StageSession): Line[] {
  const width = state.columns;
  const roomy = state.rows >= 16;
  const keys: KeyItem[] =
    state.overlay === 'help'
      ? [
          { key: '↑↓', label: 'scroll' },
          { key: 'any key', label: 'closes the help' },
        ]
      : state.overlay === 'derivations'
        ? [
            { key: '↑↓', label: 'scroll' },
            { key: 'w', label: 'close', short: 'close' },
            { key: 'Esc', label: 'close' },
            { key: 'h', label: 'hint' },
            { key: 'e', label: 'edit' },
            { key: 'q', label: 'quit' },
          ]
        : state.overlay === 'drill'
          ? [
              { key: '← →', label: 'phase' },
              { key: '↑↓', label: 'scroll' },
              { key: 'g', label: 'close', short: 'close' },
              { key: 'Esc', label: 'close' },
              { key: 'q', label: 'quit' },
            ]
          : state.overlay === 'solution'
            ? [
                { key: '↑↓', label: 'scroll both' },
                { key: 's', label: 'close', short: 'close' },
                { key: 'Esc', label: 'close' },
                { key: 'n', label: 'next stage', short: 'next', disabled: s.stage >= s.problem.stages.length || !stagePassed(state) },
                { key: 'e', label: 'edit' },
                { key: 'q', label: 'quit' },
              ]
            : stageKeys(state);
  const status = statusRows(state, s, width, roomy ? 2 : 1);
  return [...status, ...(roomy ? keyRows(keys, width) : [keyBar(keys, width)])];
}

/** How far the scrollable pane can scroll (for the reducer to clamp to). */
export function scrollMax(state: SessionState): number {
  const s = state.session;
  if (state.screen === 'picker' && state.overlay === 'help') {
    const help = helpPanel(state, state.columns, pickerBodyHeight(state));
    return scrollWindow(help.lines, innerHeight(help.height, help.border), 0).max;
  }
  if (!s || state.screen !== 'stage') return 0;
  const p = plan(state, s, bodyHeightOf(state, s));
  return Math.max(0, ...p.scroll.map((x) => scrollWindow(x.lines, innerHeight(x.height, x.border), 0).max));
}

export function stageFrame(state: SessionState): FrameView {
  const s = state.session!;
  const width = state.columns;
  const title = line(seg('sdcoach', 'accent', true), seg(' · '), seg(clean(s.problem.title), undefined, true));
  const header = [spread(title, stageDots(state, s), width)];
  const p = plan(state, s, bodyHeightOf(state, s));
  for (const x of p.scroll) x.lines = scrollWindow(x.lines, innerHeight(x.height, x.border), state.scroll).lines;
  return { header, body: p.body, footer: footerOf(state, s) };
}
