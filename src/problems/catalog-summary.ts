// The catalog at a glance, as data: problems grouped by difficulty, and within a difficulty by topic
// (each problem under its MAIN topic, the first in `topics`), with counts per group and per topic.
// Also the reading of `--topic`: every topic a problem may name, a prefix, and "did you mean" for a typo.
// Pure: `sdcoach list` renders it; tests build it from plain objects.
import { distance } from 'fastest-levenshtein';
import { PROBLEM_TOPICS } from '../checks/types.js';
import { closestMatch } from '../specfile/suggest.js';
import { DIFFICULTIES, type Difficulty } from './problem.js';

/** What the summary needs of a problem (a loaded Problem has all of it). */
export interface ListedProblem {
  id: string;
  title: string;
  difficulty: Difficulty;
  topics: readonly string[];
  stages: readonly unknown[];
}

export interface TopicSummary<P extends ListedProblem = ListedProblem> {
  topic: string;
  /** Problems of the group whose main (first) topic this is, by id. */
  main: P[];
  /** How many problems of the group name the topic anywhere in `topics` (main included). */
  touching: number;
}

export interface DifficultyGroup<P extends ListedProblem = ListedProblem> {
  difficulty: Difficulty;
  count: number;
  /** Main topics first (most problems first, then by name), then the topics only touched (same order). */
  topics: TopicSummary<P>[];
}

export function mainTopic(p: ListedProblem): string {
  return p.topics[0] ?? '';
}

/** Groups in difficulty order (warm-up, interview, staff); a difficulty with no problem is left out. */
export function summarizeCatalog<P extends ListedProblem>(problems: readonly P[]): DifficultyGroup<P>[] {
  const groups: DifficultyGroup<P>[] = [];
  for (const difficulty of DIFFICULTIES) {
    const inGroup = problems.filter((p) => p.difficulty === difficulty);
    if (!inGroup.length) continue;
    const byTopic = new Map<string, TopicSummary<P>>();
    const entry = (topic: string) => {
      let t = byTopic.get(topic);
      if (!t) byTopic.set(topic, (t = { topic, main: [], touching: 0 }));
      return t;
    };
    for (const p of inGroup) {
      entry(mainTopic(p)).main.push(p);
      for (const t of new Set(p.topics)) entry(t).touching++;
    }
    for (const t of byTopic.values()) t.main.sort((a, b) => a.id.localeCompare(b.id));
    const topics = [...byTopic.values()].sort(
      (a, b) =>
        Number(b.main.length > 0) - Number(a.main.length > 0) ||
        b.main.length - a.main.length ||
        b.touching - a.touching ||
        a.topic.localeCompare(b.topic),
    );
    groups.push({ difficulty, count: inGroup.length, topics });
  }
  return groups;
}

/** Every topic `--topic` accepts: the ones a problem may name (PROBLEM_TOPICS) plus any a catalog uses. */
export function topicVocabulary(problems: readonly ListedProblem[]): string[] {
  return [...new Set([...Object.keys(PROBLEM_TOPICS), ...problems.flatMap((p) => p.topics)])].sort();
}

export type TopicQuery = { ok: true; topics: string[] } | { ok: false; suggestion?: string };

/**
 * Reads `--topic`: case and separators do not matter ("Event Sourcing" is event-sourcing), a prefix
 * names every topic it starts ("geo" is geo-distribution). Anything else is not a topic; the
 * suggestion is a topic that contains it ("mesh": service-mesh), else the nearest by edit distance
 * that still reads as a typo.
 */
export function resolveTopic(query: string, vocabulary: readonly string[]): TopicQuery {
  const q = query
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  if (!q) return { ok: false };
  const exact = vocabulary.filter((t) => t.toLowerCase() === q);
  if (exact.length) return { ok: true, topics: exact };
  const prefixed = vocabulary.filter((t) => t.toLowerCase().startsWith(q));
  if (prefixed.length) return { ok: true, topics: prefixed };
  return { ok: false, suggestion: nearestTopic(q, vocabulary) };
}

function nearestTopic(q: string, vocabulary: readonly string[]): string | undefined {
  const containing = vocabulary.filter((t) => q.length >= 3 && t.toLowerCase().includes(q));
  if (containing.length === 1) return containing[0];
  const close = closestMatch(q, vocabulary);
  if (close) return close;
  // A longer slip ("avalability", "geo-distibutoin") or two letters swapped in a short word ("cqsr"):
  // the nearest, if under half the word changed, a swap of neighbours counting as one change.
  let best: string | undefined;
  let bestDist = Number.POSITIVE_INFINITY;
  for (const t of vocabulary) {
    const d = Math.min(distance(q, t.toLowerCase()), swapDistance(q, t.toLowerCase()));
    if (d < bestDist) [best, bestDist] = [t, d];
  }
  return best !== undefined && bestDist * 2 < Math.max(q.length, best.length) ? best : undefined;
}

/** Edit distance where swapping two neighbouring letters is one edit (optimal string alignment). */
export function swapDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
