// The references of the shipped catalog's estimate stages, computed at build time by estimateReferences itself
// (scripts/build.mjs) and stored by a hash of their inputs: dist/problems/estimate-references.json. Every grade
// against a problem needs its estimate stage's references (they feed the later stages' flow rates), and
// computing them loads mathjs and builds its units, ~0.15 s of a 0.45 s grade. A stage whose facts, quantities
// or difficulty are not the stored ones (a mentor's own catalog, an edited problem, a build from older sources)
// finds nothing here and is computed as before.
import { existsSync, readFileSync } from 'node:fs';
import type * as NodeCrypto from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { EstimateFact, EstimateQuantitySpec, ReferenceResult } from './estimate.js';
import type { Difficulty } from './problem.js';

const STORE = fileURLToPath(new URL('../problems/estimate-references.json', import.meta.url));
const stores = new Map<string, Record<string, ReferenceResult> | null>();
// node:crypto on first use: it is not in Node's start-up snapshot, and loading it took 3-7 ms of every grade,
// problem or not, when this module imported it (bundled, an import is a require at the bundle's start).
const require = createRequire(import.meta.url);
let crypto: typeof NodeCrypto | undefined;

/** The key of an estimate stage's inputs: everything estimateReferences reads. */
export function referencesKey(facts: Record<string, EstimateFact>, quantities: Record<string, EstimateQuantitySpec>, difficulty: Difficulty): string {
  crypto ??= require('node:crypto') as typeof NodeCrypto;
  return crypto.createHash('sha256').update(JSON.stringify([facts, quantities, difficulty])).digest('hex');
}

function readStore(file: string): Record<string, ReferenceResult> | null {
  let store = stores.get(file);
  if (store === undefined) {
    try {
      store = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, ReferenceResult>) : null;
    } catch {
      store = null; // unreadable or not JSON: compute
    }
    stores.set(file, store);
  }
  return store;
}

/**
 * The stored references of these inputs (a copy: callers may keep or change it), or undefined when none are
 * stored. `file` is the build's store; tests name it (from source there is none).
 */
export function storedReferences(
  facts: Record<string, EstimateFact>,
  quantities: Record<string, EstimateQuantitySpec>,
  difficulty: Difficulty,
  file: string = STORE,
): ReferenceResult | undefined {
  const hit = readStore(file)?.[referencesKey(facts, quantities, difficulty)];
  return hit ? structuredClone(hit) : undefined;
}
