// design/pattern-declared: the design declares the pattern the problem stage asks for (configured by rubrics).
import type { ModelPatterns } from '../../specfile/model.js';
import { defineCheck, type Finding } from '../types.js';

export const PATTERNS = ['cqrs', 'event_sourcing', 'mesh', 'bulkhead', 'multi_region'] as const;
export type PatternName = (typeof PATTERNS)[number];

interface Options {
  /** The pattern (or patterns) the stage asks for; without it the check does not apply. */
  pattern?: PatternName | PatternName[];
}

const MODEL_KEY: Record<PatternName, keyof ModelPatterns> = {
  cqrs: 'cqrs',
  event_sourcing: 'eventSourcing',
  mesh: 'mesh',
  bulkhead: 'bulkhead',
  multi_region: 'multiRegion',
};

export default defineCheck<Options>({
  meta: {
    id: 'design/pattern-declared',
    topic: 'design',
    title: 'Declare the pattern the problem stage asks for',
    concept:
      'A pattern is a decision you name and defend, not something a reader should infer from boxes and arrows. ' +
      "Declaring it (which store takes commands, which is the event log, which services are meshed) is what lets an interviewer, and the checks, hold the design to the pattern's own rules.",
    computes: 'Looks for patterns.<pattern> in the spec; for multi_region, a strategy other than single-region.',
    sources: ['course'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        pattern: {
          anyOf: [{ enum: [...PATTERNS] }, { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...PATTERNS] } }],
          description:
            "The pattern the stage asks for (a key of the spec's `patterns`), or a list of them. Without it the check does not apply.",
        },
      },
    },
    defaults: {},
    messages: {
      declared: 'patterns.{{pattern}} is declared ({{detail}}), as this stage asks',
      missing: 'this stage asks for {{pattern}}, but the spec declares {{declared}} under patterns',
      singleRegion:
        'this stage asks for a multi-region design, but patterns.multi_region.strategy is single-region ({{regions}} region(s) declared)',
    },
    hints: {
      missing:
        "Reread the stage prompt: which pattern does it ask you to apply? Declare it under `patterns` (docs/spec.md lists each pattern's fields) and name the components that play each part.",
      singleRegion:
        'A single-region strategy keeps every write in one place. Ask how users far away are served and what happens when that region is lost, then pick the strategy that answers both.',
    },
  },
  run({ model, options }) {
    if (!options.pattern) return [];
    const asked = Array.isArray(options.pattern) ? options.pattern : [options.pattern];
    const p = model.patterns;
    const declared = PATTERNS.filter((n) => p[MODEL_KEY[n]] !== undefined);
    return asked.map((pattern): Finding => {
      const evidence = { pattern, declared };
      if (p[MODEL_KEY[pattern]] === undefined) {
        return {
          status: 'fail',
          messageId: 'missing',
          data: { pattern, declared: declared.length ? declared.join(', ') : 'nothing' },
          path: ['patterns'],
          evidence,
        };
      }
      if (pattern === 'multi_region' && p.multiRegion?.strategy === 'single-region') {
        return {
          status: 'fail',
          messageId: 'singleRegion',
          data: { regions: model.regions.length },
          path: ['patterns', 'multi_region', 'strategy'],
          evidence,
        };
      }
      return {
        status: 'pass',
        messageId: 'declared',
        data: { pattern, detail: describe(p, pattern) },
        path: ['patterns', pattern],
        evidence,
      };
    });
  },
});

/** One line on what was declared, for the pass message. */
function describe(p: ModelPatterns, pattern: PatternName): string {
  switch (pattern) {
    case 'cqrs':
      return `commands ${p.cqrs!.commands}, queries ${p.cqrs!.queries.join(', ')}`;
    case 'event_sourcing':
      return `event store ${p.eventSourcing!.store}`;
    case 'mesh':
      return `${p.mesh!.services.length} meshed component(s), ${p.mesh!.dataPlane}`;
    case 'bulkhead':
      return `${p.bulkhead!.services.length} service(s) with pools`;
    case 'multi_region':
      return `strategy ${p.multiRegion!.strategy}`;
  }
}
