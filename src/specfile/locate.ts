// Turns a path into the spec (['components', 'orders-db', 'replication']) into file:line:column.
// Every diagnostic and every finding goes through here. Missing keys fall back to the closest parent.
import type { Node } from 'yaml';
import { yamlLib } from './yaml-lib.js';
import type { Position, SpecPath } from './diagnostic.js';
import type { ParsedSource } from './parse.js';

export type Locator = (path: SpecPath, options?: { key?: boolean }) => Position | undefined;

export function createLocator(parsed: Pick<ParsedSource, 'doc' | 'lineCounter'>): Locator {
  const { isMap, isPair, isScalar, isSeq } = yamlLib();
  const { doc, lineCounter } = parsed;
  const pos = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  // Each mapping is indexed by key once, on first use: a lookup per path part is then O(1), so
  // locating thousands of errors in a spec with thousands of components stays linear.
  const indexes = new WeakMap<object, Map<string, { key: unknown; value: unknown }>>();
  const findPair = (map: { items: unknown[] }, part: string | number) => {
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const p of map.items) {
        if (isPair(p) && isScalar(p.key)) {
          const k = String(p.key.value);
          if (!index.has(k)) index.set(k, p);
        }
      }
      indexes.set(map, index);
    }
    return index.get(String(part));
  };
  return (path, options = {}) => {
    let node: unknown = doc.contents;
    let keyNode: Node | undefined;
    let best: Node | undefined = (doc.contents as Node | null) ?? undefined;
    for (let i = 0; i < path.length; i++) {
      const part = path[i]!;
      keyNode = undefined;
      if (isMap(node)) {
        const pair = findPair(node, part);
        if (!pair) break;
        keyNode = pair.key as Node;
        node = pair.value;
        best = (pair.value as Node | null) ?? keyNode;
        if (!pair.value) {
          node = undefined;
          best = keyNode;
        }
      } else if (isSeq(node) && typeof part === 'number') {
        const item = node.items[part];
        if (!item) break;
        node = item;
        best = item as Node;
      } else {
        break;
      }
      if (i === path.length - 1 && options.key && keyNode) best = keyNode;
    }
    const range = best?.range;
    return range ? pos(range[0]) : undefined;
  };
}
