import consumedHasProducer from '../../../src/checks/design/consumed-has-producer.js';
import { testCheck } from '../tester.js';

testCheck(consumedHasProducer, {
  valid: [
    // projector consumes order-events, which create-order (100 writes/s) publishes to
    { spec: 'cqrs/orders-ok.yaml' },
    // relay consumes ledger-events (post-booking appends); statement-projector consumes ledger-stream (the relay writes it)
    { spec: 'event-sourcing/ledger-ok.yaml' },
    { spec: 'design/no-patterns.yaml', name: 'no workers: does not apply', applies: false },
  ],
  invalid: [
    {
      spec: 'design/unproduced-stream.yaml',
      // order-events: no write flow reaches it and no worker writes it; mail-queue is written by projector (passes)
      findings: [{ status: 'fail', messageId: 'noProducer', line: 8, data: { worker: 'projector', input: 'order-events' } }],
    },
  ],
});
