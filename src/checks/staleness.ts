// How a store's staleness reads in a message: the chain of workers feeding it, each with its lag and the time
// messages wait for it (analysis/staleness.ts). Shared by the checks that judge read models.
import type { StoreStaleness } from '../analysis/metrics.js';
import { ms } from './types.js';

/** A chain of workers as its parts: "relay 100 ms + projector 300 ms + 45 ms queued". */
export function chainText(s: StoreStaleness, lagOf: (worker: string) => number): string {
  return s.chain
    .map((w) => {
      const q = s.queued[w];
      const queued =
        q === undefined || q < 0.05 // a wait that rounds to 0 ms is not worth a word
          ? ''
          : Number.isFinite(q)
            ? ` + ${ms(q)} ms queued`
            : ', and a queue that grows without bound: it receives messages faster than its replicas process them';
      return `${w} ${ms(lagOf(w))} ms${queued}`;
    })
    .join(' + ');
}
