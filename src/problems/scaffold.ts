// `sdcoach problem new`: scaffolds a complete problem folder to edit: problem.yaml with every field
// commented, a starter, and per stage a reference solution and a flawed fixture, built from a small
// design that fits the main topic. Its text is `TODO:` placeholders and each later stage's solution
// is a copy of the one before, which `problem check` flags until the mentor replaces them.
import { lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, parseDocument, type Document } from 'yaml';
import { ALL_CHECKS } from '../checks/registry.js';
import { PROBLEM_TOPICS } from '../checks/types.js';
import { gradeLoaded } from '../grading/grade.js';
import { buildRubric } from '../grading/rubric.js';
import { loadSpecText } from '../specfile/load.js';
import { schemaPath } from '../specfile/schema-validator.js';
import { PROBLEM_ID } from './problem.js';
import { PLACEHOLDER } from './prove.js';
import { GIVEN_FIGURE_FIELDS } from './given-figures.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

interface Kit {
  /** The shipped example (examples/) the design starts from, unless `text` gives a smaller one. */
  example: string;
  text?: string;
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

// Small starting designs, each fitting its topic; the other kits start from a shipped example.

// One small two-region design (gateway, service, one database with a standby) for the cross-cutting
// topics; each kit's flaw makes it fail the topic's check.
const SMALL = `name: Small service
regions: [us-east, us-west]
users: {us-east: 0.7, us-west: 0.3}
components:
  gateway: {kind: gateway, regions: [us-east, us-west], replicas: 2, threads: 1000}
  api:     {kind: service, regions: [us-east, us-west], replicas: 4, latency_ms: {p50: 10, p99: 40}, threads: 200, capacity_rps: 1000}
  db:      {kind: database, role: write, regions: [us-east], replication: {mode: async, lag_ms: 200},
            failover: {mode: active-passive, standby: us-west, detect_s: 10, promote_s: 30}}
flows:
  get-item:  {kind: read, rate: 2000, path: [gateway, api, db], budget_ms: {p50: 100, p99: 250}}
  save-item: {kind: write, rate: 200, path: [gateway, api, db], budget_ms: {p50: 150, p99: 300}}
requirements: {rto_s: 60, availability: 0.999}
`;

// Two areas of two regions each, with personal data that must stay in its area.
const GEO = `name: Two-continent profiles
regions: [us-east, us-west, eu-west, eu-central]
users: {us-east: 0.5, eu-west: 0.5}
components:
  gateway: {kind: gateway, regions: [us-east, eu-west], replicas: 2, threads: 1000}
  api:     {kind: service, regions: [us-east, eu-west], replicas: 4, latency_ms: {p50: 10, p99: 40}, threads: 200}
  posts-db: {kind: database, regions: [us-east, eu-west], replication: {mode: async, lag_ms: 1000},
             failover: {mode: active-active, conflict: home-region}}
  profiles-us: {kind: database, regions: [us-east, us-west], replication: {mode: async, lag_ms: 500},
                failover: {mode: active-passive, standby: us-west, detect_s: 10, promote_s: 30}}
  profiles-eu: {kind: database, regions: [eu-west, eu-central], replication: {mode: sync},
                failover: {mode: active-passive, standby: eu-central, detect_s: 10, promote_s: 30}}
flows:
  read-posts:        {kind: read, rate: 5000, path: [gateway, api, posts-db], budget_ms: {p50: 60, p99: 150}}
  update-profile-us: {kind: write, rate: 20, origins: [us-east], path: [gateway, api, profiles-us], budget_ms: {p50: 100, p99: 200}}
  update-profile-eu: {kind: write, rate: 20, origins: [eu-west], path: [gateway, api, profiles-eu], budget_ms: {p50: 100, p99: 200}}
workload:
  data:
    us-personal-data: {stores: [profiles-us], residency: [us]}
    eu-personal-data: {stores: [profiles-eu], residency: [eu]}
    public-posts:     {stores: [posts-db]}
requirements: {availability: 0.999, max_staleness_ms: 2000, rto_s: 60}
patterns:
  multi_region: {strategy: data-locality, routing: latency}
`;

// Two services calling each other on a mesh, for mutual TLS.
const MESH = `name: Two services on a mesh
regions: [us-east, us-west]
users: {us-east: 0.7, us-west: 0.3}
components:
  gateway:       {kind: gateway, replicas: 2, latency_ms: {p50: 1, p99: 4}}
  order-service: {kind: service, replicas: 4, latency_ms: {p50: 2, p99: 6}}
  risk-service:  {kind: service, replicas: 4, latency_ms: {p50: 3, p99: 10}}
  orders-db:     {kind: database, role: write, regions: [us-east], replication: {mode: async, lag_ms: 50},
                  failover: {mode: active-passive, standby: us-west, detect_s: 10, promote_s: 30}}
flows:
  place-order: {kind: write, rate: 2000, origins: [us-east], path: [gateway, order-service, risk-service, orders-db], budget_ms: {p50: 25, p99: 60}}
patterns:
  mesh: {services: all, data_plane: ambient, mtls: true, reasons: [mtls, observability]}
`;

// One service with a slow external dependency.
const CHECKOUT = `name: Checkout with a slow payment API
regions: [us-east, us-west]
users: {us-east: 1}
components:
  gateway: {kind: gateway, replicas: 2, threads: 1000}
  web-api:
    kind: service
    replicas: 8
    threads: 200
    pools:
      payment-api: {size: 50, timeout_ms: 1000}
      core: 150
  orders-db: {kind: database, regions: [us-east], replication: {mode: sync},
              failover: {mode: active-passive, standby: us-west, detect_s: 10, promote_s: 30}}
  payment-api: {kind: external, regions: [us-east], latency_ms: {p50: 150, p99: 600}, timeout_ms: 1000}
flows:
  browse:   {kind: read, rate: 4000, path: [gateway, web-api, orders-db], budget_ms: {p50: 50, p99: 150}}
  checkout: {kind: write, rate: 100, path: [gateway, web-api, payment-api, orders-db], budget_ms: {p50: 400, p99: 1500}}
patterns:
  bulkhead: {services: [web-api]}
`;

// A booking service: two requests can race for the same slot, so the write that books it is conditional.
const BOOKING = `name: Small booking service
regions: [us-east, us-west]
users: {us-east: 0.7, us-west: 0.3}
components:
  gateway: {kind: gateway, regions: [us-east, us-west], replicas: 2, threads: 1000}
  api:     {kind: service, regions: [us-east, us-west], replicas: 4, latency_ms: {p50: 10, p99: 40}, threads: 200, capacity_rps: 1000}
  db:      {kind: database, role: write, regions: [us-east], replication: {mode: sync},
            failover: {mode: active-passive, standby: us-west, detect_s: 10, promote_s: 30}}
flows:
  list-slots: {kind: read, rate: 2000, path: [gateway, api, db], budget_ms: {p50: 100, p99: 250}}
  book-slot:
    kind: write
    rate: 200
    invariant: {kind: no-double-booking, protects: db}
    path: [gateway, api, {to: db, concurrency: conditional}]
    budget_ms: {p50: 200, p99: 400}
requirements: {rto_s: 60, availability: 0.999}
`;

// A checkout that charges a card through an external API with a timeout: the pending order and its
// idempotency key are written first, so a retry after a timeout sends the same key.
const CHARGE = `name: Checkout that charges once
regions: [us-east, us-west]
users: {us-east: 1}
components:
  gateway: {kind: gateway, replicas: 2, threads: 1000}
  web-api:
    kind: service
    replicas: 8
    threads: 200
    pools:
      payment-api: {size: 50, timeout_ms: 1000}
      core: 150
  orders-db: {kind: database, regions: [us-east], replication: {mode: sync},
              failover: {mode: active-passive, standby: us-west, detect_s: 10, promote_s: 30}}
  payment-api: {kind: external, regions: [us-east], latency_ms: {p50: 150, p99: 600}, timeout_ms: 1000}
flows:
  browse: {kind: read, rate: 4000, path: [gateway, web-api, orders-db], budget_ms: {p50: 50, p99: 150}}
  checkout:
    kind: write
    rate: 100
    path:
      - gateway
      - web-api
      - {to: orders-db, concurrency: conditional}
      - {to: payment-api, idempotency_key: {store: orders-db}}
      - {to: orders-db, concurrency: conditional}
    budget_ms: {p50: 400, p99: 1500}
patterns:
  bulkhead: {services: [web-api]}
`;

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
    example: 'two-area design',
    text: GEO,
    pattern: 'multi_region',
    scenario: 'A service used in the US and the EU, whose users\' personal data must stay in their own area.',
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
    example: 'checkout design',
    text: CHECKOUT,
    pattern: 'bulkhead',
    scenario: 'A checkout service whose slow external payment API can take every thread of its shared pool.',
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
    example: 'two-service mesh design',
    text: MESH,
    pattern: 'mesh',
    scenario: 'A latency-sensitive order path through two services that need mutual TLS.',
    flaw: {
      describe: 'per-call mesh overhead of an old sidecar release (7 ms), which the budget cannot absorb',
      fails: 'mesh/overhead-within-budget',
      apply: (doc) => doc.setIn(['patterns', 'mesh', 'overhead_ms'], doc.createNode({ p50: 7, p99: 7 }, { flow: true })),
    },
  },
  latency: {
    example: 'small two-region design',
    text: SMALL,
    scenario: 'A small two-region service whose reads must stay within their latency budget from both regions.',
    flaw: {
      // A design flaw, not a slow figure: with givens, a faster figure is not the learner's to state.
      describe: 'a synchronous call to a recommendations service in us-east on every read, which the read budget cannot absorb from us-west',
      fails: 'latency/flow-budget',
      apply: (doc) => {
        doc.setIn(['components', 'recs'], doc.createNode({ kind: 'external', regions: ['us-east'], latency_ms: { p50: 40, p99: 120 } }, { flow: true }));
        doc.setIn(['flows', 'get-item', 'path'], doc.createNode(['gateway', 'api', 'recs', 'db'], { flow: true }));
      },
    },
  },
  availability: {
    example: 'small two-region design',
    text: SMALL,
    scenario: 'A small two-region service whose flows must meet a 99.9 % availability target.',
    flaw: {
      describe: 'the only database has no standby, so its region is a single point of failure',
      fails: 'availability/flow-target',
      apply: (doc) => {
        doc.deleteIn(['components', 'db', 'failover']);
        doc.deleteIn(['components', 'db', 'replication']);
      },
    },
  },
  scalability: {
    example: 'small two-region design',
    text: SMALL,
    scenario: 'A small service whose api tier must hold its peak traffic.',
    flaw: {
      // Replicas are the design's; threads per replica are the machine's (a given), not the learner's to raise.
      describe: 'one overloaded tier: the api runs one replica per region, fewer than its peak needs',
      fails: 'scalability/utilization',
      apply: (doc) => doc.setIn(['components', 'api', 'replicas'], 1),
    },
  },
  consistency: {
    example: 'booking design',
    text: BOOKING,
    scenario: 'A booking service where two customers can press Book on the same slot at the same moment.',
    flaw: {
      describe: 'the booking write is unconditional: two requests that both saw the slot free both book it',
      fails: 'consistency/conditional-write',
      apply: (doc) => doc.deleteIn(['flows', 'book-slot', 'path', 2, 'concurrency']),
    },
  },
  reliability: {
    example: 'charging checkout design',
    text: CHARGE,
    scenario: 'A checkout that charges a card through an external payment API that sometimes times out.',
    flaw: {
      describe: 'the charge has no idempotency key: a retry after a timeout charges the card again',
      fails: 'reliability/idempotent-retries',
      apply: (doc) => doc.deleteIn(['flows', 'checkout', 'path', 3, 'idempotency_key']),
    },
  },
};

/** `problem new --topic` accepts exactly the topics a problem may name. */
export const SCAFFOLD_TOPICS = Object.keys(PROBLEM_TOPICS);

export interface ScaffoldOptions {
  id: string;
  catalog: string;
  topics: string[];
  stages: number;
}

export type ScaffoldResult = { ok: true; dir: string; files: string[] } | { ok: false; error: string };

function topicChecks(topic: string): string[] {
  const topics = new Set(PROBLEM_TOPICS[topic] ?? []);
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

/** Whether anything is at a path, a dangling symbolic link included (existsSync follows links). */
function present(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

const FS_ERRORS: Record<string, string> = {
  ENOTDIR: 'a file stands where a folder is needed',
  EEXIST: 'already exists; not touching it',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'a folder on the way does not exist',
  ELOOP: 'too many symbolic links',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
};

/**
 * `problem new`: writes a new problem folder, and the catalog's copy of the schemas where it has none. Never writes
 * through a symbolic link or over a file that is there (a shared catalog's schemas/spec.schema.json linked to a
 * user's ~/.bashrc was overwritten: review attack); a file-system refusal is an error at its path, not a crash.
 */
export function scaffoldProblem(opts: ScaffoldOptions): ScaffoldResult {
  try {
    return scaffold(opts);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (typeof e.code === 'string' && typeof e.path === 'string')
      return { ok: false, error: `${relative(process.cwd(), e.path) || e.path}: ${FS_ERRORS[e.code] ?? e.code}` };
    throw err;
  }
}

function scaffold(opts: ScaffoldOptions): ScaffoldResult {
  if (!PROBLEM_ID.test(opts.id)) return { ok: false, error: `"${opts.id}" is not a valid problem id: lowercase letters, digits and '-', 2-64 characters, starting with a letter or digit` };
  const unknown = opts.topics.filter((t) => !KITS[t]);
  if (unknown.length) return { ok: false, error: `unknown topic ${unknown.map((t) => `"${t}"`).join(', ')}: choose from ${SCAFFOLD_TOPICS.join(', ')}` };
  if (!Number.isInteger(opts.stages) || opts.stages < 1 || opts.stages > 6) return { ok: false, error: '--stages must be a whole number from 1 to 6' };
  const dir = resolve(opts.catalog, opts.id);
  if (present(dir)) return { ok: false, error: `${relative(process.cwd(), dir) || dir} already exists; not touching it` };
  // The catalog's schemas are written where none are: never through a link, never over a file that is there.
  const schemaDir = join(resolve(opts.catalog), 'schemas');
  if (present(schemaDir) && lstatSync(schemaDir).isSymbolicLink())
    return { ok: false, error: `${relative(process.cwd(), schemaDir) || schemaDir} is a symbolic link; not writing through it` };
  for (const name of ['spec', 'problem', 'rubric']) {
    const f = join(schemaDir, `${name}.schema.json`);
    if (present(f) && !lstatSync(f).isFile())
      return { ok: false, error: `${relative(process.cwd(), f) || f} is not a plain file (a link?); not writing through it` };
  }

  const main = KITS[opts.topics[0]!]!;
  const base = main.text ?? readFileSync(join(EXAMPLES, main.example), 'utf8');
  const solutionDoc = () => parseDocument(base);

  // The rubric: the main topic's checks, plus other topics' checks that hold on the starting design.
  const candidates = [...new Set(opts.topics.flatMap(topicChecks).concat('latency/flow-budget'))];
  const solved = loadSpecText(main.example, base);
  if (!solved.ok) return { ok: false, error: `the starting design (${main.example}) does not load` };
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
  // The catalog carries its own copy of the schemas, so the `$schema` lines keep working once the
  // catalog is shared or moved away from this clone.
  // A copy already there (an earlier problem's, or the mentor's own) is kept as it is.
  mkdirSync(schemaDir, { recursive: true });
  for (const name of ['spec', 'problem', 'rubric'] as const) {
    const f = join(schemaDir, `${name}.schema.json`);
    if (!present(f)) writeFileSync(f, readFileSync(schemaPath(name), 'utf8'), { flag: 'wx' });
  }
  const ref = (sub: string) => relative(join(dir, sub), join(schemaDir, 'spec.schema.json'));

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
        `  - title: ${quote(`${PLACEHOLDER} stage ${n} title`)}`,
        '    # What the interviewer says: the situation, the numbers, and what the design must achieve.',
        '    prompt: |',
        `      ${PLACEHOLDER} ${n === 1 ? `the interviewer's opening question. The starting design: ${main.scenario}` : `follow-up ${n - 1}, the interviewer's next question, and make solutions/stage-${n}.yaml answer it (it is a copy of stage ${n - 1}'s).`}`,
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
        `      - ${quote(`${PLACEHOLDER} a nudge, e.g. which number in the grade output is furthest from its target?`)}`,
        `      - ${quote(`${PLACEHOLDER} the concept behind ${main.flaw.fails} (sdcoach explain ${main.flaw.fails}).`)}`,
        `      - ${quote(`${PLACEHOLDER} a near-answer that names the fields, without writing the spec for the learner.`)}`,
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
    `# yaml-language-server: $schema=${relative(dir, join(schemaDir, 'problem.schema.json'))}`,
    `# ${opts.id}: scaffolded by sdcoach problem new. Replace every ${PLACEHOLDER} and write each stage's`,
    '# solution, then prove it from the catalog folder (the one holding this folder):',
    `#   sdcoach problem check ${opts.id}`,
    '',
    '# Lowercase letters, digits and -; must match the folder name.',
    `id: ${opts.id}`,
    '# One line a learner sees in `sdcoach list`.',
    `title: ${quote(`${PLACEHOLDER} one line for ${opts.id}`)}`,
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
    `    ${PLACEHOLDER} who the users are and what the system does. The starting design: ${main.scenario}`,
    '  # Where the users are.',
    `  users: ${quote(`${PLACEHOLDER} the regions and each one's share of traffic`)}`,
    '  # The figures a candidate works from: rates, sizes, per-component latencies, targets.',
    '  numbers:',
    `    - {label: Peak rate, value: ${quote(`${PLACEHOLDER} state it`)}}`,
    `    - {label: Latency budget, value: ${quote(`${PLACEHOLDER} state it`)}}`,
    ...givensLines(solved.loaded.model.users, solutionDoc().toJS() as SpecLike, starter.toJS() as SpecLike),
    '# The naive design learners start from (it must fail stage 1).',
    'starter: starter.yaml',
    'stages:',
    ...stageBlocks,
  ].join('\n');
  write('problem.yaml', problemText);
  return { ok: true, dir, files: files.sort() };
}

type SpecLike = { components?: Record<string, Record<string, unknown>> };


/** A YAML flow value of plain numbers, strings and maps. */
function flowYaml(v: unknown): string {
  if (v && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${k}: ${flowYaml(x)}`).join(', ')}}`;
  return String(v);
}

/**
 * The scaffold's givens: where the users are, and each component of the starting design with its kind and the figures the
 * design states, but for a figure the starter's flaw changes (that one is the learner's to fix). A problem with givens
 * holds a spec to them and an added component to the best of its kind (docs/authoring.md, "Givens").
 */
function givensLines(users: Record<string, number>, solution: SpecLike, starter: SpecLike): string[] {
  const lines = [
    '# The scenario\'s figures: when a spec is graded against this problem, these are the numbers used,',
    '# whatever the spec claims (docs/authoring.md, "Givens"). Write each figure your prompt states here.',
    'givens:',
    '  # Where the users are is a fact of the traffic: a spec that moves them is graded with these shares.',
    '  # Give a stage its own `givens: {users: ...}` from the stage where they move.',
    `  users: ${flowYaml(Object.fromEntries(Object.entries(users).map(([r, s]) => [r, Number(s.toFixed(4))])))}`,
    '  # Every component by id: its kind, then the figures of the machine it runs on.',
    '  components:',
  ];
  // A component only the flawed starter has (a far-away dependency) is a fact of the scenario too.
  const ids = [...new Set([...Object.keys(solution.components ?? {}), ...Object.keys(starter.components ?? {})])];
  for (const id of ids) {
    const c = solution.components?.[id];
    const flawed = starter.components?.[id];
    const entry: Record<string, unknown> = { kind: (c ?? flawed)!.kind };
    for (const f of GIVEN_FIGURE_FIELDS) {
      if (!c) {
        if (flawed![f] !== undefined) entry[f] = flawed![f];
      } else if (c[f] !== undefined && JSON.stringify(flawed?.[f]) === JSON.stringify(c[f])) entry[f] = c[f];
    }
    lines.push(`    ${id}: ${flowYaml(entry)}`);
  }
  return lines;
}
