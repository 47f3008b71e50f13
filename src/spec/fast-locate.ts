// A source map built while js-yaml reads the text (its parse events give each node's start), so the
// fast path can answer file:line:column without a second parse. Falls back to the closest parent for
// a missing key, as the full locator does.
import jsyaml from 'js-yaml';
import type { Position, SpecPath } from './diagnostic.js';
import type { Locator } from './locate.js';

interface EventNode {
  start: number;
  kind?: string;
  result?: unknown;
  children: EventNode[];
}

interface Spot {
  key?: number;
  value: number;
}

/** Offset of the first character of a node at or after `from` (skips blanks, line breaks and comments). */
function nodeStart(text: string, from: number): number {
  let i = from;
  for (;;) {
    const ch = text[i];
    if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t') i++;
    else if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else return i;
  }
}

class ComplexKey extends Error {}

export interface FastLoad {
  data: unknown;
  locate: Locator;
}

/** Loads with js-yaml and records where every mapping key, value and list item starts. */
export function loadWithPositions(text: string): FastLoad {
  const root: EventNode = { start: 0, children: [] };
  const stack: EventNode[] = [root];
  const data = jsyaml.load(text, {
    schema: jsyaml.CORE_SCHEMA,
    json: false,
    listener(event, state) {
      if (event === 'open') {
        const node: EventNode = { start: state.position, children: [] };
        stack.at(-1)!.children.push(node);
        stack.push(node);
      } else {
        const node = stack.pop()!;
        node.kind = state.kind ?? undefined;
        node.result = state.result;
      }
    },
  });
  const spots = new Map<string, Spot>();
  const walk = (node: EventNode, path: string) => {
    // js-yaml opens a block sequence's item twice (the item, then the node in it, at the same place):
    // step into the inner one, or a mapping written as "- {to: db}" would have no keys of its own.
    while (node.children.length === 1 && node.children[0]!.kind === node.kind && node.children[0]!.start === node.start) node = node.children[0]!;
    if (node.kind === 'mapping') {
      for (let i = 0; i + 1 < node.children.length; i += 2) {
        const k = node.children[i]!;
        const v = node.children[i + 1]!;
        // A list or mapping used as a key ("? [a, b]: x") is not spec data: let the full parser report it.
        if (k.kind !== 'scalar' || (typeof k.result === 'object' && k.result !== null)) throw new ComplexKey();
        const p = `${path}\u0000${String(k.result)}`;
        const keyAt = nodeStart(text, k.start);
        let valueAt = nodeStart(text, v.start);
        // An empty value ("api:" and nothing after it) has no text of its own: point at its key.
        if (v.result === null && !/^(null|Null|NULL|~)/.test(text.slice(valueAt, valueAt + 4))) valueAt = keyAt;
        else if (v.result === null && text.slice(keyAt, valueAt).includes('\n')) valueAt = keyAt;
        spots.set(p, { key: keyAt, value: valueAt });
        walk(v, p);
      }
    } else if (node.kind === 'sequence') {
      node.children.forEach((item, i) => {
        const p = `${path}\u0000${i}`;
        spots.set(p, { value: nodeStart(text, item.start) });
        walk(item, p);
      });
    }
  };
  const top = root.children[0];
  if (top) {
    spots.set('', { value: nodeStart(text, top.start) });
    walk(top, '');
  }
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const position = (offset: number): Position => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  const locate: Locator = (path: SpecPath, options = {}) => {
    for (let n = path.length; n >= 0; n--) {
      const key = n === 0 ? '' : `\u0000${path.slice(0, n).map(String).join('\u0000')}`;
      const spot = spots.get(key);
      if (!spot) continue;
      const offset = options.key && n === path.length && spot.key !== undefined ? spot.key : spot.value;
      return position(offset);
    }
    return undefined;
  };
  return { data, locate };
}
