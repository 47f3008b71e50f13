// The design checks, in the order they are listed by `sdcoach explain`.
import type { Check } from '../types.js';
import consumedHasProducer from './consumed-has-producer.js';
import patternDeclared from './pattern-declared.js';

export const designChecks: Check<any>[] = [patternDeclared, consumedHasProducer];
