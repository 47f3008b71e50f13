// "Did you mean" suggestions for misspelt ids, fields and enum values.
import { distance } from 'fastest-levenshtein';

/** The closest candidate within a distance that still reads as a typo (about a third of the word). */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDist = Number.POSITIVE_INFINITY;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    // A candidate whose length differs by more than the typo limit cannot be close enough: skip the
    // edit distance (a spec with thousands of unknown names against thousands of ids stays fast).
    if (Math.abs(c.length - word.length) > Math.max(1, Math.floor(Math.max(word.length, c.length) / 3))) continue;
    const d = distance(lower, c.toLowerCase());
    if (d < bestDist) {
      best = c;
      bestDist = d;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.floor(Math.max(word.length, best.length) / 3));
  return bestDist <= limit ? best : undefined;
}

export function didYouMean(word: string, candidates: Iterable<string>): string {
  const m = closestMatch(word, candidates);
  return m ? `; did you mean "${m}"?` : '';
}

export function listChoices(choices: readonly unknown[], max = 16): string {
  const shown = choices.slice(0, max).map((c) => String(c));
  return shown.join(', ') + (choices.length > max ? `, ... (${choices.length} in all)` : '');
}
