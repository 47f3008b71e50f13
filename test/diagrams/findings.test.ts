// Where a finding lands on the drawing: its spec path mapped to components, hops, edges, regions.
import { describe, expect, it } from 'vitest';
import { hopKey, targetsOf, type DiagramFinding } from '../../src/diagrams/findings.js';
import { loadSpecFile } from '../../src/specfile/load.js';

const r = loadSpecFile('examples/orders-cqrs.yaml');
if (!r.ok) throw new Error('example does not load');
const model = r.loaded.model;
const f = (path: DiagramFinding['path'], status: DiagramFinding['status'] = 'fail', check = 'x/y'): DiagramFinding => ({ check, status, path });

describe('targetsOf', () => {
  it.each<[string, DiagramFinding['path'], (t: ReturnType<typeof targetsOf>) => unknown]>([
    ['a component', ['components', 'orders-db'], (t) => t.components.get('orders-db')],
    ['a component field', ['components', 'orders-api', 'pools', 'payments'], (t) => t.components.get('orders-api')],
    ['replication', ['components', 'orders-db', 'replication'], (t) => t.replication.get('orders-db')],
    ['failover', ['components', 'orders-db', 'failover', 'standby'], (t) => t.replication.get('orders-db')],
    ['a worker feed', ['components', 'projector', 'writes'], (t) => t.feeds.get('projector')],
    ['a hop', ['flows', 'create-order', 'path', 2], (t) => t.hops.get(hopKey('create-order', 2))],
    ['a whole flow', ['flows', 'create-order', 'budget_ms', 'p99'], (t) => t.hops.get(hopKey('create-order', -1))],
    ['a cqrs role', ['patterns', 'cqrs', 'queries'], (t) => t.components.get('summary-db')],
    ['a cqrs projection', ['patterns', 'cqrs', 'projection'], (t) => t.components.get('projector')],
    ['a region', ['regions', 1], (t) => t.regions.get('eu-west')],
    ['users of a region', ['users', 'us-east'], (t) => t.regions.get('us-east')],
    ['the strategy', ['patterns', 'multi_region', 'strategy'], (t) => t.global],
    ['an assertion', [], (t) => t.global],
  ])('places a finding about %s', (_, path, get) => {
    expect(get(targetsOf(model, [f(path)]))).toEqual({ status: 'fail', checks: ['x/y'] });
  });

  it('keeps the worst status and every check id once', () => {
    const t = targetsOf(model, [f(['components', 'orders-db'], 'warn', 'a/b'), f(['components', 'orders-db'], 'fail', 'c/d'), f(['components', 'orders-db'], 'warn', 'a/b')]);
    expect(t.components.get('orders-db')).toEqual({ status: 'fail', checks: ['a/b', 'c/d'] });
  });

  it('does not mistake prototype names for components', () => {
    const t = targetsOf(model, [f(['components', 'constructor']), f(['flows', 'toString'])]);
    expect(t.components.size).toBe(0);
    expect(t.hops.size).toBe(0);
    expect(t.global?.checks).toEqual(['x/y']);
  });
});

describe('targetsOf with parallel groups', () => {
  const g = loadSpecFile('problems/global-feed/solutions/stage-4.yaml');
  if (!g.ok) throw new Error('global-feed stage 4 does not load');
  const m = g.loaded.model;
  // read-feed: [gateway, feed-api, {parallel: [[feed-cache, posts-db], celeb-cache]}] flattens to
  // hops 0 gateway, 1 feed-api, 2 feed-cache, 3 posts-db, 4 celeb-cache.
  it.each<[string, DiagramFinding['path'], number]>([
    ['a hop before the group', ['flows', 'read-feed', 'path', 1], 1],
    ['a chain branch\'s second call', ['flows', 'read-feed', 'path', 2, 'parallel', 0, 1], 3],
    ['a single-call branch', ['flows', 'read-feed', 'path', 2, 'parallel', 1], 4],
    ['the whole group (its first hop)', ['flows', 'read-feed', 'path', 2], 2],
  ])('places a finding about %s on its hop', (_, path, hop) => {
    expect(targetsOf(m, [f(path)]).hops.get(hopKey('read-feed', hop))).toEqual({ status: 'fail', checks: ['x/y'] });
  });
});
