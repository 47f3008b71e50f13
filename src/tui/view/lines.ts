// Styled lines: what every screen is computed into before a component shows it. One Line is one
// terminal row (components truncate, never wrap), so heights are exact and known without Ink.
import { wrapText } from '../../problems/render.js';
import { sanitizeTerminal } from '../../specfile/sanitize.js';

export type SegTone = 'good' | 'warn' | 'bad' | 'dim' | 'accent' | 'key' | 'plain';

export interface Seg {
  text: string;
  tone?: SegTone;
  bold?: boolean;
}

export type Line = Seg[];

export const seg = (text: string, tone?: SegTone, bold?: boolean): Seg => ({ text, ...(tone ? { tone } : {}), ...(bold ? { bold } : {}) });
export const line = (...segs: (Seg | string)[]): Line => segs.map((s) => (typeof s === 'string' ? seg(s) : s));
export const blank = (): Line => [];

/** Authored or learner-written text made safe for the terminal: no control characters, tabs as spaces. */
export function clean(text: string): string {
  return sanitizeTerminal(text.replace(/\t/g, '  ').replace(/\r/g, ''));
}

/** Wraps prose to `width` (paragraphs and list items kept), each row one Line in `tone`. */
export function prose(text: string, width: number, tone?: SegTone, indent = ''): Line[] {
  return wrapText(clean(text), Math.max(10, width), indent).map((l) => (l ? [seg(l, tone)] : []));
}

/** A prefix on the first row and the rest hanging under it: "  ✗ message that wraps…". */
export function hanging(first: Seg[], text: string, width: number, tone?: SegTone): Line[] {
  const lead = first.reduce((n, s) => n + s.text.length, 0);
  const rows = wrapText(clean(text), Math.max(10, width - lead)).filter((l, i, all) => l || i < all.length - 1);
  if (!rows.length) return [first];
  return rows.map((r, i) => (i === 0 ? [...first, seg(r, tone)] : [seg(' '.repeat(lead)), seg(r, tone)]));
}

/**
 * Wraps one line of code (a spec line) at `width`: after a comma or space where there is one in
 * the second half of the row, else hard; continuation rows are indented under the line and marked ↪.
 */
export function codeRows(text: string, width: number): string[] {
  const t = clean(text);
  if (width < 8 || t.length <= width) return [t];
  const indent = ' '.repeat(Math.min(/^ */.exec(t)![0].length, Math.floor(width / 3)));
  const out: string[] = [];
  let rest = t;
  let lead = '';
  while (lead.length + rest.length > width) {
    const room = width - lead.length;
    let cut = Math.max(rest.lastIndexOf(', ', room - 1) + 2, rest.lastIndexOf(' ', room) + 1);
    if (cut < room / 2) cut = room;
    out.push(lead + rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
    lead = `${indent}↪ `;
  }
  if (rest) out.push(lead + rest);
  return out;
}

export function textWidth(l: Line): number {
  return l.reduce((n, s) => n + [...s.text].length, 0);
}

/** The line cut to `width` columns, with … where it was cut. */
export function truncate(l: Line, width: number): Line {
  if (textWidth(l) <= width) return l;
  const out: Line = [];
  let left = Math.max(0, width - 1);
  for (const s of l) {
    const chars = [...s.text];
    if (chars.length <= left) {
      out.push(s);
      left -= chars.length;
      continue;
    }
    out.push({ ...s, text: `${chars.slice(0, left).join('')}…` });
    return out;
  }
  return out;
}

/** Left and right parts on one row, padded apart to `width`; the left part gives way. */
export function spread(left: Line, right: Line, width: number): Line {
  const rw = textWidth(right);
  if (rw + 2 > width) return truncate(left, width);
  const l = truncate(left, width - rw - 2);
  return [...l, seg(' '.repeat(width - textWidth(l) - rw)), ...right];
}

/** The first `height` lines; if some are cut, the last row says how many more there are. */
export function fit(lines: Line[], height: number, more = (n: number) => `… ${n} more line${n === 1 ? '' : 's'}`): Line[] {
  if (height <= 0) return [];
  if (lines.length <= height) return lines;
  const kept = lines.slice(0, Math.max(0, height - 1));
  return [...kept, [seg(more(lines.length - kept.length), 'dim')]];
}

/** A window of `height` lines starting at `offset`, with ↑/↓ markers where content is cut. */
export function scrollWindow(lines: Line[], height: number, offset: number): { lines: Line[]; offset: number; max: number } {
  if (height <= 0) return { lines: [], offset: 0, max: 0 };
  if (lines.length <= height) return { lines, offset: 0, max: 0 };
  // The last page shows the bottom marker's row as content.
  const max = lines.length - height + 1;
  const at = Math.max(0, Math.min(offset, max));
  const out: Line[] = [];
  const body = height - (at > 0 ? 1 : 0);
  if (at > 0) out.push([seg(`↑ ${at} more above (↑/k)`, 'dim')]);
  const end = at + body;
  if (end < lines.length) {
    out.push(...lines.slice(at, end - 1));
    out.push([seg(`↓ ${lines.length - end + 1} more below (↓/j)`, 'dim')]);
  } else {
    out.push(...lines.slice(at, end));
  }
  return { lines: out, offset: at, max };
}

/** A message wrapped to at most `max` rows (the last one cut with … if it still does not fit). */
export function flashRows(text: string, tone: 'bad' | 'good' | 'accent', width: number, max: number): Line[] {
  const rows: Line[] = hanging([], text, width, tone).map((l) => l.map((x) => ({ ...x, bold: true })));
  if (rows.length <= max) return rows;
  const kept = rows.slice(0, max);
  kept[max - 1] = truncate([...kept[max - 1]!, seg(' '), ...rows.slice(max).flat()], width);
  return kept;
}
