// The design checks, in the order they are listed by `sdcoach explain`.
import type { Check } from '../types.js';
import honestFigures from './honest-figures.js';
import consumedHasProducer from './consumed-has-producer.js';
import patternDeclared from './pattern-declared.js';
import ratesMatchEstimates from './rates-match-estimates.js';

export const designChecks: Check<unknown>[] = [patternDeclared, honestFigures, ratesMatchEstimates, consumedHasProducer];
