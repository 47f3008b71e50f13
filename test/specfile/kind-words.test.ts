import { describe, expect, it } from 'vitest';
import { aKind, kindNoun } from '../../src/specfile/kind-words.js';

describe('kind words', () => {
  it('names a kind as a sentence does', () => {
    expect(kindNoun('search')).toBe('search index');
    expect(kindNoun('load-balancer')).toBe('load balancer');
    expect(kindNoun('service')).toBe('service');
  });
  it('takes "an" before a vowel', () => {
    expect(aKind('event-store')).toBe('an event store');
    expect(aKind('object-store')).toBe('an object store');
    expect(aKind('external')).toBe('a third party');
    expect(aKind('cdn')).toBe('a CDN');
    expect(aKind('worker')).toBe('a worker');
  });
});
