// `sdcoach problem new`: scaffolds a complete problem folder that passes `problem check` as created:
// problem.yaml with every field commented, a starter, and per stage a reference solution and a
// flawed fixture, built from the shipped example design of the main topic.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, parseDocument, type Document } from 'yaml';
import { ALL_CHECKS } from '../checks/registry.js';
import { SEED_TOPICS } from '../checks/types.js';
import { gradeLoaded } from '../grading/grade.js';
import { buildRubric } from '../grading/rubric.js';
import { loadSpecText } from '../spec/load.js';
import { schemaPath } from '../spec/schema-validator.js';
import { PROBLEM_ID } from './problem.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

interface Kit {
  example: string;
  pattern?: 'cqrs' | 'event_sourcing' | 'mesh' | 'bulkhead' | 'multi_region';
  /** The flaw a fixture (and the starter) carries, and the check it must fail. */
  flaw: { describe: string; fails: string; apply(doc: Document): void };
  scenario: string;
}

function firstKey(doc: Document, path: string[], pred: (node: unknown) => boolean): string | undefined {
  const map = doc.getIn(path, true);
  if (!isMap(map)) return undefined;
  for (const pair of map.items) if (pred(pair.value)) return String((pair.key as { value: unknown }).value);
  return undefined;
}

const KITS: Record<string, Kit> = {
  cqrs: {
    example: 'orders-cqrs.yaml',
    pattern: 'cqrs',
    scenario: 'An order service whose order-summary reads far outnumber the orders written.',
    flaw: {
      describe: 'declares CQRS but serves queries from the command store',
      fails: 'cqrs/separate-stores',
      apply: (doc) => doc.setIn(['patterns', 'cqrs', 'queries'], doc.getIn(['patterns', 'cqrs', 'commands'])),
    },
  },
  'event-sourcing': {
    example: 'event-sourced-ledger.yaml',
    pattern: 'event_sourcing',
    scenario: 'An account ledger where every change is an event and balances are a projection.',
    flaw: {
      describe: 'long event histories and no snapshots, so loading an aggregate replays them all',
      fails: 'event-sourcing/snapshots',
      apply: (doc) => {
        doc.deleteIn(['patterns', 'event_sourcing', 'snapshot_every']);
        doc.setIn(['patterns', 'event_sourcing', 'max_events_per_aggregate'], 50000);
      },
    },
  },
  'geo-distribution': {
    example: 'global-feed.yaml',
    pattern: 'multi_region',
    scenario: 'A social feed served to users on several continents, with personal data that must stay in its area.',
    flaw: {
      describe: 'copies data with a residency rule into every region',
      fails: 'geo/residency',
      apply: (doc) => {
        const cls = firstKey(doc, ['workload', 'data'], (v) => isMap(v) && v.has('residency'));
        const store = cls ? (doc.getIn(['workload', 'data', cls, 'stores', 0]) as string) : undefined;
        if (store) {
          doc.setIn(['components', store, 'regions'], doc.createNode((doc.toJS() as { regions: string[] }).regions, { flow: true }));
          doc.deleteIn(['components', store, 'failover']);
        }
      },
    },
  },
  'active-active-vs-passive': {
    example: 'payments-failover.yaml',
    scenario: 'A payments platform that must survive the loss of a region, with stores written in one region and in several.',
    flaw: {
      describe: 'an active-active store with no conflict strategy',
      fails: 'failover/conflict-strategy',
      apply: (doc) => {
        const stateful = new Set(['database', 'event-store', 'cache', 'search', 'object-store', 'queue', 'stream']);
        const id = firstKey(doc, ['components'], (v) => isMap(v) && stateful.has(v.get('kind') as string) && (v.getIn(['failover', 'mode']) as string) === 'active-active');
        if (id) doc.setIn(['components', id, 'failover', 'conflict'], 'none');
      },
    },
  },
  bulkhead: {
    example: 'checkout-bulkhead.yaml',
    pattern: 'bulkhead',
    scenario: 'A checkout whose slow payment API can take every thread of the shared pool.',
    flaw: {
      describe: 'one shared pool: the slow dependency has no pool of its own',
      fails: 'bulkhead/isolated-pools',
      apply: (doc) => {
        const id = firstKey(doc, ['components'], (v) => isMap(v) && v.has('pools'));
        if (id) doc.deleteIn(['components', id, 'pools']);
      },
    },
  },
  'service-mesh': {
    example: 'mesh-trading.yaml',
    pattern: 'mesh',
    scenario: 'A latency-sensitive order path between several services that need mutual TLS.',
    flaw: {
      describe: 'per-call mesh overhead of an old sidecar release (7 ms), which the budget cannot absorb',
      fails: 'mesh/overhead-within-budget',
      apply: (doc) => doc.setIn(['patterns', 'mesh', 'overhead_ms'], doc.createNode({ p50: 7, p99: 7 }, { flow: true })),
    },
  },
};

export const SCAFFOLD_TOPICS = Object.keys(KITS);

export interface ScaffoldOptions {
  id: string;
  catalog: string;
  topics: string[];
  stages: number;
}

export type ScaffoldResult = { ok: true; dir: string; files: string[] } | { ok: false; error: string };

function topicChecks(topic: string): string[] {
  const topics = new Set(SEED_TOPICS[topic] ?? []);
  return ALL_CHECKS.filter((c) => topics.has(c.meta.topic)).map((c) => c.meta.id);
}

function specText(doc: Document, header: string[], id: string, stage: number, schemaRef: string): string {
  doc.commentBefore = null;
  if (isMap(doc.contents)) {
    doc.contents.commentBefore = null;
    // A file's opening comment (the example's own story) hangs on its first key.
    const first = doc.contents.items[0];
    if (first && first.key && typeof first.key === 'object') (first.key as { commentBefore?: string | null }).commentBefore = null;
  }
  doc.delete('$schema');
  doc.set('problem', id);
  doc.set('stage', stage);
  // problem: and stage: first, where a reader looks for them.
  if (isMap(doc.contents)) {
    const items = doc.contents.items;
    const keyOf = (p: (typeof items)[number]) => String(isScalar(p.key) ? p.key.value : p.key);
    const front = ['problem', 'stage'].map((k) => items.find((p) => keyOf(p) === k)).filter((p): p is (typeof items)[number] => p !== undefined);
    doc.contents.items = [...front, ...items.filter((p) => !front.includes(p))];
  }
  return [`# yaml-language-server: $schema=${schemaRef}`, ...header.map((h) => `# ${h}`), doc.toString({ lineWidth: 0 })].join('\n');
}

function quote(s: string): string {
  return JSON.stringify(s);
}

export function scaffoldProblem(opts: ScaffoldOptions): ScaffoldResult {
  if (!PROBLEM_ID.test(opts.id)) return { ok: false, error: `"${opts.id}" is not a valid problem id: lowercase letters, digits and '-', 2-64 characters, starting with a letter or digit` };
  const unknown = opts.topics.filter((t) => !KITS[t]);
  if (unknown.length) return { ok: false, error: `unknown topic ${unknown.map((t) => `"${t}"`).join(', ')}: choose from ${SCAFFOLD_TOPICS.join(', ')}` };
  if (!Number.isInteger(opts.stages) || opts.stages < 1 || opts.stages > 6) return { ok: false, error: '--stages must be a whole number from 1 to 6' };
  const dir = resolve(opts.catalog, opts.id);
  if (existsSync(dir)) return { ok: false, error: `${relative(process.cwd(), dir) || dir} already exists; not touching it` };

  const main = KITS[opts.topics[0]!]!;
  const base = readFileSync(join(EXAMPLES, main.example), 'utf8');
  const solutionDoc = () => parseDocument(base);

  // The rubric: the main topic's checks, plus other topics' checks that hold on the starting design.
  const candidates = [...new Set(opts.topics.flatMap(topicChecks).concat('latency/flow-budget'))];
  const solved = loadSpecText(main.example, base);
  if (!solved.ok) return { ok: false, error: `the shipped example ${main.example} does not load` };
  const probe = buildRubric('scaffold', { checks: Object.fromEntries(candidates.map((c) => [c, true])) }, undefined, []);
  if (!probe.ok) return { ok: false, error: probe.diagnostics.map((d) => d.message).join('; ') };
  const report = gradeLoaded(solved.loaded, probe.rubric);
  const status = new Map(report.checks.map((c) => [c.id, c.status]));
  // Checks that do not apply yet stay in: they start grading when the design grows into them.
  const kept = candidates.filter((c) => status.get(c) === 'pass' || status.get(c) === 'n/a');
  const left = candidates.filter((c) => !kept.includes(c));
  if (!kept.includes(main.flaw.fails)) kept.push(main.flaw.fails);

  mkdirSync(join(dir, 'solutions'), { recursive: true });
  mkdirSync(join(dir, 'fixtures'), { recursive: true });
  const files: string[] = [];
  const write = (rel: string, text: string) => {
    writeFileSync(join(dir, rel), text.endsWith('\n') ? text : `${text}\n`, { flag: 'wx' });
    files.push(rel);
  };
  const ref = (sub: string) => relative(join(dir, sub), schemaPath('spec'));

  const starter = solutionDoc();
  main.flaw.apply(starter);
  write('starter.yaml', specText(starter, [`Starter for ${opts.id}: a first design with a known flaw (${main.flaw.describe}).`, 'Learners begin here; it must fail stage 1.'], opts.id, 1, ref('.')));

  const stageBlocks: string[] = [];
  for (let n = 1; n <= opts.stages; n++) {
    write(`solutions/stage-${n}.yaml`, specText(solutionDoc(), [`Reference solution for ${opts.id}, stage ${n}. Learners never see it before passing.`], opts.id, n, ref('solutions')));
    const flawed = solutionDoc();
    main.flaw.apply(flawed);
    write(`fixtures/stage-${n}-flawed.yaml`, specText(flawed, [`Flawed: ${main.flaw.describe}.`], opts.id, n, ref('fixtures')));
    const checks = (n === 1 ? kept : [main.flaw.fails]).map((c) => {
      const must = c === main.flaw.fails || c === 'design/pattern-declared';
      const options = c === 'design/pattern-declared' && main.pattern ? `, options: {pattern: ${main.pattern}}` : '';
      return `        ${c}: {weight: ${must ? 2 : 1}${must ? ', must_pass: true' : ''}${options}}`;
    });
    if (n === 1 && main.pattern && !kept.includes('design/pattern-declared')) checks.unshift(`        design/pattern-declared: {weight: 1, must_pass: true, options: {pattern: ${main.pattern}}}`);
    stageBlocks.push(
      [
        `  - title: Stage ${n} of ${opts.topics[0]}`,
        '    # What the interviewer says: the situation, the numbers, and what the design must achieve.',
        '    prompt: |',
        `      ${n === 1 ? `Here is the system today. ${main.scenario} Design it so that it holds up.` : `Follow-up ${n - 1}: push the design further. Replace this with the interviewer's next question.`}`,
        '      State every number a candidate needs: rates, latencies per component, budgets, targets.',
        '    # The rubric: checks (sdcoach explain lists them) with weight, must_pass and options,',
        '    # and assertions over the metrics (sdcoach metrics <spec> shows what you can use).',
        '    # Must-pass checks of earlier stages carry over to later ones automatically.',
        '    rubric:',
        '      pass_mark: 80',
        '      checks:',
        ...checks,
        ...(n === 1 && left.length ? [`      # Left out because the starting design does not pass them yet: ${left.join(', ')}.`] : []),
        '      assertions:',
        `        - id: stage-${n}-flows`,
        '          title: the design has at least one flow',
        '          expr: size(flows) > 0',
        '          message: describe at least one request flow with its path and budget',
        '          weight: 1',
        '    # Progressive hints: a nudge, then the concept, then a near-answer that still leaves the writing to the learner.',
        '    hints:',
        `      - ${quote('Which number in the grade output is furthest from its target?')}`,
        `      - ${quote(`Explain the concept behind ${main.flaw.fails} (sdcoach explain ${main.flaw.fails}).`)}`,
        `      - ${quote('Describe the change without writing the spec for the learner.')}`,
        `    solution: solutions/stage-${n}.yaml`,
        '    # Flawed designs and the checks each must fail: the proof that the rubric catches them.',
        '    fixtures:',
        `      - file: fixtures/stage-${n}-flawed.yaml`,
        `        description: ${quote(main.flaw.describe)}`,
        `        fails: [${main.flaw.fails}]`,
      ].join('\n'),
    );
  }

  const problemText = [
    `# yaml-language-server: $schema=${relative(dir, schemaPath('problem'))}`,
    `# ${opts.id}: scaffolded by sdcoach problem new. Edit the text and numbers, then prove it with:`,
    `#   sdcoach problem check ${relative(process.cwd(), dir) || '.'}`,
    '',
    '# Lowercase letters, digits and -; must match the folder name.',
    `id: ${opts.id}`,
    '# One line a learner sees in `sdcoach list`.',
    `title: ${quote(`${opts.id.replace(/-/g, ' ')}`)}`,
    '# warm-up, interview or staff.',
    'difficulty: interview',
    '# The first topic is the main one.',
    `topics: [${opts.topics.join(', ')}]`,
    '# Estimated minutes for all stages.',
    'minutes: 45',
    "# Which round-trip figures the numbers assume: measured (Azure P50 table) or course (coarse figures).",
    'figures: measured',
    'scenario:',
    '  # Who the users are and what the system does.',
    '  summary: |',
    `    ${main.scenario}`,
    '  # Where the users are.',
    '  users: Name the regions and each one\'s share of traffic.',
    '  # The figures a candidate works from: rates, sizes, per-component latencies, targets.',
    '  numbers:',
    '    - {label: Peak rate, value: "state it"}',
    '    - {label: Latency budget, value: "state it"}',
    '# The naive design learners start from (it must fail stage 1).',
    'starter: starter.yaml',
    'stages:',
    ...stageBlocks,
  ].join('\n');
  write('problem.yaml', problemText);
  return { ok: true, dir, files: files.sort() };
}
