// The mock interview's screen as data: the clock and the phases on top, the interviewer's side (the
// opening and the questions, the facts uncovered, the phase's prompt) beside the live grade, the keys
// in the footer; at the end, the scorecard. Pure: computed from the state, drawn by components/Screen.
import { relative } from 'node:path';
import { sdcoachCommand } from '../../grading/invocation.js';
import { PHASE_TITLES, PHASES } from '../../problems/interview.js';
import { scorecardText } from '../../problems/scorecard-format.js';
import { formatDiagnostic } from '../../specfile/diagnostic.js';
import { currentPhase, elapsedMs, phaseElapsedMs, type InterviewState } from '../interview-session.js';
import { innerHeight, innerWidth, type FrameView, type PanelView } from './frame.js';
import { keyRows, type KeyItem } from './keys.js';
import { blank, clean, hanging, line, prose, scrollWindow, seg, spread, type Line } from './lines.js';
import { reportLines } from './results.js';

/** 12:05, or 1:02:05 past an hour. */
export function clock(ms: number): string {
  const t = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const s = String(t % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const shown = (file: string) => {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
};

export function interviewKeys(s: InterviewState): KeyItem[] {
  if (s.ended)
    return [
      { key: '↑↓', label: 'scroll' },
      { key: 'q', label: 'quit', disabled: !s.card && !s.endError },
    ];
  const last = s.phase === PHASES.length - 1;
  const items: KeyItem[] = [];
  if (currentPhase(s) === 'clarify') items.push({ key: '↑↓', label: 'choose' }, { key: 'Enter', label: 'ask' });
  else
    items.push(
      { key: '↑↓', label: 'scroll' },
      { key: 'Tab', label: s.focus === 'prompt' ? 'scroll the grade' : 'scroll the prompt', short: 'pane' },
    );
  items.push({
    key: 'n',
    label: last ? 'finish the interview' : `next: ${PHASE_TITLES[PHASES[s.phase + 1]!].toLowerCase()}`,
    short: last ? 'finish' : 'next',
  });
  items.push({ key: 'q', label: 'end now' });
  return items;
}

function headerLines(s: InterviewState): Line[] {
  const w = s.columns;
  const phase = currentPhase(s);
  const left = line(seg('sdcoach interview', 'accent', true), seg(' · '), seg(clean(s.problem.title), undefined, true));
  const over = elapsedMs(s) > s.totalMs;
  const right = line(seg(`⏱ ${clock(Math.min(elapsedMs(s), s.totalMs))} / ${clock(s.totalMs)}`, over ? 'bad' : undefined, true));
  const strip: Line = [];
  PHASES.forEach((p, i) => {
    if (i) strip.push(seg(w < 90 ? ' ' : ' · ', 'dim'));
    const label = w < 90 ? `${i + 1}` : `${i + 1} ${p.replace('_', ' ')}`;
    // Once ended, the phases it never reached stay unmarked (they score nothing).
    const done = i < s.phase || (s.ended !== undefined && i === s.phase);
    if (i === s.phase && !s.ended) strip.push(seg(`▸${label}`, 'accent', true));
    else strip.push(seg(done ? `✓${label}` : label, done ? 'good' : 'dim'));
  });
  if (s.ended) return [spread(left, right, w), spread(strip, line(seg('the scorecard', 'dim')), w)];
  const pe = phaseElapsedMs(s);
  const guide = s.guideMs[phase];
  const phaseClock = line(
    seg(`${PHASE_TITLES[phase]}  `, undefined, true),
    seg(`${clock(pe)} / guide ${clock(guide)}`, pe > guide ? 'warn' : 'dim'),
  );
  return [spread(left, right, w), spread(strip, phaseClock, w)];
}

/** The facts the asked questions uncovered: each answer under its question. */
export function factsLines(s: InterviewState, width: number): Line[] {
  if (!s.asked.length) return prose('Nothing asked yet. The interviewer answers only what you ask.', width, 'dim');
  const out: Line[] = [];
  for (const id of s.asked) {
    const q = s.interview.questions.find((x) => x.id === id);
    if (!q) continue;
    if (out.length) out.push(blank());
    out.push(...hanging([seg('Q ', 'dim')], q.ask, width, 'dim'));
    out.push(...hanging([seg('A ', 'accent', true)], q.answer, width));
  }
  return out;
}

function clarifyLines(s: InterviewState, width: number): Line[] {
  const out: Line[] = [...prose(s.interview.opening, width), blank(), line(seg('Ask the interviewer (↑↓, Enter):', undefined, true))];
  s.interview.questions.forEach((q, i) => {
    const asked = s.asked.includes(q.id);
    const mark = i === s.cursor ? seg('▸ ', 'accent', true) : seg('  ');
    out.push(...hanging([mark, seg(asked ? '✓ ' : '· ', asked ? 'good' : 'dim')], q.ask, width, asked ? 'dim' : undefined));
  });
  return out;
}

/** The estimate phase: only the facts uncovered, then the quantities to write under estimates:. */
export function estimateLines(s: InterviewState, width: number): Line[] {
  const stage = s.problem.stages.find((x) => x.kind === 'estimate');
  if (!stage?.estimate) return prose('This problem has no estimate stage: move on with n.', width, 'dim');
  const known = new Set(s.asked.flatMap((id) => s.interview.questions.find((q) => q.id === id)?.reveals ?? []));
  const facts = Object.entries(stage.estimate.facts).filter(([name]) => known.has(name));
  const hidden = Object.keys(stage.estimate.facts).length - facts.length;
  const out: Line[] = [line(seg('What you learned', undefined, true))];
  if (!facts.length)
    out.push(...prose('Nothing: you asked no question that gives a number. Estimate from what you would assume.', width, 'dim'));
  for (const [name, f] of facts)
    out.push(
      line(seg('  '), seg(`${name} `, 'accent'), seg(clean(String(f.value)), undefined, true)),
      ...prose(f.label, width - 4, 'dim', '    '),
    );
  if (hidden) out.push(...prose(`${hidden} more fact${hidden === 1 ? '' : 's'} the interviewer would have given if asked.`, width, 'dim'));
  out.push(blank(), ...prose(`Write estimates: in ${shown(s.file)}, each with its unit (12k/s, 3.5 TB, 2 Gbps):`, width));
  for (const [name, q] of Object.entries(stage.estimate.quantities))
    out.push(line(seg('  '), seg(name, 'accent'), seg(` (${q.unit})`, 'dim')), ...prose(q.label, width - 4, 'dim', '    '));
  return out;
}

function promptLines(s: InterviewState, width: number): Line[] {
  const phase = currentPhase(s);
  const stage = (n: number) => s.problem.stages[n - 1];
  switch (phase) {
    case 'clarify':
      return clarifyLines(s, width);
    case 'estimate':
      return estimateLines(s, width);
    case 'api':
      return [
        ...prose(
          `Sketch the API and the data model in ${shown(s.file)}. Under api:, each endpoint with the flow it serves (and idempotency_key: true on writes a client retries); under data:, each entity with its store, its key and its partition key, so that every flow's reads find their data by key.`,
          width,
        ),
        blank(),
        ...prose(
          'Graded: interview/api-covers-flows and interview/data-access, both required (docs/spec.md, "api, data and decisions").',
          width,
          'dim',
        ),
      ];
    case 'design': {
      const st = stage(s.interview.designStage);
      // The interview's own prompt goes without the stage's title, which may name the answer too (the pane is
      // already titled with the phase).
      if (s.interview.designPrompt !== undefined) return prose(s.interview.designPrompt, width);
      return [line(seg(clean(st?.title ?? 'Design'), undefined, true)), ...prose(st?.prompt ?? '', width)];
    }
    case 'deep_dive': {
      const st = stage(s.interview.deepDiveStage);
      const drills = (st?.drills ?? []).map((d) => (Array.isArray(d.scenario) ? d.scenario.join(' + ') : d.scenario));
      return [
        line(
          seg('The interviewer pushes: ', 'accent', true),
          seg(clean(s.interview.deepDivePrompt !== undefined ? 'a follow-up' : (st?.title ?? '')), undefined, true),
        ),
        ...prose(s.interview.deepDivePrompt ?? st?.prompt ?? '', width),
        ...(drills.length
          ? [
              blank(),
              line(seg('Drills your design must survive:', undefined, true)),
              ...drills.flatMap((d) => hanging([seg('  · ')], d, width)),
            ]
          : []),
      ];
    }
    case 'decide':
      return prose(
        `Defend your choices in ${shown(s.file)} under decisions:: one per major choice (every declared pattern), each with the choice, the alternatives considered, the reason citing a metric by its path (flows.<flow>.p99, components.<name>.utilization) that supports it, and the risk. Graded: interview/decisions.`,
        width,
      );
  }
}

function gradeLines(s: InterviewState, width: number): Line[] {
  if (currentPhase(s) === 'clarify') return factsLines(s, width);
  if (s.text === null) return prose(`cannot read ${shown(s.file)}: ${s.fileError ?? 'unreadable'}`, width, 'bad');
  const r = s.result;
  if (!r || s.gradedPhase !== currentPhase(s)) return [line(seg(s.text === undefined ? 'reading the spec file…' : 'grading…', 'dim'))];
  if (r.kind === 'rubric-error')
    return [line(seg("✗ This phase's rubric does not load", 'bad', true)), ...r.messages.flatMap((m) => hanging([seg('  ')], m, width))];
  if (r.kind === 'invalid')
    return [
      line(seg('✗ The spec does not load', 'bad', true)),
      ...r.diagnostics.slice(0, 6).flatMap((d) => hanging([seg('  ')], formatDiagnostic(d), width, 'bad')),
    ];
  return reportLines(r.report, width, shown(s.file), s.grading);
}

function panel(
  id: string,
  title: Line,
  content: Line[],
  width: number,
  height: number,
  scroll = 0,
  tone?: PanelView['borderTone'],
): PanelView {
  const inner = innerHeight(height, true);
  return {
    id,
    title,
    lines: scrollWindow(content, inner, scroll).lines,
    width,
    height,
    border: true,
    ...(tone ? { borderTone: tone } : {}),
  };
}

/** The scorecard screen's lines: the card as text, where the session is, how to export it. */
export function scorecardLines(s: InterviewState, width: number): Line[] {
  const why = s.ended === 'time' ? 'Time is up.' : s.ended === 'quit' ? 'You ended the interview early.' : 'The interview is over.';
  const out: Line[] = [line(seg(why, undefined, true))];
  if (!s.card) return [...out, ...(s.endError ? prose(s.endError, width, 'bad') : [line(seg('Scoring the interview…', 'dim'))])];
  if (s.endError) out.push(...prose(s.endError, width, 'bad'));
  for (const l of scorecardText(s.card).replace(/\n$/, '').split('\n')) {
    const tone = /^✓/.test(l) ? 'good' : /^✗/.test(l) ? 'bad' : /^Signal:/.test(l) ? 'accent' : undefined;
    out.push(...hanging([], l, width, tone));
  }
  if (s.sessionFile) {
    out.push(blank(), ...prose(`Session saved: ${shown(s.sessionFile)}`, width, 'dim'));
    out.push(
      ...hanging(
        [seg('Export it for a mentor: ', 'dim')],
        sdcoachCommand(`scorecard ${shown(s.sessionFile)} --format markdown`, s.problem),
        width,
        'accent',
      ),
    );
  }
  return out;
}

export function interviewFrame(s: InterviewState): FrameView {
  const w = Math.max(20, s.columns);
  const header = headerLines(s);
  const footer: Line[] = [];
  if (s.confirm === 'quit')
    footer.push(
      line(
        seg('End the interview now and see the scorecard? ', 'warn', true),
        seg('y', 'key', true),
        seg(' yes · any other key: no', 'dim'),
      ),
    );
  footer.push(...keyRows(interviewKeys(s), w));
  const bodyH = Math.max(4, s.rows - header.length - footer.length);
  if (s.ended) {
    const tone = s.card ? (['hire', 'strong hire'].includes(s.card.signal) ? 'good' : 'bad') : undefined;
    return {
      header,
      body: [
        [panel('scorecard', line(seg('Scorecard', undefined, true)), scorecardLines(s, innerWidth(w, true)), w, bodyH, s.scroll, tone)],
      ],
      footer,
    };
  }
  const L = bodyLayout(s, bodyH);
  const phase = currentPhase(s);
  const focused = (which: 'prompt' | 'grade') => phase !== 'clarify' && s.focus === which;
  const leftTitle = line(
    seg(phase === 'clarify' ? 'The interviewer' : PHASE_TITLES[phase], undefined, true),
    ...(focused('prompt') ? [seg('  ↑↓ scrolls here', 'dim')] : []),
  );
  const rightTitle: Line =
    phase === 'clarify'
      ? line(seg('Facts', undefined, true), seg(`  ${s.asked.length} of ${s.interview.questions.length} questions asked`, 'dim'))
      : line(
          seg('Live grade', undefined, true),
          seg(`  ${shown(s.file)}`, 'dim'),
          ...(focused('grade') && !L.wide ? [seg('  ↑↓', 'dim')] : []),
        );
  const tone = s.result?.kind === 'report' && s.gradedPhase === phase ? (s.result.report.passed ? 'good' : 'bad') : undefined;
  const prompt = panel('prompt', leftTitle, L.prompt.lines, L.prompt.width, L.prompt.height, L.prompt.scroll);
  const grade = panel('grade', rightTitle, L.grade.lines, L.grade.width, L.grade.height, L.grade.scroll, tone);
  return { header, body: L.wide ? [[prompt, grade]] : [[prompt], [grade]], footer };
}

interface PaneLayout {
  lines: Line[];
  width: number;
  height: number;
  scroll: number;
  /** The furthest it scrolls. */
  max: number;
}

/**
 * The two panes: side by side from 100 columns, else stacked (the prompt gets more room in clarify, where
 * the questions are). In clarify the questions follow the cursor and the facts show the latest answers;
 * elsewhere ↑↓ scroll the focused pane (Tab switches).
 */
export function bodyLayout(s: InterviewState, bodyH: number): { wide: boolean; prompt: PaneLayout; grade: PaneLayout } {
  const w = Math.max(20, s.columns);
  const wide = w >= 100;
  const clarify = currentPhase(s) === 'clarify';
  const lw = wide ? Math.floor(w * 0.5) : w;
  const rw = wide ? w - lw : w;
  const topH = wide ? bodyH : Math.max(4, Math.ceil(bodyH * (clarify ? 0.6 : 0.5)));
  const botH = wide ? bodyH : Math.max(4, bodyH - topH);
  const left = promptLines(s, innerWidth(lw, true));
  const right = gradeLines(s, innerWidth(rw, true));
  const max = (lines: Line[], h: number) => scrollWindow(lines, innerHeight(h, true), Number.MAX_SAFE_INTEGER).max;
  const pm = max(left, topH);
  const gm = max(right, botH);
  const promptScroll = clarify ? cursorScroll(left, topH) : Math.min(s.promptScroll, pm);
  const gradeScroll = clarify ? gm : Math.min(s.scroll, gm);
  return {
    wide,
    prompt: { lines: left, width: lw, height: topH, scroll: promptScroll, max: pm },
    grade: { lines: right, width: rw, height: botH, scroll: gradeScroll, max: gm },
  };
}

/** How far each pane scrolls on the screen as it is now (the reducer keeps the offsets within them). */
export function scrollLimits(s: InterviewState): { prompt: number; grade: number; scorecard: number } {
  const w = Math.max(20, s.columns);
  const f = interviewFrame({ ...s, scroll: 0, promptScroll: 0 });
  const bodyH = Math.max(4, s.rows - f.header.length - f.footer.length);
  if (s.ended) {
    const lines = scorecardLines(s, innerWidth(w, true));
    return { prompt: 0, grade: 0, scorecard: scrollWindow(lines, innerHeight(bodyH, true), Number.MAX_SAFE_INTEGER).max };
  }
  const L = bodyLayout(s, bodyH);
  return { prompt: L.prompt.max, grade: L.grade.max, scorecard: 0 };
}

/** Scrolls the clarify panel so the chosen question (the ▸ row) stays in view, with a row or two below it. */
function cursorScroll(lines: Line[], height: number): number {
  const inner = innerHeight(height, true);
  if (lines.length <= inner) return 0;
  const at = lines.findIndex((l) => l[0]?.text === '▸ ');
  return Math.max(0, Math.min(at - inner + 4, lines.length - inner + 1));
}
