// event-sourcing/versioning: the design says how old event versions stay readable as the schema evolves.
import { defineCheck } from '../types.js';

type Options = Record<string, never>;

export default defineCheck<Options>({
  meta: {
    id: 'event-sourcing/versioning',
    topic: 'event-sourcing',
    title: 'Keep old event versions readable: declare event versioning or upcasting',
    concept:
      'Events are immutable facts: once stored they are never rewritten, and the store keeps them for the life of the system. ' +
      "The code that reads them keeps changing, so an event written years ago must still load with today's code. " +
      'That needs a plan from the start: version each event type and keep readers for old versions, or upcast old events to the current shape as they are read.',
    computes:
      'Reads patterns.event_sourcing.versioning: versioned-events or upcasting pass, none (the default) fails; the evidence states how much history must stay readable.',
    sources: ['course'],
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaults: {},
    messages: {
      declared: 'event schema evolution: {{versioning}}; up to {{events}} events per aggregate in {{store}} stay readable',
      none: 'no event versioning: {{store}} keeps up to {{events}} events per aggregate that can never be rewritten, and nothing says how old ones are read after the schema changes',
    },
    hints: {
      none: 'Imagine adding a field to an event type next year. The old events in the store cannot be changed: how will the new code read them? Look at the `versioning` options of patterns.event_sourcing.',
    },
  },
  run({ model }) {
    const es = model.patterns.eventSourcing;
    if (!es) return [];
    const data = { store: es.store, events: es.maxEventsPerAggregate, versioning: es.versioning };
    const evidence = { versioning: es.versioning, store: es.store, maxEventsPerAggregate: es.maxEventsPerAggregate };
    if (es.versioning === 'none')
      return [{ status: 'fail', messageId: 'none', data, path: ['patterns', 'event_sourcing', 'versioning'], evidence }];
    return [{ status: 'pass', messageId: 'declared', data, path: ['patterns', 'event_sourcing', 'versioning'], evidence }];
  },
});
