import noDualWrite from '../../../src/checks/event-sourcing/no-dual-write.js';
import { testCheck } from '../tester.js';

testCheck(noDualWrite, {
  valid: [
    { spec: 'event-sourcing/ledger-ok.yaml', name: 'append only; a relay worker feeds the stream from the log' },
    { spec: 'event-sourcing/forwarded-ok.yaml', name: 'declared forwarding by a worker that consumes the event store' },
    { spec: 'cqrs/outbox-ok.yaml', name: 'no event store', applies: false },
  ],
  invalid: [
    {
      spec: 'event-sourcing/publish-beside-append.yaml',
      // post-booking's path [api, ledger-events, ledger-stream]: the stream is on line 12
      findings: [
        {
          status: 'fail',
          messageId: 'publishesBeside',
          line: 12,
          data: { flow: 'post-booking', rate: '300', eventStore: 'ledger-events', stream: 'ledger-stream' },
        },
      ],
    },
    {
      spec: 'event-sourcing/forwarder-missing.yaml',
      findings: [
        { status: 'fail', messageId: 'noForwarder', line: 15, data: { flow: 'post-booking', stream: 'ledger-stream' } },
        {
          status: 'fail',
          messageId: 'forwarderWrongSource',
          line: 19,
          data: { flow: 'post-refund', relay: 'copier', source: 'audit-stream', targets: 'ledger-stream' },
        },
      ],
    },
    {
      spec: 'event-sourcing/outbox-on-log.yaml',
      findings: [{ status: 'warn', messageId: 'notTheLog', line: 9, data: { flow: 'post-booking', via: 'outbox' } }],
    },
  ],
});
