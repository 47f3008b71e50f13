// The key bar: what each key does right now; keys that cannot act yet are shown dimmed.
import { seg, textWidth, type Line } from './lines.js';

export interface KeyItem {
  key: string;
  label: string;
  /** For narrow terminals (default: the label's first word). */
  short?: string;
  /** Shown dimmed: the key exists but does nothing yet (n before passing). */
  disabled?: boolean;
}

/** As many items as fit in `width`, full labels when they all fit, else keys with short labels. */
export function keyBar(items: KeyItem[], width: number): Line {
  const full = render(items, (i) => i.label, 2);
  if (textWidth(full) <= width) return full;
  const short = render(items, (i) => i.short ?? i.label.split(' ')[0]!, 1);
  if (textWidth(short) <= width) return short;
  const out: Line = [];
  for (const i of items) {
    const next = [...out, ...item(i, '', 1)];
    if (textWidth(next) > width) break;
    out.splice(0, out.length, ...next);
  }
  return out;
}

/**
 * The legend in at most two rows: full labels on one row when they fit, else on two, else short
 * labels on two, else keys alone. Narrow terminals keep words, not just letters.
 */
export function keyRows(items: KeyItem[], width: number): Line[] {
  const full = render(items, (i) => i.label, 2);
  if (textWidth(full) <= width) return [full];
  // One row of short labels reads better than two rows of long ones (the body keeps its line).
  const short = render(items, (i) => i.short ?? i.label, 2);
  if (textWidth(short) <= width) return [short];
  for (const [label, gap] of [
    [(i: KeyItem) => i.label, 2],
    [(i: KeyItem) => i.short ?? i.label.split(' ')[0]!, 1],
  ] as const) {
    const rows = split(items, width, label, gap);
    if (rows) return rows;
  }
  return [keyBar(items, width)];
}

/** The items over two rows (as even as the widths allow), or undefined if they do not fit. */
function split(items: KeyItem[], width: number, label: (i: KeyItem) => string, gap: number): Line[] | undefined {
  const widths = items.map((i) => textWidth(item(i, label(i), gap)));
  const total = widths.reduce((a, b) => a + b, 0);
  let best: number | undefined;
  let acc = 0;
  for (let k = 1; k < items.length; k++) {
    acc += widths[k - 1]!;
    if (
      acc <= width &&
      total - acc <= width &&
      (best === undefined || Math.abs(total - 2 * acc) < Math.abs(total - 2 * widths.slice(0, best).reduce((a, b) => a + b, 0)))
    )
      best = k;
  }
  if (best === undefined) return undefined;
  return [render(items.slice(0, best), label, gap), render(items.slice(best), label, gap)];
}

function item(i: KeyItem, label: string, gap: number): Line {
  return [seg(`${' '.repeat(gap)}${i.key}`, i.disabled ? 'dim' : 'key', !i.disabled), seg(label ? ` ${label}` : '', 'dim')];
}

function render(items: KeyItem[], label: (i: KeyItem) => string, gap: number): Line {
  return items.flatMap((i) => item(i, label(i), gap));
}
