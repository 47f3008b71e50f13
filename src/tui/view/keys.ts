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

function item(i: KeyItem, label: string, gap: number): Line {
  return [seg(`${' '.repeat(gap)}${i.key}`, i.disabled ? 'dim' : 'key', !i.disabled), seg(label ? ` ${label}` : '', 'dim')];
}

function render(items: KeyItem[], label: (i: KeyItem) => string, gap: number): Line {
  return items.flatMap((i) => item(i, label(i), gap));
}
