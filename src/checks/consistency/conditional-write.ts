// consistency/conditional-write: a flow that guards an invariant (no double booking, approval, overdraft
// or charge) makes its write to the protected data conditional, or an atomic hold with a TTL; a read first,
// however strong, leaves a check-then-act race.
import type { Model, ModelComponent, ModelFlow, ModelInvariant, ModelWriteConcurrency } from '../../specfile/model.js';
import type { SpecPath } from '../../specfile/diagnostic.js';
import { hopSpecPath } from '../../specfile/steps.js';
import { count, defineCheck, type Finding } from '../types.js';

type InvariantKind = ModelInvariant['kind'];

interface StageInvariant {
  kind: InvariantKind;
  /** Store ids or data class names the invariant is about. */
  protects: string[];
  /** The flow takes a hold the customer may abandon: its guard must be an atomic hold that expires. */
  hold?: boolean;
}

interface Options {
  /** Invariants the problem declares, by flow name (a stage's requirement); they add to those the spec marks. */
  invariants: Record<string, StageInvariant>;
  /** Longest hold the problem allows, seconds (an abandoned hold keeps the item off sale this long). */
  maxHoldTtlS?: number;
}

const WHAT: Record<InvariantKind, { noun: string; seen: string; twice: string }> = {
  'no-double-booking': { noun: 'double booking', seen: '"free"', twice: 'both book the same seat' },
  'no-double-approval': { noun: 'double approval', seen: '"not approved yet"', twice: 'both approve the same thing' },
  'no-overdraft': { noun: 'overdraft', seen: '"funds available"', twice: 'both debit the same funds and take the account past its limit' },
  'no-double-charge': { noun: 'double charge', seen: '"not paid yet"', twice: 'both charge the same order' },
};

/** Failover modes where more than one copy takes writes to the same key, so a compare-and-set on one copy proves nothing. */
function multiWriter(c: ModelComponent): boolean {
  const fo = c.failover;
  return fo?.mode === 'active-active' && fo.conflict !== 'home-region' && c.replication?.mode !== 'consensus';
}

interface Guarded {
  flow: ModelFlow;
  kind: InvariantKind;
  stores: string[];
  path: SpecPath;
  hold: boolean;
}

function dataStores(model: Model, names: readonly string[]): string[] {
  const out = new Set<string>();
  for (const n of names) {
    if (Object.hasOwn(model.components, n)) out.add(n);
    else for (const s of model.workload.data[n]?.stores ?? []) out.add(s);
  }
  return [...out];
}

/** Flows that guard an invariant: marked in the spec, or named by the stage (the stage's declaration wins). */
function guardedFlows(model: Model, options: Options, missing: Finding[]): Guarded[] {
  const out: Guarded[] = [];
  const staged = options.invariants ?? {};
  for (const name of model.flowOrder) {
    const flow = model.flows[name]!;
    const stage = Object.hasOwn(staged, name) ? staged[name] : undefined;
    if (stage)
      out.push({
        flow,
        kind: stage.kind,
        stores: dataStores(model, stage.protects),
        path: flow.invariant?.path ?? flow.specPath,
        hold: stage.hold === true,
      });
    else if (flow.invariant)
      out.push({ flow, kind: flow.invariant.kind, stores: flow.invariant.stores, path: flow.invariant.path, hold: false });
  }
  for (const [name, inv] of Object.entries(staged)) {
    if (Object.hasOwn(model.flows, name)) continue;
    missing.push({
      status: 'fail',
      messageId: 'missingFlow',
      data: { flow: name, invariant: WHAT[inv.kind].noun, data: inv.protects.join(', ') },
      path: ['flows'],
    });
  }
  return out;
}

const modeOf = (c: ModelWriteConcurrency | undefined): ModelWriteConcurrency['mode'] => c?.mode ?? 'none';

export default defineCheck<Options>({
  meta: {
    id: 'consistency/conditional-write',
    topic: 'consistency',
    title: 'Make the write that guards an invariant conditional (or an atomic hold with a TTL)',
    concept:
      'A flow that must never double-book, double-approve or overdraw usually reads first ("is the seat free?", "are there funds?") and then writes. ' +
      'Between the read and the write another request can do the same: both read "free", both write, and the seat is sold twice. This is the check-then-act race, and a strongly consistent read does not close it: both reads were correct when they were made. ' +
      'What closes it is making the write itself refuse a stale decision: a conditional write (expected version on the event stream, compare-and-set, a unique constraint) or an atomic hold that claims the item in one step, with a TTL so a client that vanishes does not lock it forever. ' +
      'The guard must sit on the store that holds the protected data, and that store must have one copy that orders the writes: a compare-and-set on each of two active-active copies lets both succeed.',
    computes:
      "For each flow that guards an invariant (the flow's `invariant` in the spec, or the stage's `invariants` option by flow name): the protected stores are the named store ids, data classes expanded to their stores. " +
      'The flow must be a write; every hop of its path on a protected store must state `concurrency: conditional`, or `atomic-hold` with a `ttl_s`. ' +
      'A guard on another store does not count, and a protected store with active-active failover (more than one writable copy, no home region, no consensus) fails even with a guard; one that fails over to an asynchronous standby warns (the last lag_ms of claims is lost in a promotion). ' +
      "A flow the stage marks as a hold must use atomic-hold, and a hold's ttl_s may not exceed the stage's maxHoldTtlS. The message counts the requests per second that race through the unguarded write.",
    sources: ['kleppmannRaces', 'dynamoConditionalWrites', 'eventStoreExpectedVersion', 'redisSetNx'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        invariants: {
          type: 'object',
          description:
            'Invariants the stage declares, by flow name: {kind, protects: [store ids or data classes]}. The flow must exist; these add to the invariants the spec marks.',
          additionalProperties: {
            type: 'object',
            additionalProperties: false,
            required: ['kind', 'protects'],
            properties: {
              kind: { enum: ['no-double-booking', 'no-double-approval', 'no-overdraft', 'no-double-charge'] },
              protects: { type: 'array', minItems: 1, items: { type: 'string' } },
              hold: {
                type: 'boolean',
                description:
                  'The flow takes a hold a customer may abandon (a seat, a cart): its guard must be an atomic hold with a TTL, not a conditional write that never expires.',
              },
            },
          },
        },
        maxHoldTtlS: {
          type: 'number',
          exclusiveMinimum: 0,
          description:
            'Longest hold TTL the problem allows, in seconds (e.g. 600 when the scenario holds a seat for ten minutes). Default: no limit.',
        },
      },
    },
    defaults: { invariants: {} },
    messages: {
      guarded: '{{flow}} guards against {{invariant}} with {{mode}} on {{store}}{{step}}: of two racing requests, only one can win',
      missingFlow: 'the stage says flow {{flow}} must prevent {{invariant}} on {{data}}, but the spec has no flow {{flow}}',
      readOnly:
        '{{flow}} is a read: reading, however strongly consistent, cannot stop {{invariant}}; the write that acts on the read must be conditional',
      notWritten: '{{flow}} must prevent {{invariant}} on {{data}} but never writes it: the decision lands nowhere the race can be settled',
      checkThenAct:
        'check-then-act race on {{store}}: two {{flow}} requests can both read {{seen}} before either writes, and {{twice}}. {{strongRead}}Nothing makes the write to {{store}} refuse a stale decision ({{rate}} requests/s race through it)',
      wrongStore:
        '{{flow}} guards its write to {{other}} ({{mode}}), but the data it protects is in {{store}}, whose write is unguarded: two requests can still both read {{store}} and {{twice}}',
      holdWithoutTtl:
        '{{flow}} holds {{store}} atomically but the hold has no TTL: when a customer closes the tab or a client crashes, the item stays locked forever and can never be sold',
      needsExpiry:
        '{{flow}} claims {{store}} with a conditional write that never expires: a customer who walks away keeps the item off sale forever; this claim is a hold and needs a TTL',
      holdTooLong:
        '{{flow}} holds {{store}} for {{ttl}} s, longer than the {{limit}} s this problem allows: every abandoned hold keeps the item off sale {{ratio}} times longer than it should',
      lostOnFailover:
        '{{flow}} guards its write to {{store}}, but {{store}} fails over to an asynchronous copy up to {{lag}} ms behind: a {{noun}} acknowledged just before the failure is gone after the promotion, and the item looks free again',
      multiWriter:
        "{{flow}} writes {{store}} {{mode}}, but {{store}} takes writes in every region (active-active, conflict {{conflict}}): each region's copy can accept its own compare-and-set, so two requests in two regions both win",
    },
    hints: {
      missingFlow: "The stage names the flow that must keep the invariant. Keep that flow's name so the grader can follow it.",
      readOnly:
        'An invariant is kept at the moment of the write, not the read. Which write acts on what this read found, and how would that write notice that someone else got there first?',
      notWritten:
        "Follow the flow to the store that records the booking, approval or debit. Which store must refuse the second request, and is it on this flow's path?",
      checkThenAct:
        'Picture two requests arriving a millisecond apart: both read, both see "free", both write. A fresher read does not help; what if the write itself only succeeded when the data is still as the request read it (an expected version, a compare-and-set, a claim that fails if taken)? Look at `concurrency` on a call step.',
      wrongStore:
        'The guard has to be where the protected data lives: the store that would hold the two conflicting rows. Which store is that, and is its write the guarded one?',
      holdWithoutTtl:
        'What happens to a held seat when the fan who held it never comes back? A hold needs an expiry (`ttl_s`) so the item returns to sale by itself.',
      needsExpiry:
        'The write is safe against the race, but what releases it when the customer never comes back? A hold is a claim with an expiry (`atomic-hold` with `ttl_s`).',
      holdTooLong:
        'A hold is a promise to one customer and a refusal to everyone else. How long does the scenario let one customer keep an item, and what happens to sales when every abandoned cart keeps its seats longer?',
      lostOnFailover:
        "A guard only protects what the store still remembers. Which copy takes over when the primary's region fails, and has it seen the last second of claims? What replication keeps every acknowledged claim?",
      multiWriter:
        'A compare-and-set is only as good as the one copy that orders the writes. Which copy decides when two regions race for the same item: give the data a home region, a single primary, or a consensus group.',
    },
  },
  run({ model, options }) {
    const out: Finding[] = [];
    for (const g of guardedFlows(model, options, out)) {
      const { flow, kind } = g;
      const base = {
        flow: flow.name,
        invariant: WHAT[kind].noun,
        seen: WHAT[kind].seen,
        twice: WHAT[kind].twice,
        data: g.stores.join(', ') || 'the named data',
      };
      if (flow.kind === 'read') {
        out.push({ status: 'fail', messageId: 'readOnly', data: base, path: g.path, evidence: { invariant: kind } });
        continue;
      }
      const protectedSet = new Set(g.stores);
      const hops = flow.path.map((component, i) => ({ component, i, concurrency: flow.hops?.[i]?.concurrency }));
      const onData = hops.filter((h) => protectedSet.has(h.component));
      if (!onData.length) {
        out.push({ status: 'fail', messageId: 'notWritten', data: base, path: g.path, evidence: { invariant: kind, stores: g.stores } });
        continue;
      }
      // A strongly consistent read of the same data elsewhere is the fix the learner may believe in: name it.
      const strongReads = model.flowOrder
        .map((n) => model.flows[n]!)
        .filter((f) => f.kind === 'read' && f.consistency === 'strong' && f.path.some((c) => protectedSet.has(c)));
      const strongRead = strongReads.length
        ? `A strongly consistent read (${strongReads.map((f) => f.name).join(', ')}) does not close it: both reads were correct when they were made. `
        : '';
      const guardedElsewhere = hops.filter((h) => !protectedSet.has(h.component) && modeOf(h.concurrency) !== 'none');
      for (const h of onData) {
        const store = model.components[h.component]!;
        const mode = modeOf(h.concurrency);
        const at = hopSpecPath(flow, h.i);
        const evidence = { invariant: kind, store: store.id, mode, rate: flow.rate };
        if (mode === 'none') {
          const other = guardedElsewhere[0];
          if (other) {
            out.push({
              status: 'fail',
              messageId: 'wrongStore',
              data: { ...base, store: store.id, other: other.component, mode: modeOf(other.concurrency) },
              path: hopSpecPath(flow, other.i),
              evidence: { ...evidence, guardedStore: other.component },
            });
          } else {
            out.push({
              status: 'fail',
              messageId: 'checkThenAct',
              data: { ...base, store: store.id, strongRead, rate: count(flow.rate) },
              path: at,
              evidence: { ...evidence, strongReads: strongReads.map((f) => f.name) },
            });
          }
          continue;
        }
        if (g.hold && mode === 'conditional') {
          out.push({
            status: 'fail',
            messageId: 'needsExpiry',
            data: { ...base, store: store.id },
            path: [...at, 'concurrency'],
            evidence,
          });
          continue;
        }
        if (mode === 'atomic-hold' && h.concurrency?.ttlS === undefined) {
          out.push({
            status: 'fail',
            messageId: 'holdWithoutTtl',
            data: { ...base, store: store.id },
            path: [...at, 'concurrency'],
            evidence,
          });
          continue;
        }
        if (mode === 'atomic-hold' && options.maxHoldTtlS !== undefined && h.concurrency!.ttlS! > options.maxHoldTtlS) {
          const ttl = h.concurrency!.ttlS!;
          out.push({
            status: 'fail',
            messageId: 'holdTooLong',
            data: { ...base, store: store.id, ttl, limit: options.maxHoldTtlS, ratio: count(ttl / options.maxHoldTtlS) },
            path: [...at, 'concurrency', 'ttl_s'],
            evidence: { ...evidence, ttlS: ttl, maxHoldTtlS: options.maxHoldTtlS },
          });
          continue;
        }
        if (multiWriter(store)) {
          out.push({
            status: 'fail',
            messageId: 'multiWriter',
            data: {
              ...base,
              store: store.id,
              mode: mode === 'conditional' ? 'conditionally' : 'with an atomic hold',
              conflict: store.failover!.conflict,
            },
            path: [...store.path, 'failover'],
            evidence: { ...evidence, failover: store.failover!.mode, conflict: store.failover!.conflict },
          });
          continue;
        }
        // The guard holds while the primary lives; an async standby promoted after a failure has lost the latest claims.
        if (store.failover?.mode === 'active-passive' && store.replication?.mode === 'async') {
          out.push({
            status: 'warn',
            messageId: 'lostOnFailover',
            data: { ...base, store: store.id, lag: store.replication.lagMs, noun: mode === 'atomic-hold' ? 'hold' : 'write' },
            path: [...store.path, 'replication'],
            evidence: { ...evidence, lagMs: store.replication.lagMs },
          });
          continue;
        }
        const modeText = mode === 'conditional' ? 'a conditional write' : `an atomic hold (TTL ${count(h.concurrency!.ttlS!)} s)`;
        // A flow that writes the store twice (insert pending, then mark paid) gets one line per write: say which.
        const step = onData.length > 1 ? ` (step ${h.i + 1} of the path)` : '';
        out.push({
          status: 'pass',
          messageId: 'guarded',
          data: { ...base, store: store.id, mode: modeText, step },
          path: [...at, 'concurrency'],
          evidence: { ...evidence, ttlS: h.concurrency?.ttlS },
        });
      }
    }
    return out;
  },
});
