import patternDeclared from '../../../src/checks/design/pattern-declared.js';
import { testCheck } from '../tester.js';

testCheck(patternDeclared, {
  valid: [
    { spec: 'design/cqrs-declared.yaml', options: { pattern: 'cqrs' } },
    { spec: 'design/cqrs-declared.yaml', name: 'no pattern asked: does not apply', applies: false },
    { spec: 'design/multi-region.yaml', options: { pattern: 'multi_region' } },
  ],
  invalid: [
    {
      spec: 'design/cqrs-declared.yaml',
      name: 'cqrs declared where event sourcing is asked',
      options: { pattern: 'event_sourcing' },
      // path ['patterns'] points at the patterns map, whose first entry is on line 8
      findings: [{ status: 'fail', messageId: 'missing', line: 8, data: { pattern: 'event_sourcing', declared: 'cqrs' } }],
    },
    {
      spec: 'design/no-patterns.yaml',
      name: 'no patterns key at all falls back to the top of the spec',
      options: { pattern: 'event_sourcing' },
      findings: [{ status: 'fail', messageId: 'missing', line: 2, data: { declared: 'nothing' } }],
    },
    {
      spec: 'design/single-region.yaml',
      options: { pattern: 'multi_region' },
      findings: [{ status: 'fail', messageId: 'singleRegion', line: 8, data: { regions: 2 } }],
    },
  ],
});
