// The command line's messages as a newcomer meets them (issue 17): one error style, usage on a
// missing argument, topics whatever their case, every schema, a stage out of range blamed on the
// command line, assertions that name the missing key, examples in `problem --help`, and --ascii
// saying between which regions a round trip runs.
import { describe, expect, it } from 'vitest';
import { assertionContext, compileAssertion, evaluateAssertion } from '../../src/grading/assertions.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectNoStackTrace, ROOT, sdcoach } from './run-cli.js';

describe('one error style', () => {
  it('every usage error starts with "sdcoach: ", commander\'s included', () => {
    for (const args of [
      ['schema', 'nope'],
      ['list', '--difficulty', 'x'],
      ['grade'],
      ['grade', '--bogus', 'x.yaml'],
      ['metrics', 'examples/orders-cqrs.yaml', '--format', 'xml'],
    ]) {
      const r = sdcoach(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^sdcoach: /);
      expect(r.stderr, args.join(' ')).not.toMatch(/^error:/m);
      expectNoStackTrace(r.all);
    }
  });

  it('grade with no arguments prints its usage', () => {
    const r = sdcoach(['grade']);
    // The tests start the CLI as `node bin/sdcoach.js`, so the usage names it that way (a command that works as invoked).
    expect(r.stderr).toBe(
      "sdcoach: missing required argument 'specs'\nusage: node bin/sdcoach.js grade [options] <specs...>\n(node bin/sdcoach.js grade --help shows every option, with examples)\n",
    );
  });
});

describe('list --topic', () => {
  it('ignores case and takes a prefix', () => {
    const upper = sdcoach(['list', '--topic', 'CQRS']);
    const prefix = sdcoach(['list', '--topic', 'cqr']);
    expect(upper.status).toBe(0);
    for (const r of [upper, prefix]) {
      expect(r.stdout).toContain('order-history');
      expect(r.stdout).toMatch(/^\d+ problems \(of \d+; topic cqrs\)/m);
      expect(r.stdout).not.toMatch(/^0 problems/m);
    }
  });

  it('a topic that is none is an error with the topics there are', () => {
    const r = sdcoach(['list', '--topic', 'scalabilty']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^sdcoach: unknown topic "scalabilty"; did you mean "scalability"\?\nTopics: .*cqrs.*scalability/);
  });
});

describe('schemas and stages', () => {
  it('schema rubric and schema problem print their schemas', () => {
    for (const name of ['rubric', 'problem']) {
      const r = sdcoach(['schema', name]);
      expect(r.status, name).toBe(0);
      expect(JSON.parse(r.stdout).$schema).toContain('json-schema.org');
      expect(sdcoach(['schema', name, '--path']).stdout.trim()).toMatch(new RegExp(`schemas/${name}\\.schema\\.json$`));
    }
  });

  it('grade --stage 9 blames the command line, not the problem file', () => {
    const r = sdcoach(['grade', 'problems/order-history/solutions/stage-1.yaml', '--stage', '9']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('sdcoach: stage 9: problem "order-history" has stages 1-5');
    expect(r.stderr).not.toContain('problem.yaml');
  });

  it('problem --help has examples', () => {
    const r = sdcoach(['problem', '--help']);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('$ node bin/sdcoach.js problem new black-friday --dir my-problems --topic scalability');
    expect(r.stdout).toContain('$ node bin/sdcoach.js problem check my-problems/black-friday');
  });
});

describe('assertions naming a key that is not there', () => {
  const ctx = assertionContext({ flows: { 'read-feed': { worst: { p99: 3 } }, 'get-profile': { worst: { p99: 5 } } } } as never);
  const run = (expr: string) => {
    const c = compileAssertion(expr);
    if (!c.ok) throw new Error(expr);
    return evaluateAssertion(c.assertion, ctx);
  };
  it('say where, suggest the closest and list what is there', () => {
    expect(run('flows["red-feed"].worst.p99 < 100')).toEqual({
      ok: false,
      error: 'flows has no key "red-feed"; did you mean "read-feed"? It has: read-feed, get-profile',
    });
    expect(run('flows.nope.worst.p99 < 100')).toEqual({ ok: false, error: 'flows has no key "nope". It has: read-feed, get-profile' });
    expect(run('flows["read-feed"].wrst.p99 < 100')).toEqual({
      ok: false,
      error: 'flows.read-feed has no key "wrst"; did you mean "worst"? It has: worst',
    });
    expect(run('flows["read-feed"].worst.p99 < 100')).toEqual({ ok: true, value: true });
  });
});

describe('--ascii', () => {
  it('says between which regions a round trip runs', () => {
    const r = sdcoach(['diagram', 'examples/orders-cqrs.yaml', '--ascii', '--width', '100']);
    expect(r.status).toBe(0);
    // eu-west users reach payments in us-east: the 82 ms is eu-west <-> us-east (Azure P50 table); 82 + its p99 300 = 382.
    expect(r.stdout).toContain('→ payments@us-east +382 (RTT eu-west↔us-east 82)');
  });

  it('says "unbounded" where a queue never drains', () => {
    // The order-history starter sends 40,200 req/s to one orders-db replica of 10,000: 402 %, so every flow through it is unbounded.
    const r = sdcoach(['diagram', 'problems/order-history/starter.yaml', '--ascii', '--width', '100']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('→ orders-db@us-east +unbounded (queue unbounded)');
    expect(r.stdout).not.toMatch(/Infinity|∞|NaN/);
  });
});

describe('examples', () => {
  it('one CQRS orders design, not two', () => {
    const r = sdcoach(['validate', 'examples/cqrs-orders.yaml']);
    expect(r.status).toBe(2);
    expect(sdcoach(['validate', 'examples/orders-cqrs.yaml']).status).toBe(0);
  });

  it('payments-failover: the annotated design passes every check that applies; the original keeps its failures', () => {
    type Graded = { passed: boolean; checks: { id: string; status: string; findings: { message: string }[] }[] };
    const grade = (file: string) => JSON.parse(sdcoach(['grade', file, '--format', 'json', '--verbose']).stdout) as Graded;
    const fixed = grade('examples/payments-failover-annotated.yaml');
    expect(fixed.passed).toBe(true);
    expect(fixed.checks.filter((c) => c.status !== 'pass' && c.status !== 'n/a').map((c) => c.id)).toEqual([]);
    const messages = (g: Graded, id: string) =>
      g.checks
        .find((c) => c.id === id)!
        .findings.map((f) => f.message)
        .join('\n');
    // Active-active with detection and a DNS TTL: 10 s + 30 s = 40 s, within 60.
    expect(messages(fixed, 'failover/rto-rpo')).toContain('merchants-db RTO is 40 s');
    // Without them the defaults apply: 30 s to detect (10 s x 3 misses) + 60 s DNS steering = 90 s.
    const original = grade('examples/payments-failover.yaml');
    expect(messages(original, 'failover/rto-rpo')).toContain('merchants-db RTO is 90 s');
    // A sync pair needs both copies up for a write: 0.999 x 0.999 (card network, payments-db; the
    // webhook-queue is off the path behind an outbox relay) ≈ 99.8 %, within the annotated 99.7 %; the
    // original writes the queue in the request, at one node a region 0.9985^2 ≈ 99.7 % for it alone,
    // and the flow misses its 99.9 %.
    expect(original.checks.find((c) => c.id === 'availability/flow-target')!.status).toBe('fail');
    expect(messages(original, 'availability/flow-target')).toMatch(/authorize-payment availability is 99\.5%/);
    // Every choice is explained: each component carries a comment on its line or just above it.
    const text = readFileSync(join(ROOT, 'examples/payments-failover-annotated.yaml'), 'utf8').split('\n');
    const comps = text.flatMap((l, i) =>
      /^  [a-z][a-z-]*:(\s+#.*)?$/.test(l) && i > text.indexOf('components:') && i < text.indexOf('flows:') ? [i] : [],
    );
    expect(comps.length).toBe(7);
    for (const i of comps)
      expect(
        text.slice(i - 3, i + 8).some((l) => l.includes('#')),
        text[i],
      ).toBe(true);
  });
});
