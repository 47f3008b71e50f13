// Component kinds as a sentence names them ("a search index doing a service's work"), shared by the resolver's
// figure notes and the checks' messages.

const NOUNS: Record<string, string> = {
  'load-balancer': 'load balancer',
  cdn: 'CDN',
  'event-store': 'event store',
  'object-store': 'object store',
  search: 'search index',
  external: 'third party',
};

/** The kind as a noun: "search index" for search, "load balancer" for load-balancer. */
export function kindNoun(kind: string): string {
  return NOUNS[kind] ?? kind;
}

/** A word with its indefinite article: "an external", "a database". */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}

/** The noun with its article: "a search index", "an event store". */
export function aKind(kind: string): string {
  return withArticle(kindNoun(kind));
}
