// The prompt's flows are held to the stage's reference: rate, budget, origins, consistency, targets. Unit
// cases on holdPromptFlows / holdPromptRequirements, then the review's attacks on shipped problems.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradeEdited } from './grade-edited.js';
import { SHIPPED_PROBLEMS } from '../../src/problems/catalog.js';
import { loadProblem } from '../../src/problems/problem.js';
import { namesWord, stageGivens } from '../../src/problems/stage-rubric.js';
import type { Model, ModelFigure, ModelFlow } from '../../src/specfile/model.js';
import { holdPromptFlows, holdPromptRequirements } from '../../src/specfile/prompt-flows.js';

const flow = (name: string, extra: Partial<ModelFlow> = {}): ModelFlow => ({
  name,
  kind: 'read',
  rate: 100,
  origins: ['us-east', 'eu-west'],
  path: ['api', 'db'],
  budget: { p99: 200 },
  consistency: 'eventual',
  specPath: ['flows', name],
  ...extra,
});

describe('holdPromptFlows', () => {
  it("holds a flow's kind to the prompt's: a write relabelled a read is graded as the write it is", () => {
    const flows = { send: flow('send', { kind: 'read' }), get: flow('get', { kind: 'read' }) };
    const out = holdPromptFlows(flows, { send: { kind: 'write' }, get: { kind: 'read' } }, ['us-east', 'eu-west'], []);
    expect(flows.send.kind).toBe('write');
    expect(flows.get.kind).toBe('read');
    expect(out.held).toEqual([{ flow: 'send', field: 'kind', stated: 'read', used: 'write', path: ['flows', 'send', 'kind'] }]);
  });

  it('holds a lower rate, a looser budget and a lower availability target to the prompt, and keeps stricter ones', () => {
    const figures: ModelFigure[] = [];
    const flows = {
      read: flow('read', { rate: 1, budget: { p50: 10, p99: 2000 }, availability: 0.99 }),
      write: flow('write', { rate: 500, budget: { p99: 50 } }),
    };
    const out = holdPromptFlows(
      flows,
      { read: { rate: 2000, budget: { p50: 20, p99: 200 }, availability: 0.999 }, write: { rate: 100, budget: { p99: 300 } } },
      ['us-east', 'eu-west'],
      figures,
    );
    expect(flows.read.rate).toBe(2000);
    expect(flows.read.budget).toEqual({ p50: 10, p99: 200 });
    expect(flows.read.availability).toBe(0.999);
    // The stricter figures the spec chose stay its own.
    expect(flows.write.rate).toBe(500);
    expect(flows.write.budget).toEqual({ p99: 50 });
    expect(figures.map((f) => [f.subject, f.field, f.claimed, f.value, f.verdict])).toEqual([
      ['flow read', 'rate', 1, 2000, 'contradicts-given'],
      ['flow read', 'budget_ms.p99', 2000, 200, 'contradicts-given'],
      ['flow read', 'availability', 0.99, 0.999, 'contradicts-given'],
    ]);
    expect(figures[1]!.path).toEqual(['flows', 'read', 'budget_ms', 'p99']);
    expect(out).toEqual({ held: [], missing: [] });
  });

  it('grades a flow whose budget the spec dropped with the prompt budget, without calling it a contradiction', () => {
    const figures: ModelFigure[] = [];
    const flows = { read: flow('read', { budget: {} }) };
    holdPromptFlows(flows, { read: { budget: { p99: 150 } } }, ['us-east'], figures);
    expect(flows.read.budget.p99).toBe(150);
    expect(figures).toHaveLength(1);
    expect(figures[0]!.claimed).toBeUndefined();
  });

  it('leaves a rate the reference does not fix (an estimate sets it) to the spec', () => {
    const figures: ModelFigure[] = [];
    const flows = { read: flow('read', { rate: 10 }) };
    holdPromptFlows(flows, { read: { budget: { p99: 200 } } }, ['us-east', 'eu-west'], figures);
    expect(flows.read.rate).toBe(10);
    expect(figures).toEqual([]);
  });

  it('adds back the origins the spec left out: the reference stated ones, else the regions with users', () => {
    const figures: ModelFigure[] = [];
    const flows = {
      send: flow('send', { origins: ['us-east', 'eu-west'] }),
      get: flow('get', { origins: ['us-east'] }),
      ok: flow('ok', { origins: ['ap-northeast', 'eu-west', 'us-east'] }),
    };
    const out = holdPromptFlows(
      flows,
      { send: {}, get: { origins: ['us-east', 'ap-northeast'] }, ok: {} },
      ['us-east', 'eu-west', 'ap-northeast'],
      figures,
    );
    expect(flows.send.origins).toEqual(['us-east', 'eu-west', 'ap-northeast']);
    expect(flows.get.origins).toEqual(['us-east', 'ap-northeast']);
    // Every region with users is there already (in another order): nothing to hold.
    expect(flows.ok.origins).toEqual(['ap-northeast', 'eu-west', 'us-east']);
    expect(out.held.map((h) => [h.flow, h.field, h.stated, h.used])).toEqual([
      ['send', 'origins', 'us-east, eu-west', 'us-east, eu-west, ap-northeast'],
      ['get', 'origins', 'us-east', 'us-east, ap-northeast'],
    ]);
  });

  it('keeps a strong read strong, and holds only a stated staleness', () => {
    const figures: ModelFigure[] = [];
    const flows = {
      status: flow('status', { maxStalenessMs: 5000 }),
      feed: flow('feed', { maxStalenessMs: 5000 }),
      unstated: flow('unstated'),
    };
    const out = holdPromptFlows(
      flows,
      { status: { strong: true }, feed: { maxStalenessMs: 1000 }, unstated: { maxStalenessMs: 1000 } },
      ['us-east', 'eu-west'],
      figures,
    );
    expect(flows.status.consistency).toBe('strong');
    expect(flows.status.maxStalenessMs).toBeUndefined();
    expect(out.held).toEqual([
      { flow: 'status', field: 'consistency', stated: 'eventual', used: 'strong', path: ['flows', 'status', 'consistency'] },
    ]);
    expect(flows.feed.maxStalenessMs).toBe(1000);
    // None stated is not looser: a consensus store then serves the read at its leader.
    expect(flows.unstated.maxStalenessMs).toBeUndefined();
    expect(figures.map((f) => [f.subject, f.field, f.claimed])).toEqual([['flow feed', 'max_staleness_ms', 5000]]);
  });

  it('reports a request the prompt names (a reference flow with a budget) that the spec has no flow for', () => {
    const out = holdPromptFlows(
      { read: flow('read') },
      {
        read: {},
        'get-status': { rate: 2000, budget: { p99: 200 }, named: true },
        relay: { rate: 50, named: true },
        'get-status-eu': { budget: { p99: 200 } },
      },
      ['us-east'],
      [],
    );
    // relay has no budget: an internal step a design may do another way; get-status-eu is not named by the
    // prompt: one reference's way of doing the stage (a flow split per region).
    expect(out.missing).toEqual([{ flow: 'get-status', rate: 2000, budgetP99: 200 }]);
  });
});

describe('holdPromptFlows: requests kept whole', () => {
  const design = { keepsData: (id: string) => id.endsWith('db'), asReference: (id: string) => (id === 'orders-store' ? 'orders-db' : id) };
  const ref = { kind: 'read' as const, rate: 5000, budget: { p99: 200 }, named: true, stores: ['orders-db'] };

  it('accepts a request split per region under names of its own: together they carry its rate from its origins', () => {
    const out = holdPromptFlows(
      {
        'browse-us': flow('browse-us', { rate: 3000, origins: ['us-east'], path: ['api', 'orders-db'] }),
        'browse-eu': flow('browse-eu', { rate: 2000, origins: ['eu-west'], path: ['api', 'orders-store'] }),
      },
      { browse: ref },
      ['us-east', 'eu-west'],
      [],
      design,
    );
    expect(out.missing).toEqual([]);
  });

  it("holds the parts of a split to the given system's tiers: a split past the gateway is held, not counted missing", () => {
    const parts = (path: string[]) => ({
      'browse-us': flow('browse-us', { rate: 3000, origins: ['us-east'], path }),
      'browse-eu': flow('browse-eu', { rate: 2000, origins: ['eu-west'], path }),
    });
    const tiered = { browse: { ...ref, tiers: ['gateway'] } };
    const held = (path: string[]) => {
      const out = holdPromptFlows(parts(path), tiered, ['us-east', 'eu-west'], [], design);
      return { missing: out.missing.length, held: out.held.map((h) => [h.flow, h.field, h.used]) };
    };
    expect(held(['gateway', 'api', 'orders-db'])).toEqual({ missing: 0, held: [] });
    expect(held(['api', 'orders-db'])).toEqual({
      missing: 0,
      held: [
        ['browse-us', 'skipped', 'gateway'],
        ['browse-eu', 'skipped', 'gateway'],
      ],
    });
  });

  it('accepts one merged into another flow that carries its rate beyond its own, within the stricter budget', () => {
    const out = holdPromptFlows(
      { list: flow('list', { rate: 1000 + 5000, budget: { p99: 150 }, path: ['api', 'orders-db'] }) },
      { browse: ref, list: { kind: 'read', rate: 1000, budget: { p99: 150 }, named: true, stores: ['orders-db'] } },
      ['us-east', 'eu-west'],
      [],
      design,
    );
    expect(out.missing).toEqual([]);
  });

  it('accepts a split where one part keeps the name: neither its rate nor its origins are held to the whole', () => {
    const figures: ModelFigure[] = [];
    const flows = {
      browse: flow('browse', { rate: 3000, origins: ['us-east'], path: ['api', 'orders-db'] }),
      'browse-eu': flow('browse-eu', { rate: 2000, origins: ['eu-west'], path: ['api', 'orders-db'] }),
    };
    const out = holdPromptFlows(flows, { browse: ref }, ['us-east', 'eu-west'], figures, design);
    expect(out).toEqual({ held: [], missing: [] });
    expect(figures).toEqual([]);
    expect(flows.browse).toMatchObject({ rate: 3000, origins: ['us-east'] });
    // 3,000 + 1,000 of 5,000: the kept name is held to the whole request, rate and origins
    const short = {
      browse: flow('browse', { rate: 3000, origins: ['us-east'], path: ['api', 'orders-db'] }),
      'browse-eu': flow('browse-eu', { rate: 1000, origins: ['eu-west'], path: ['api', 'orders-db'] }),
    };
    const held = holdPromptFlows(short, { browse: ref }, ['us-east', 'eu-west'], [], design);
    expect(held.held.map((h) => h.field)).toEqual(['origins']);
    expect(short.browse).toMatchObject({ rate: 5000, origins: ['us-east', 'eu-west'] });
    // the other part looser than the request (a 2 s budget) does not count
    const loose = {
      browse: flow('browse', { rate: 3000, origins: ['us-east'], path: ['api', 'orders-db'] }),
      'browse-eu': flow('browse-eu', { rate: 2000, origins: ['eu-west'], budget: { p99: 2000 }, path: ['api', 'orders-db'] }),
    };
    holdPromptFlows(loose, { browse: ref }, ['us-east', 'eu-west'], [], design);
    expect(loose.browse.rate).toBe(5000);
    // nor one that takes another path (skips a call the request makes): a decoy, not a share of it
    const decoy = {
      browse: flow('browse', { rate: 5000, origins: ['us-east'], path: ['api', 'pricing', 'orders-db'] }),
      'browse-eu': flow('browse-eu', { rate: 1, origins: ['eu-west'], path: ['api', 'orders-db'] }),
    };
    const d = holdPromptFlows(decoy, { browse: ref }, ['us-east', 'eu-west'], [], design);
    expect(d.held.map((h) => h.field)).toEqual(['origins']);
    expect(decoy.browse.origins).toEqual(['us-east', 'eu-west']);
  });

  it('reports it missing when the parts fall short of its rate, miss a region, or are looser', () => {
    const missing = (flows: Record<string, ModelFlow>) =>
      holdPromptFlows(flows, { browse: ref }, ['us-east', 'eu-west'], [], design).missing.length;
    // 3,000 of 5,000
    expect(missing({ a: flow('a', { rate: 3000, path: ['api', 'orders-db'] }) })).toBe(1);
    // every request from us-east only
    expect(missing({ a: flow('a', { rate: 5000, origins: ['us-east'], path: ['api', 'orders-db'] }) })).toBe(1);
    // a 2 s budget
    expect(missing({ a: flow('a', { rate: 5000, budget: { p99: 2000 }, path: ['api', 'orders-db'] }) })).toBe(1);
    // a flow to another store
    expect(missing({ a: flow('a', { rate: 5000, path: ['api', 'users-db'] }) })).toBe(1);
    // a strong read carried by an eventual one
    const strong = holdPromptFlows(
      { a: flow('a', { rate: 5000, path: ['api', 'orders-db'] }) },
      { browse: { ...ref, strong: true } },
      ['us-east', 'eu-west'],
      [],
      design,
    );
    expect(strong.missing).toHaveLength(1);
  });

  it("names a prompt's request kept by name but made a batch job, or routed past every store", () => {
    const out = holdPromptFlows(
      {
        send: flow('send', { kind: 'write', batch: { targetPerS: 5000, runsIn: 'us-east', item: 'item', paced: false, specPath: [] } }),
        browse: flow('browse', { path: ['gateway', 'api'] }),
      },
      { send: { kind: 'write', rate: 5000, budget: { p99: 320 }, stores: ['messages-db'] }, browse: ref },
      ['us-east', 'eu-west'],
      [],
      design,
    );
    expect(out.held.map((h) => [h.flow, h.field, h.used])).toEqual([
      ['send', 'batch', 'a request'],
      ['browse', 'hollow', 'orders-db'],
    ]);
  });

  it('names a tier of the given system the flow skips or moves behind what it calls, unless a stand-in or a queued worker does its work', () => {
    const tiered = {
      kind: 'write' as const,
      rate: 100,
      budget: { p99: 200 },
      stores: ['orders-db'],
      tiers: ['gateway', 'api'],
      tierKinds: { gateway: 'gateway', api: 'service' } as Record<string, string>,
      path: ['gateway', 'api', 'orders-db'],
    };
    type Design = Parameters<typeof holdPromptFlows>[4];
    const skipped = (
      path: string[],
      more: Partial<NonNullable<Design>> = {},
      refMore: Partial<typeof tiered> & Record<string, unknown> = {},
    ) =>
      holdPromptFlows({ w: flow('w', { kind: 'write', path }) }, { w: { ...tiered, ...refMore } }, ['us-east', 'eu-west'], [], {
        ...design,
        kindOf: (id: string) => (id.endsWith('-q') ? 'queue' : undefined),
        ...more,
      })
        .held.filter((h) => h.field === 'skipped' || h.field === 'behind')
        .map((h) => [h.field, h.used, ...(h.field === 'behind' ? [h.stated] : [])]);
    expect(skipped(['gateway', 'api', 'orders-db'])).toEqual([]);
    // deleted, or merged into the next tier
    expect(skipped(['api', 'orders-db'])).toEqual([['skipped', 'gateway']]);
    expect(skipped(['orders-db'])).toEqual([['skipped', 'gateway, api']]);
    // moved behind what it calls: the gateway after the api, or the api after the database; a service may come first
    expect(skipped(['api', 'gateway', 'orders-db'])).toEqual([['behind', 'gateway', 'api']]);
    expect(skipped(['gateway', 'orders-db', 'api'])).toEqual([['behind', 'api', 'orders-db']]);
    // merged: a service standing for no held tier takes a missing service's work, a gateway of its own a missing entry
    const kinds = {
      kindOf: (id: string) =>
        id.endsWith('gw') ? 'gateway' : id.endsWith('lb') ? 'load-balancer' : id.endsWith('svc') || id === 'api' ? 'service' : undefined,
      known: (id: string) => id !== 'new-svc',
    };
    const entry = { tierKinds: { gateway: 'gateway', api: 'service' } };
    expect(skipped(['gateway', 'links-svc', 'orders-db'], kinds)).toEqual([]);
    // into a held service too, one for one (app-api's routing into report-service); not two into one
    expect(
      skipped(['gateway', 'api', 'orders-db'], kinds, {
        tiers: ['gateway', 'api', 'auth-svc'],
        tierKinds: { gateway: 'gateway', api: 'service', 'auth-svc': 'service' },
      }),
    ).toEqual([]);
    expect(
      skipped(['gateway', 'api', 'orders-db'], kinds, {
        tiers: ['gateway', 'api', 'a-svc', 'b-svc'],
        tierKinds: { gateway: 'gateway', api: 'service', 'a-svc': 'service', 'b-svc': 'service' },
      }),
    ).toEqual([['skipped', 'b-svc']]);
    // not into a service of no reference's, with the best figures of its kind
    expect(skipped(['gateway', 'new-svc', 'orders-db'], kinds)).toEqual([['skipped', 'api']]);
    // a gateway of its own at the front (per-region), of the missing one's kind
    expect(skipped(['eu-gw', 'api', 'orders-db'], kinds, entry)).toEqual([]);
    expect(skipped(['eu-lb', 'api', 'orders-db'], kinds, entry)).toEqual([['skipped', 'gateway']]);
    // but a service is no gateway, and an entry behind the api enters nothing
    expect(skipped(['links-svc', 'api', 'orders-db'], kinds)).toEqual([['skipped', 'gateway']]);
    expect(skipped(['api', 'eu-gw', 'orders-db'], kinds, entry)).toEqual([['skipped', 'gateway']]);
    // renamed: edge stands in for gateway
    expect(skipped(['edge', 'api', 'orders-db'], { asReference: (id: string) => (id === 'edge' ? 'gateway' : id) })).toEqual([]);
    // api's work moved behind a new queue the flow writes: the worker consuming it stands in
    const consumers = (input: string) => ({ consumersOf: (id: string) => (id === 'api' || id === 'gateway' ? [input] : []) });
    expect(skipped(['gateway', 'orders-q'], consumers('orders-q'))).toEqual([]);
    // not a queue this flow writes, nor its own database read as a change feed, nor a gateway's work
    expect(skipped(['gateway', 'other-q'], consumers('orders-q'))).toEqual([['skipped', 'api']]);
    expect(skipped(['gateway', 'orders-db'], consumers('orders-db'))).toEqual([['skipped', 'api']]);
    expect(skipped(['orders-q'], consumers('orders-q'))).toEqual([['skipped', 'gateway']]);
  });

  it('holds parts named after the request, a read ending at a queue, and a tier beside what it calls', () => {
    const tiered = {
      kind: 'read' as const,
      budget: { p99: 200 },
      stores: ['orders-db'],
      queried: true,
      tiers: ['gateway'],
      path: ['gateway', 'api', 'orders-db'],
    };
    const queues = {
      ...design,
      kindOf: (id: string) => (id.endsWith('-q') ? 'queue' : undefined),
      keepsData: (id: string) => id.endsWith('db') || id.endsWith('-q'),
    };
    const held = (flows: Record<string, ModelFlow>, ref = tiered) =>
      holdPromptFlows(flows, { browse: ref }, ['us-east', 'eu-west'], [], queues).held.map((h) => [h.flow, h.field, h.used]);
    // a token share through the gateway, the rest as browse-direct past it (an estimate sets the rate: none given)
    expect(
      held({
        browse: flow('browse', { rate: 10, path: ['gateway', 'api', 'orders-db'] }),
        'browse-direct': flow('browse-direct', { rate: 4990, path: ['api', 'orders-db'] }),
      }),
    ).toEqual([['browse-direct', 'skipped', 'gateway']]);
    // a read the reference answers from orders-db, ending at a queue, answers nothing
    expect(held({ browse: flow('browse', { path: ['gateway', 'api', 'orders-q'] }) })).toEqual([['browse', 'hollow', 'orders-db']]);
    // a gateway in parallel with the api it calls does not wait for it
    const beside = flow('browse', {
      path: ['gateway', 'api', 'orders-db'],
      hops: [
        { component: 'gateway', fanout: 1, group: { step: 0, branch: 0 } },
        { component: 'api', fanout: 1, group: { step: 0, branch: 1 } },
        { component: 'orders-db', fanout: 1, group: { step: 0, branch: 1 } },
      ] as ModelFlow['hops'],
    });
    expect(holdPromptFlows({ browse: beside }, { browse: tiered }, ['us-east', 'eu-west'], [], queues).held).toMatchObject([
      { flow: 'browse', field: 'behind', used: 'gateway', stated: 'api', beside: true },
    ]);
  });

  it('holds a flow that carries an unnamed reference request under another name to its tiers, and no other flow', () => {
    const tiered = {
      kind: 'read' as const,
      rate: 100,
      budget: { p99: 200 },
      stores: ['orders-db'],
      tiers: ['gateway'],
      path: ['gateway', 'api', 'orders-db'],
    };
    const held = (flows: Record<string, ModelFlow>) =>
      holdPromptFlows(flows, { browse: tiered }, ['us-east', 'eu-west'], [], design).held.map((h) => [h.flow, h.field, h.used]);
    expect(held({ renamed: flow('renamed', { path: ['api', 'orders-db'] }) })).toEqual([['renamed', 'skipped', 'gateway']]);
    expect(held({ renamed: flow('renamed', { path: ['gateway', 'api', 'orders-db'] }) })).toEqual([]);
    // Carried through the gateway, an internal flow to the same store (a billing export) is not the request.
    expect(
      held({
        renamed: flow('renamed', { path: ['gateway', 'api', 'orders-db'] }),
        export: flow('export', { rate: 5, path: ['billing-api', 'orders-db'] }),
      }),
    ).toEqual([]);
  });

  it("holds a looser miss budget to the reference's", () => {
    const figures: ModelFigure[] = [];
    const flows = { r: flow('r', { missBudget: { p99: 5000 } }) };
    holdPromptFlows(flows, { r: { missBudget: { p99: 400 } } }, ['us-east', 'eu-west'], figures);
    expect(flows.r.missBudget).toEqual({ p99: 400 });
    expect(figures.map((f) => [f.field, f.claimed, f.value])).toEqual([['miss_budget_ms.p99', 5000, 400]]);
  });
});

describe('holdPromptFlows: a request split per region keeps where its users are', () => {
  // typeahead: 30,000 suggestions/s, users 70 % us-east / 30 % eu-west (given). Review: split into suggest-us and
  // suggest-eu of 15,000 each, one region each, it sized us-east for 15,000 instead of 21,000.
  const design = { keepsData: () => true, asReference: (id: string) => id, users: { 'us-east': 0.7, 'eu-west': 0.3 } };
  const split = (us: number, eu: number) => ({
    'suggest-us': flow('suggest-us', { rate: us, origins: ['us-east'], budget: { p99: 40 } }),
    'suggest-eu': flow('suggest-eu', { rate: eu, origins: ['eu-west'], budget: { p99: 40 } }),
  });

  it("names the region the parts carry less than its users' share from: 30,000 x 0.7 = 21,000 from us-east", () => {
    const figures: ModelFigure[] = [];
    holdPromptFlows(
      split(15_000, 15_000),
      { suggest: { kind: 'read', rate: 30_000, budget: { p99: 40 }, named: true } },
      ['us-east', 'eu-west'],
      figures,
      design,
    );
    expect(figures.map((f) => [f.subject, f.field, f.claimed, f.value, f.verdict])).toEqual([
      ['flow suggest', 'rate from us-east', 15_000, 21_000, 'contradicts-given'],
    ]);
    expect(figures[0]!.path).toEqual(['flows', 'suggest-us', 'origins']);
  });

  it("takes the parts' total where an estimate stage sets the rate, and passes a split that follows the users", () => {
    const ok: ModelFigure[] = [];
    holdPromptFlows(
      split(21_000, 9_000),
      { suggest: { kind: 'read', budget: { p99: 40 }, named: true } },
      ['us-east', 'eu-west'],
      ok,
      design,
    );
    expect(ok).toEqual([]);
    const off: ModelFigure[] = [];
    // no prompt rate: the parts' 30,000 in total, of which us-east's 70 % is 21,000
    holdPromptFlows(
      split(15_000, 15_000),
      { suggest: { kind: 'read', budget: { p99: 40 }, named: true } },
      ['us-east', 'eu-west'],
      off,
      design,
    );
    expect(off.map((f) => [f.field, f.claimed, f.value])).toEqual([['rate from us-east', 15_000, 21_000]]);
  });
});

describe('holdPromptRequirements', () => {
  it('holds a lower availability and a longer RTO or RPO; a missing one takes the prompt figure; staleness only when stated', () => {
    const figures: ModelFigure[] = [];
    const req: Model['requirements'] = { availability: 0.99, rtoS: 600 };
    holdPromptRequirements(req, { availability: 0.9999, rtoS: 60, rpoS: 0, maxStalenessMs: 1000 }, figures);
    expect(req).toEqual({ availability: 0.9999, rtoS: 60, rpoS: 0 });
    expect(figures.map((f) => [f.field, f.claimed, f.value])).toEqual([
      ['availability', 0.99, 0.9999],
      ['rto_s', 600, 60],
      ['rpo_s', undefined, 0],
    ]);
    const stricter: Model['requirements'] = { availability: 0.99999, rtoS: 30, maxStalenessMs: 5000 };
    const more: ModelFigure[] = [];
    holdPromptRequirements(stricter, { availability: 0.9999, rtoS: 60, maxStalenessMs: 1000 }, more);
    expect(stricter).toEqual({ availability: 0.99999, rtoS: 30, maxStalenessMs: 1000 });
    expect(more.map((f) => f.field)).toEqual(['max_staleness_ms']);
  });
});

describe('the prompt on shipped problems', () => {
  it('passes the references as written', () => {
    expect(gradeEdited('chat-presence', 'stage-2.yaml', (t) => t).failing).toEqual([]);
    expect(gradeEdited('order-history', 'stage-2.yaml', (t) => t).failing).toEqual([]);
  });

  it('chat-presence: sync replication does not get a 400 ms budget where the prompt gives 320 ms', () => {
    const { failing, report } = gradeEdited('chat-presence', 'stage-2.yaml', (t) =>
      t.replace(
        'path: [gateway, chat-api, messages-db], budget_ms: {p99: 320}',
        'path: [gateway, chat-api, messages-db], budget_ms: {p99: 400}',
      ),
    );
    expect(failing).toEqual([
      "flow send-message budget_ms.p99 is 320 ms in this problem (the stage's prompt); your spec says 400 ms: graded with 320 ms",
    ]);
    expect(report.passed).toBe(false);
  });

  it('chat-presence: leaving Tokyo out of the origins puts it back', () => {
    const { failing } = gradeEdited('chat-presence', 'stage-2.yaml', (t) =>
      t.replace('send-message: {kind: write, rate: 5000,', 'send-message: {kind: write, rate: 5000, origins: [us-east, eu-west],'),
    );
    expect(failing).toEqual([
      "flow send-message takes requests from us-east, eu-west, ap-northeast in this problem (the stage's prompt); your spec says origins us-east, eu-west: graded with origins us-east, eu-west, ap-northeast",
    ]);
  });

  it('order-history: the payment-status lookup at 1 request/s and 2 s, or eventual, or renamed', () => {
    const slow = gradeEdited('order-history', 'stage-2.yaml', (t) =>
      t
        .replace(
          'get-payment-status: {kind: read, rate: 2000, consistency: strong,',
          'get-payment-status: {kind: read, rate: 1, consistency: strong,',
        )
        .replace(
          'path: [gateway, orders-api, orders-db], budget_ms: {p99: 200}}',
          'path: [gateway, orders-api, orders-db], budget_ms: {p99: 2000}}',
        ),
    );
    expect(slow.failing).toEqual([
      "flow get-payment-status rate is 2000 req/s in this problem (the stage's prompt); your spec says 1 req/s: graded with 2000 req/s",
      "flow get-payment-status budget_ms.p99 is 200 ms in this problem (the stage's prompt); your spec says 2000 ms: graded with 200 ms",
    ]);
    const eventual = gradeEdited('order-history', 'stage-2.yaml', (t) =>
      t.replace('get-payment-status: {kind: read, rate: 2000, consistency: strong,', 'get-payment-status: {kind: read, rate: 2000,'),
    );
    expect(eventual.failing).toEqual([
      "flow get-payment-status is a strong read in this problem (the stage's prompt); your spec says consistency eventual: graded with consistency strong",
    ]);
    // Renamed with every figure kept, it is still the prompt's request; renamed and made eventual, it is not.
    const renamed = gradeEdited('order-history', 'stage-2.yaml', (t) => t.replace('  get-payment-status: {', '  payment-lookup: {'));
    expect(renamed.failing).toEqual([]);
    const weakened = gradeEdited('order-history', 'stage-2.yaml', (t) =>
      t.replace('  get-payment-status: {kind: read, rate: 2000, consistency: strong,', '  payment-lookup: {kind: read, rate: 2000,'),
    );
    expect(weakened.failing).toEqual([
      "flow get-payment-status, a request this problem's users make (2000 req/s, p99 budget 200 ms), is not in your design: nothing grades how your design serves it",
    ]);
  });
});

describe("the given system's tiers on shipped problems", () => {
  // payments-failover stage 3: authorize-payment and get-payment go gateway -> payments-api -> ... in the starter and
  // the reference. Review attack: the gateway deleted scored 100 (its hop, its 8 replicas and their cost gone).
  const edit = (t: string) =>
    t
      .replace(/  gateway: +\{kind: gateway[^\n]*\n[^\n]*\n/, '')
      .replace('      - gateway\n', '')
      .replace('path: [gateway, payments-api,', 'path: [payments-api,');

  it('fails a flow that skips the gateway, deleted or merged into a renamed api', () => {
    const deleted = gradeEdited('payments-failover', 'stage-2.yaml', edit);
    expect(deleted.failing).toEqual([
      "flow authorize-payment goes payments-api, card-network, payments-db, not through gateway, which the prompt's request passes through in the system it gives and in this stage's reference: left out, its hop, threads and cost leave the grade",
      "flow get-payment goes payments-api, payments-db, not through gateway, which the prompt's request passes through in the system it gives and in this stage's reference: left out, its hop, threads and cost leave the grade",
    ]);
    expect(deleted.report.passed).toBe(false);
    const merged = gradeEdited('payments-failover', 'stage-2.yaml', (t) => edit(t).replaceAll('payments-api', 'api'));
    expect(merged.failing.map((m) => m.slice(0, m.indexOf(', which')))).toEqual([
      'flow authorize-payment goes api, card-network, payments-db, not through gateway',
      'flow get-payment goes api, payments-db, not through gateway',
    ]);
    // re-declared a worker reading payments-db (a change feed), or moved behind the database: neither is the gateway
    const worker = gradeEdited('payments-failover', 'stage-2.yaml', (t) =>
      edit(t).replace(
        '  payments-api: {kind: service',
        '  gateway: {kind: worker, consumes: payments-db, replicas: 2}\n  payments-api: {kind: service',
      ),
    );
    // ... and a gateway is what the problem gives it as: graded as one, the changed kind named
    expect(worker.failing.map((m) => m.split(', which')[0])).toEqual([
      'gateway is a gateway in this problem (given for gateway); your spec declares it a worker: graded as a gateway, with its figures, its price and what it may call',
      'flow authorize-payment goes payments-api, card-network, payments-db, not through gateway',
      'flow get-payment goes payments-api, payments-db, not through gateway',
    ]);
    const behind = gradeEdited('payments-failover', 'stage-2.yaml', (t) =>
      t
        .replace('      - gateway\n', '')
        .replace('{to: payments-db, concurrency: conditional}', '{to: payments-db, concurrency: conditional}\n      - gateway'),
    );
    expect(behind.failing).toEqual([
      "flow authorize-payment reaches gateway only after payments-api, which gateway calls in the prompt's request: not waiting for what it calls, it holds no thread while that answers and does not see its result",
    ]);
  });

  it("holds the starter's tiers on a flow, and on a flow a stage adds; not a tier only the reference adds", () => {
    const tiersOf = (id: string, stage: number) => {
      const loaded = loadProblem(join(SHIPPED_PROBLEMS, id));
      if (!loaded.ok) throw new Error(`${id} does not load`);
      return Object.fromEntries(Object.entries(stageGivens(loaded.problem, stage)!.placesOf!().flows!).map(([n, f]) => [n, f.tiers]));
    };
    // trading-mesh's starter: place-order goes gateway, order-service, risk-service, order-router, order-log; stage 3's
    // reference adds limits-service and compliance-service beside risk-service, a design choice of its own.
    expect(tiersOf('trading-mesh', 3)['place-order']).toEqual(['gateway', 'order-service', 'risk-service', 'order-router']);
    // payments' stage 4 adds the merchant-settings flows, through the given gateway and payments-api.
    expect(tiersOf('payments-failover', 4)['get-merchant-settings']).toEqual(['gateway', 'payments-api']);
    // flash-sale's starter buys through shop-api; the reference's sale-api is its own.
    expect(tiersOf('flash-sale', 3)['buy']).toEqual(['gateway']);
  });

  it('passes a service merged into another of the given system: one links service for both endpoints', () => {
    // url-shortener's create-link went links-api -> links-db; with links-api's work in redirect-api the hop, its
    // threads and its load are still counted (review: a strong candidate's standard design failed).
    const merged = gradeEdited('url-shortener', 'stage-2.yaml', (t) =>
      t.replace(
        'create-link: {kind: write, rate: 400, path: [links-api, links-db]',
        'create-link: {kind: write, rate: 400, path: [redirect-api, links-db]',
      ),
    );
    expect(merged.failing).toEqual([]);
  });

  it("adds a merged service's processing to the service it went into: the hop is saved, the work is not", () => {
    // trading-mesh stage 1 (given order-service 1 / 3 ms, risk-service 2 / 5 ms): risk-service's checks merged into
    // order-service leave place-order spending 1 + 2 = 3 ms p50 and 3 + 5 = 8 ms p99 in order-service.
    const { report } = gradeEdited('trading-mesh', 'stage-1.yaml', (t) =>
      t.replace(
        'path: [gateway, order-service, risk-service, order-router, order-log]',
        'path: [gateway, order-service, order-router, order-log]',
      ),
    );
    const hop = report.metrics.flows['place-order']!.worst.hops.find((h) => h.component === 'order-service')!;
    expect(hop.processing).toEqual({ p50: 3, p99: 8 });
    // And its load: each of place-order's 2,000 orders/s also takes risk-service's work, 4,000 / 2,500 = 1.6 of an
    // order-service request (given 4,000/s and 2,500/s per replica), beside cancel-order's 1,000/s: 2,000 x 2.6 + 1,000.
    const load = report.metrics.capacity['order-service']!['us-east']!;
    expect(load.rate).toBeCloseTo(2000 * (1 + 4000 / 2500) + 1000, 6);
    expect(load.merged!.rate).toBeCloseTo(2000 * (4000 / 2500), 6);
    expect(load.merged!.from).toEqual(['risk-service']);
    // What arrives is still billed as requests: 3,000/s, not the work.
    expect(report.metrics.cost.components['order-service']!.regions['us-east']!.requestsPerS).toBeCloseTo(3000, 6);
  });

  // trading-mesh stage 4 (the opening auction): place-order 12,000/s and cancel-order 6,000/s both pass order-router
  // (given 5,000/s per replica) and order-service (4,000/s). Review: order-router went into compliance-service on
  // place-order and order-service on cancel-order, so a learner who sized order-service for it failed.
  const withoutRouter = (t: string) =>
    t
      .replace(/  order-router: [^\n]*\n/, '')
      .replace(', order-router, order-log]', ', order-log]')
      .replace('[gateway, order-service, order-router, order-log]', '[gateway, order-service, order-log]');

  it('merges a missing service into the one service every flow that lacks it keeps, with its load', () => {
    const { report } = gradeEdited('trading-mesh', 'stage-3.yaml', withoutRouter);
    const order = report.metrics.capacity['order-service']!['us-east']!;
    // 18,000 orders and cancels arrive; each also does order-router's work, 4,000 / 5,000 = 0.8 of an order-service request.
    expect(order.merged).toEqual({ rate: 18000 * 0.8, from: ['order-router'] });
    expect(order.rate).toBeCloseTo(18000 * 1.8, 6);
    expect(report.metrics.capacity['compliance-service']!['us-east']!.merged).toBeUndefined();
    // The wait is in the slower request's time: mu = 4,000 x 18,000 / 32,400 per replica.
    expect(order.queue!.serviceRate).toBeCloseTo((4000 * 18000) / 32400, 6);
    for (const flow of ['place-order', 'cancel-order']) {
      const hop = report.metrics.flows[flow]!.worst.hops.find((h) => h.component === 'order-service')!;
      expect(hop.processing).toEqual({ p50: 1 + 1, p99: 3 + 2 });
    }
  });

  it('does not also merge a service whose work a worker of the design does behind a queue the flow writes', () => {
    const { report, failing } = gradeEdited('trading-mesh', 'stage-3.yaml', (t) =>
      withoutRouter(t)
        .replace(
          '  order-log: ',
          '  route-queue:        {kind: queue}\n  router-worker:      {kind: worker, replicas: 10, consumes: route-queue, writes: order-log}\n  order-log: ',
        )
        .replace(', compliance-service, order-log]', ', compliance-service, route-queue]')
        .replace('[gateway, order-service, order-log]', '[gateway, order-service, route-queue]'),
    );
    expect(failing).toEqual([]);
    expect(report.metrics.capacity['order-service']!['us-east']!.merged).toBeUndefined();
    expect(report.metrics.capacity['order-service']!['us-east']!.rate).toBe(18000);
  });

  it("lets a flow go without a tier the stage's prompt says it does not need (may_skip), at no cost", () => {
    // saas-mtls stage 3: "The load balancer can route the dashboard straight to report-service ... at no extra cost."
    const { report, failing } = gradeEdited('saas-mtls', 'stage-2.yaml', (t) =>
      t.replace('path: [lb, app-api, report-service, reports-db]', 'path: [lb, report-service, reports-db]'),
    );
    expect(failing).toEqual([]);
    const hop = report.metrics.flows['dashboard']!.worst.hops.find((h) => h.component === 'report-service')!;
    expect(hop.processing).toEqual({ p50: 4, p99: 12 });
    // Not allowed on get-board, whose prompt says nothing of the kind: app-api is merged, and charged, there.
    const board = gradeEdited('saas-mtls', 'stage-2.yaml', (t) =>
      t
        .replace('path: [lb, app-api, report-service, reports-db]', 'path: [lb, report-service, reports-db]')
        .replace(/get-board: +\{kind: read, +rate: 3000, +path: \[lb, app-api, app-db\]/, (m) =>
          m.replace('[lb, app-api, app-db]', '[lb, report-service, app-db]'),
        ),
    );
    const boardHop = board.report.metrics.flows['get-board']!.worst.hops.find((h) => h.component === 'report-service')!;
    expect(boardHop.processing).toEqual({ p50: 4 + 5, p99: 12 + 15 });
  });

  it('passes the gateway renamed', () => {
    const renamed = gradeEdited('payments-failover', 'stage-2.yaml', (t) =>
      t
        .replace('  gateway:      {kind: gateway', '  edge:         {kind: gateway')
        .replace('      - gateway\n', '      - edge\n')
        .replace('path: [gateway,', 'path: [edge,'),
    );
    expect(renamed.failing).toEqual([]);
    expect(renamed.report.passed).toBe(true);
  });
});

describe('the stage reference as the prompt (problems/stage-rubric.ts)', () => {
  const problemOf = (id: string) => {
    const loaded = loadProblem(join(SHIPPED_PROBLEMS, id));
    if (!loaded.ok) throw new Error(`${id} does not load`);
    return loaded.problem;
  };

  it('leaves a rate an estimate stage feeds to the learner, and fixes the rest', () => {
    // notification-fanout: stage 1 estimates peak_sms_per_s for flow send-sms; stage 2's reference has 100/s.
    const flows = stageGivens(problemOf('notification-fanout'), 2)!.placesOf!().flows!;
    expect(flows['send-sms']).toEqual({
      kind: 'write',
      budget: { p99: 3000 },
      named: true,
      path: ['notifier', 'sms-provider'],
      code: ['notifier'],
    });
  });

  it('marks the flows the learner is told of by name (global-feed names its EU flows in stage 3)', () => {
    const flows = stageGivens(problemOf('global-feed'), 6)!.placesOf!().flows!;
    expect(flows['read-feed']!.named).toBe(true);
    expect(flows['get-profile-eu']).toMatchObject({ named: true, origins: ['eu-west'] });
  });

  it('finds a flow name as a whole id, not inside a longer one', () => {
    expect(namesWord('route get-profile-eu and update-profile-eu', 'get-profile-eu')).toBe(true);
    expect(namesWord('flows, get-profile-eu (1,200', 'get-profile-eu')).toBe(true);
    expect(namesWord('the get-profile-eu-v2 flow', 'get-profile-eu')).toBe(false);
    expect(namesWord('a xget-profile-eu flow', 'get-profile-eu')).toBe(false);
    expect(namesWord('get-profile', 'get-profile-eu')).toBe(false);
  });
});

describe('global-feed stage 6: the likes split is read from what the key says, not how it is spelt', () => {
  it('the reference key post_id + like bucket (0-15) splits the hot post 16 ways', () => {
    const { report } = gradeEdited('global-feed', 'stage-5.yaml', (t) => t);
    // 16 sub-keys on 8 partitions: 2 x 0.25 / 16 + 0.75 / 8 = 0.125 of 30,000 likes/s = 3,750 on a 10,000 node
    expect(report.metrics.capacity['likes-db']!['us-east']!.perNodeRate).toBeCloseTo(0.125 * 30_000, 6);
    expect(report.passed).toBe(true);
  });

  for (const key of ['post_id', 'post id', 'post-id', 'post.id', 'postId'])
    it(`key: ${key} is one id: the 16-way split is not counted`, () => {
      const { report } = gradeEdited('global-feed', 'stage-5.yaml', (t) => t.replace('key: post_id + like bucket (0-15),', `key: ${key},`));
      // the hot post kept whole: 0.25 + 0.75 / 8 = 0.34375 of 30,000 = 10,312.5 likes/s on a 10,000 node
      const likes = report.metrics.capacity['likes-db']!['us-east']!;
      expect(likes.perNodeRate).toBeCloseTo((0.25 + 0.75 / 8) * 30_000, 6);
      expect(likes.utilization).toBeCloseTo(10_312.5 / 10_000, 3);
      expect(report.mustPassFailed).toContain('scalability/partitions');
      expect(report.passed).toBe(false);
    });
});

describe('a store with replication none: reads go where its writes land', () => {
  const none = (t: string) => t.replaceAll('replication: {mode: async, lag_ms: 1000}}', 'replication: {mode: none}}');

  it('pastebin stage 3: pastes-db and paste-blobs without replication, written in us-east only, fail the read budget', () => {
    const ref = gradeEdited('pastebin', 'stage-2.yaml', (t) => t).report;
    expect(ref.passed).toBe(true);
    // the reference's async copies: us-east's pastes-db copy serves its half of the 20 % misses, 2,000 reads + 200 writes
    expect(ref.metrics.capacity['pastes-db']!['us-east']!.rate).toBeCloseTo(0.5 * 0.2 * 20_000 + 200, 6);
    const { report } = gradeEdited('pastebin', 'stage-2.yaml', none);
    const ap = report.metrics.flows['read-paste']!.origins['ap-southeast']!;
    const db = ap.hops.find((h) => h.component === 'pastes-db')!;
    const blobs = ap.hops.find((h) => h.component === 'paste-blobs')!;
    // every create lands in us-east: the Singapore copies stay empty, so both reads cross the Pacific (223 ms)
    expect([db.region, db.reason, db.networkMs]).toEqual(['us-east', 'written', 223]);
    expect([blobs.region, blobs.from, blobs.networkMs]).toEqual(['us-east', 'ap-southeast', 223]);
    // the miss path: 0.5 + 15 (api) + 0.5 + 3 (cache) + 223 + 10 (db) + 223 + 200 (blobs) = 675 ms before queueing
    const miss = 0.5 + 15 + 0.5 + 3 + 223 + 10 + 223 + 200;
    expect(ap.cache!.miss.p99).toBeGreaterThanOrEqual(miss);
    expect(ap.cache!.miss.p99).toBeLessThan(miss + 5);
    // us-east's copy now takes every miss: 0.2 x 20,000 = 4,000 reads + 200 writes on one node of 10,000 = 42 %
    expect(report.metrics.capacity['pastes-db']!['us-east']!.utilization).toBeCloseTo((4_000 + 200) / 10_000, 3);
    expect(report.mustPassFailed).toContain('latency/flow-budget');
    expect(report.passed).toBe(false);
  });

  it('video-streaming stage 3: a Singapore bucket copy the transcoders never fill is not an origin', () => {
    const { report } = gradeEdited('video-streaming', 'stage-2.yaml', (t) =>
      t.replace('replication: {mode: async, lag_ms: 15000}}', 'replication: {mode: none}}'),
    );
    const ap = report.metrics.flows['watch-segment']!.origins['ap-southeast']!;
    const videos = ap.hops.find((h) => h.component === 'videos')!;
    expect([videos.region, videos.reason, videos.networkMs]).toEqual(['us-east', 'written', 223]);
    // the miss path: 0.5 to the edge + 20 + 223 to us-east + 150 = 393.5 ms, over the 300 ms miss budget
    expect(ap.cache!.miss.p99).toBeGreaterThanOrEqual(0.5 + 20 + 223 + 150);
    expect(report.mustPassFailed).toContain('latency/miss-path-budget');
    expect(report.passed).toBe(false);
  });
});
