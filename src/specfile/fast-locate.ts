// A source map built while js-yaml reads the text (its parse events give each node's start), so the
// fast path can answer file:line:column without a second parse. Falls back to the closest parent for
// a missing key, as the full locator does.
import jsyaml from 'js-yaml';
import type { Locator } from './locate.js';
import { spotLocator, type Spot } from './spots.js';

interface EventNode {
  start: number;
  kind?: string;
  result?: unknown;
  children: EventNode[];
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
  // js-yaml opens a block sequence's item twice (the item, then the node in it, at the same place):
  // step into the inner one, or a mapping written as "- {to: db}" would have no keys of its own.
  const inner = (node: EventNode): EventNode => {
    while (node.children.length === 1 && node.children[0]!.kind === node.kind && node.children[0]!.start === node.start)
      node = node.children[0]!;
    return node;
  };
  // A list or mapping used as a key ("? [a, b]: x") is not spec data: let the full parser report it.
  const checkKeys = (node: EventNode): void => {
    node = inner(node);
    if (node.kind === 'mapping') {
      for (let i = 0; i + 1 < node.children.length; i += 2) {
        const k = node.children[i]!;
        if (k.kind !== 'scalar' || (typeof k.result === 'object' && k.result !== null)) throw new ComplexKey();
        checkKeys(node.children[i + 1]!);
      }
    } else if (node.kind === 'sequence') node.children.forEach(checkKeys);
  };
  const top = root.children[0];
  if (top) checkKeys(top);

  // The spots are built on the first lookup: a valid spec graded without findings never asks.
  const walk = (node: EventNode, spot: Spot): void => {
    node = inner(node);
    if (node.kind === 'mapping') {
      const children = (spot.children = new Map<string, Spot>());
      for (let i = 0; i + 1 < node.children.length; i += 2) {
        const k = node.children[i]!;
        const v = node.children[i + 1]!;
        const keyAt = nodeStart(text, k.start);
        let valueAt = nodeStart(text, v.start);
        // An empty value ("api:" and nothing after it) has no text of its own: point at its key.
        if (v.result === null && !/^(null|Null|NULL|~)/.test(text.slice(valueAt, valueAt + 4))) valueAt = keyAt;
        else if (v.result === null && text.slice(keyAt, valueAt).includes('\n')) valueAt = keyAt;
        const child: Spot = { key: keyAt, value: valueAt };
        children.set(String(k.result), child);
        walk(v, child);
      }
    } else if (node.kind === 'sequence') {
      const children = (spot.children = new Map<string, Spot>());
      node.children.forEach((item, i) => {
        const child: Spot = { value: nodeStart(text, item.start) };
        children.set(String(i), child);
        walk(item, child);
      });
    }
  };
  let rootSpot: Spot | null | undefined;
  const spots = (): Spot | null => {
    if (rootSpot === undefined) {
      rootSpot = top ? { value: nodeStart(text, top.start) } : null;
      if (top) walk(top, rootSpot!);
    }
    return rootSpot;
  };
  const locate = spotLocator(text, spots);
  return { data, locate };
}
