// Names are data: a map keyed by names a user wrote (components, flows, regions, data classes,
// problems) is a null-prototype object, so `toString`, `constructor` or `__proto__` are ordinary
// keys there: a lookup never finds a built-in, and an assignment never writes onto one.

/** An empty object without a prototype, for maps keyed by user-written names. */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Object.fromEntries into a null-prototype object. */
export function dictFrom<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const out = dict<T>();
  for (const [k, v] of entries) out[k] = v;
  return out;
}
