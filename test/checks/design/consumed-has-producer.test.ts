import consumedHasProducer from '../../../src/checks/design/consumed-has-producer.js';
import { testCheck } from '../tester.js';

testCheck(consumedHasProducer, {
  valid: [
    // projector consumes order-events, which create-order (100 writes/s) publishes to
    { spec: 'cqrs/orders-ok.yaml' },
    // relay consumes ledger-events (post-booking appends); statement-projector consumes ledger-stream (the relay writes it)
    { spec: 'event-sourcing/ledger-ok.yaml' },
    { spec: 'design/no-patterns.yaml', name: 'no workers: does not apply', applies: false },
    {
      spec: 'design/worker-loop-fed.yaml',
      name: 'a loop of workers entered from outside: a change feed of a store a write flow writes',
    },
  ],
  invalid: [
    {
      spec: 'design/unproduced-stream.yaml',
      // order-events: no write flow reaches it and no worker writes it; mail-queue is written by projector (passes)
      findings: [{ status: 'fail', messageId: 'noProducer', line: 8, data: { worker: 'projector', input: 'order-events' } }],
    },
    {
      spec: 'design/worker-loop.yaml',
      name: 'two workers feeding each other, a third fed by the loop, and one fed by a worker that consumes nothing',
      findings: [
        // order-events is written only by echo, which consumes echo-stream, written only by projector, which consumes order-events
        {
          status: 'fail',
          messageId: 'loopOnly',
          line: 10,
          data: { worker: 'projector', input: 'order-events', trace: 'order-events <- echo <- echo-stream <- projector <- order-events' },
        },
        {
          status: 'fail',
          messageId: 'loopOnly',
          line: 11,
          data: { worker: 'echo', input: 'echo-stream', trace: 'echo-stream <- projector <- order-events <- echo <- echo-stream' },
        },
        // mail-queue is written by projector, a worker of the loop
        {
          status: 'fail',
          messageId: 'loopOnly',
          line: 14,
          data: {
            worker: 'mailer',
            input: 'mail-queue',
            trace: 'mail-queue <- projector <- order-events <- echo <- echo-stream <- projector',
          },
        },
        // jobs is written only by ticker, which consumes nothing and runs on no write flow
        { status: 'fail', messageId: 'loopOnly', line: 17, data: { worker: 'runner', input: 'jobs', trace: 'jobs <- ticker' } },
      ],
    },
  ],
});
