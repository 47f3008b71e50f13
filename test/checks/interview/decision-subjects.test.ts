// decisionSubjects: what a decision is about, from the ids its choice names and the parts of the pattern it
// declares (one table of each pattern's components). examples/orders-cqrs.yaml declares cqrs (commands
// orders-db, queries summary-db, projection projector) and multi_region; it has no bulkhead.
import { describe, expect, it } from 'vitest';
import { decisionSubjects } from '../../../src/checks/interview/decisions.js';
import type { ModelDecision } from '../../../src/specfile/model.js';
import { loadSpecFile } from '../../../src/specfile/load.js';

const loaded = loadSpecFile('examples/orders-cqrs.yaml');
if (!loaded.ok) throw new Error('examples/orders-cqrs.yaml does not load');
const model = loaded.loaded.model;
const decision = (choice: string, pattern?: string): ModelDecision => ({
  choice,
  ...(pattern !== undefined ? { pattern } : {}),
  alternatives: [],
  hasAlternatives: false,
  reason: '',
  path: [],
});

describe('decisionSubjects', () => {
  it('cqrs: its commands, queries and projection, then the flows through them and the components on those', () => {
    const s = decisionSubjects(decision('Separate the read side', 'cqrs'), model);
    expect(s.named).toEqual(['orders-db', 'summary-db', 'projector']);
    // get-order-summary reads summary-db, create-order writes orders-db: both flows, in the spec's order.
    expect([...s.flows]).toEqual(['get-order-summary', 'create-order']);
    // Their paths add gateway, orders-api (both flows) and payments (create-order).
    for (const c of ['gateway', 'orders-api', 'payments']) expect(s.components.has(c), c).toBe(true);
  });

  it('multi_region: every stateful component (the two databases and the stream) and every flow', () => {
    const s = decisionSubjects(decision('Serve both regions', 'multi_region'), model);
    // orders-db and summary-db are databases, order-events a stream; gateway, orders-api, the workers and
    // payments (external) keep no state. Components in declaration order, then the flows.
    expect(s.named).toEqual(['orders-db', 'order-events', 'summary-db', 'get-order-summary', 'create-order']);
  });

  it('a pattern the design does not declare, or no pattern, adds nothing to what the choice names', () => {
    expect(decisionSubjects(decision('Isolate the pools', 'bulkhead'), model).named).toEqual([]);
    expect(decisionSubjects(decision('Isolate the pools', 'toString'), model).named).toEqual([]);
    const named = decisionSubjects(decision('Shard orders-db by customer'), model);
    expect(named.named).toEqual(['orders-db']);
    expect([...named.flows]).toEqual(['create-order']);
  });
});
