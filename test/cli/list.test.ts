// `sdcoach list`: the catalog grouped by difficulty and main topic with counts, `--topic` over every
// topic a problem may name (a prefix, any case, "did you mean" for a typo), JSON kept compatible.
import { describe, expect, it } from 'vitest';
import { PROBLEM_TOPICS, SEED_TOPICS } from '../../src/checks/types.js';
import { resolveTopic, summarizeCatalog, topicVocabulary, type ListedProblem } from '../../src/problems/catalog-summary.js';
import { renderCatalogList } from '../../src/cli/list.js';
import { sdcoach } from './run-cli.js';

const p = (
  id: string,
  difficulty: ListedProblem['difficulty'],
  topics: string[],
  stages = 4,
  title = `The ${id} problem`,
): ListedProblem => ({
  id,
  title,
  difficulty,
  topics,
  stages: Array.from({ length: stages }),
});

const CATALOG = [
  p('b-feed', 'interview', ['geo-distribution', 'latency', 'scalability']),
  p('a-ledger', 'interview', ['event-sourcing', 'cqrs', 'latency']),
  p('c-orders', 'interview', ['cqrs', 'latency'], 5),
  p('d-sale', 'staff', ['bulkhead', 'consistency', 'scalability']),
  p('e-short', 'warm-up', ['geo-distribution', 'latency']),
  p('f-history', 'interview', ['cqrs', 'scalability']),
];

describe('summarizeCatalog', () => {
  const groups = summarizeCatalog(CATALOG);

  it('groups by difficulty in the order warm-up, interview, staff, each with its count', () => {
    expect(groups.map((g) => [g.difficulty, g.count])).toEqual([
      ['warm-up', 1],
      ['interview', 4],
      ['staff', 1],
    ]);
  });

  it('counts per topic the problems whose MAIN topic it is and those that name it at all', () => {
    const interview = groups[1]!;
    const row = (t: string) => interview.topics.find((x) => x.topic === t)!;
    // cqrs: main of c-orders and f-history (2); named also by a-ledger -> 3 in all.
    expect([row('cqrs').main.map((x) => x.id), row('cqrs').touching]).toEqual([['c-orders', 'f-history'], 3]);
    // latency: first in none; named by b-feed, a-ledger, c-orders -> 0 main, 3 in all.
    expect([row('latency').main.length, row('latency').touching]).toEqual([0, 3]);
    // scalability: b-feed and f-history name it -> 2.
    expect(row('scalability').touching).toBe(2);
    // Main topics first (most problems first), then topics only touched (most first).
    expect(interview.topics.map((t) => t.topic)).toEqual(['cqrs', 'event-sourcing', 'geo-distribution', 'latency', 'scalability']);
  });

  it('lists every problem exactly once, under its main topic', () => {
    const listed = groups.flatMap((g) => g.topics.flatMap((t) => t.main.map((x) => x.id)));
    expect(listed.sort()).toEqual(CATALOG.map((x) => x.id).sort());
  });

  it('leaves out a difficulty with no problem', () => {
    expect(summarizeCatalog(CATALOG.filter((x) => x.difficulty !== 'warm-up')).map((g) => g.difficulty)).toEqual(['interview', 'staff']);
  });
});

describe('resolveTopic', () => {
  const vocabulary = topicVocabulary(CATALOG);

  it('knows every topic a problem may name, used or not', () => {
    for (const t of Object.keys(PROBLEM_TOPICS)) expect(vocabulary, t).toContain(t);
    expect(vocabulary).toContain('reliability'); // no problem above names it
  });

  it('takes any case, spaces or underscores for dashes, and a prefix', () => {
    expect(resolveTopic('Event Sourcing', vocabulary)).toEqual({ ok: true, topics: ['event-sourcing'] });
    expect(resolveTopic('service_mesh', vocabulary)).toEqual({ ok: true, topics: ['service-mesh'] });
    expect(resolveTopic('geo', vocabulary)).toEqual({ ok: true, topics: ['geo-distribution'] });
    // "a" starts two topics: both are meant.
    expect(resolveTopic('a', vocabulary)).toEqual({ ok: true, topics: ['active-active-vs-passive', 'availability'] });
  });

  it('suggests the nearest for a typo, or a topic that contains the word', () => {
    const cases: [string, string | undefined][] = [
      ['bulkhed', 'bulkhead'], // one letter dropped
      ['latnecy', 'latency'], // two letters swapped: distance 2 of 7
      ['avalability', 'availability'],
      ['consistancy', 'consistency'],
      ['mesh', 'service-mesh'], // contained
      ['passive', 'active-active-vs-passive'],
      ['geo-distibutoin', 'geo-distribution'], // a few letters off, within a third of 16 (5)
      ['cqsr', 'cqrs'], // two neighbours swapped in a short word: one change of 4
      ['kubernetes', undefined], // nothing near
    ];
    for (const [q, want] of cases) expect(resolveTopic(q, vocabulary), q).toEqual({ ok: false, suggestion: want });
  });
});

describe('renderCatalogList', () => {
  const groups = summarizeCatalog(CATALOG);

  it('at 120 columns: a heading per difficulty, a summary line per topic, one line per problem', () => {
    const lines = renderCatalogList(groups, { width: 120 });
    expect(lines.slice(0, 4)).toEqual([
      'warm-up: 1 problem',
      '  geo-distribution  1 problem',
      '    e-short    The e-short problem    4 stages',
      '  also touched on: latency in 1',
    ]);
    expect(lines).toContain('interview: 4 problems');
    // cqrs: first of c-orders and f-history; a-ledger (listed under its own main topic) names it too.
    expect(lines).toContain('  cqrs              2 problems, and 1 more touches on it');
    expect(lines).toContain('    c-orders   The c-orders problem   5 stages');
    // latency is first of no problem: no heading, a count on the last line of the group.
    expect(lines.some((l) => l.startsWith('  latency'))).toBe(false);
    expect(lines.some((l) => l.startsWith('  also touched on: ') && l.includes('latency in 3'))).toBe(true);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(120);
  });

  it('at 70 columns a line that would not fit puts the title under the id, cut with an ellipsis', () => {
    const long = [p('x-long', 'staff', ['bulkhead'], 3, 'A very long title that goes on and on past seventy columns of terminal')];
    const lines = renderCatalogList(summarizeCatalog(long), { width: 70 });
    // 4 + 6 + 2 + 72 + 2 + 8 = 94 > 70: two lines; the title is cut to 70 - 6 = 64 characters.
    expect(lines).toEqual([
      'staff: 1 problem',
      '  bulkhead  1 problem',
      '    x-long  3 stages',
      `      ${'A very long title that goes on and on past seventy columns of t'}…`,
    ]);
    expect(lines[3]!.length).toBe(70);
  });

  it('adds the progress cell, and with --topic gives only-touched topics a line only when asked for', () => {
    const lines = renderCatalogList(groups, {
      width: 120,
      progressCell: (x) => (x.id === 'c-orders' ? '◐ 1/5' : ''),
      onlyTopics: ['cqrs'],
    });
    expect(lines).toContain('    c-orders   The c-orders problem   5 stages   ◐ 1/5');
    expect(lines).toContain('    f-history  The f-history problem  4 stages');
    expect(lines.some((l) => l.includes('latency'))).toBe(false);
  });

  it('wraps the also-touched line to the width, continuation under the first topic', () => {
    const many = [p('x-one', 'staff', ['bulkhead', 'latency', 'scalability', 'availability', 'consistency', 'reliability'], 3)];
    const lines = renderCatalogList(summarizeCatalog(many), { width: 40 });
    // '  also touched on: ' is 19 wide; 19 + 'availability in 1,' (18) = 37 fits 40, + ' consistency in 1,' does not.
    expect(lines.slice(3)).toEqual([
      '  also touched on: availability in 1,',
      '                   consistency in 1,',
      '                   latency in 1,',
      '                   reliability in 1,',
      '                   scalability in 1',
    ]);
  });
});

describe('sdcoach list', () => {
  const env = { COLUMNS: '120' };
  const json = JSON.parse(sdcoach(['list', '--json'], { env }).stdout) as Record<string, unknown>[];

  it('--json keeps its fields and adds mainTopic, the first of topics', () => {
    expect(json.length).toBeGreaterThanOrEqual(13);
    for (const x of json) {
      expect(Object.keys(x).slice(0, 6)).toEqual(['id', 'title', 'topics', 'mainTopic', 'difficulty', 'stages']);
      expect(x.mainTopic).toBe((x.topics as string[])[0]);
    }
  });

  it('prints every problem once under its difficulty, with the counts the JSON gives', () => {
    const r = sdcoach(['list'], { env });
    expect(r.status).toBe(0);
    for (const d of ['warm-up', 'interview', 'staff']) {
      const n = json.filter((x) => x.difficulty === d).length;
      expect(r.stdout).toContain(`${d}: ${n} problem${n === 1 ? '' : 's'}\n`);
    }
    for (const x of json) expect(r.stdout.match(new RegExp(`^ {4}${x.id as string} `, 'gm')), x.id as string).toHaveLength(1);
    expect(r.stdout).toMatch(new RegExp(`^${json.length} problems: \\d+ warm-up, \\d+ interview, \\d+ staff\\.$`, 'm'));
  });

  it('fits 70 columns', () => {
    const r = sdcoach(['list'], { env: { COLUMNS: '70' } });
    for (const l of r.stdout.split('\n')) expect([...l].length, l).toBeLessThanOrEqual(70);
  });

  it.each([...Object.keys(SEED_TOPICS), ...Object.keys(PROBLEM_TOPICS).filter((t) => !(t in SEED_TOPICS))])(
    '--topic %s is accepted',
    (topic) => {
      const r = sdcoach(['list', '--topic', topic], { env });
      expect(r.status, r.stderr).toBe(0);
      const n = json.filter((x) => (x.topics as string[]).includes(topic)).length;
      expect(r.stdout).toMatch(new RegExp(`^${n} problems? \\(of ${json.length}\\)`, 'm'));
    },
  );

  it('a typo is exit 2 with the nearest topic', () => {
    const r = sdcoach(['list', '--topic', 'bulkhed'], { env });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^sdcoach: unknown topic "bulkhed"; did you mean "bulkhead"\?\nTopics: active-active-vs-passive, .*service-mesh\n$/,
    );
    const far = sdcoach(['list', '--topic', 'kubernetes'], { env });
    expect(far.status).toBe(2);
    expect(far.stderr).toMatch(/^sdcoach: unknown topic "kubernetes"\.\nTopics: /);
  });
});
