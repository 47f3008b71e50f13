// A source map of offsets kept by the fast readers (fast-locate.ts for js-yaml, plain-yaml.ts): where each key, value
// and list item starts, turned into file:line:column on demand.
import type { Position, SpecPath } from './diagnostic.js';
import type { Locator } from './locate.js';

/** Where a key and its value start, and the spots of the keys or items inside the value. */
export interface Spot {
  key?: number;
  value: number;
  children?: Map<string, Spot>;
}

/**
 * A locator over the spots `root()` gives (built on the first lookup by a caller that wants it lazy): the closest
 * recorded part of the path, the whole of it or else its nearest parent; the key's offset when asked for and known.
 */
export function spotLocator(text: string, root: () => Spot | null): Locator {
  let lineStarts: number[] | undefined;
  const position = (offset: number): Position => {
    if (!lineStarts) {
      lineStarts = [0];
      // indexOf scans natively; a charCodeAt loop was ~0.3 ms of an interpreted grade.
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    }
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  return (path: SpecPath, options = {}) => {
    const top = root();
    if (!top) return undefined;
    let spot: Spot = top;
    let n = 0;
    for (; n < path.length; n++) {
      const next: Spot | undefined = spot.children?.get(String(path[n]));
      if (!next) break;
      spot = next;
    }
    const offset = options.key && n === path.length && spot.key !== undefined ? spot.key : spot.value;
    return position(offset);
  };
}
