import noDualWrite from '../../../src/checks/cqrs/no-dual-write.js';
import { testCheck } from '../tester.js';

testCheck(noDualWrite, {
  valid: [
    { spec: 'cqrs/outbox-ok.yaml', name: 'outbox with a relay that reads orders-db and writes order-events' },
    { spec: 'cqrs/cdc-ok.yaml', name: 'CDC connector on the store that was written' },
    { spec: 'cqrs/admin-cdc.yaml', name: "CDC sees the admin tool's direct writes too" },
    // The flow appends to an event store: event-sourcing/no-dual-write judges it.
    { spec: 'event-sourcing/publish-beside-append.yaml', name: "event-sourced flows are not this check's", applies: false },
  ],
  invalid: [
    {
      spec: 'cqrs/admin-unpublished.yaml',
      // cancel-order [admin-api, orders-db]: orders-db is hop 2, on line 15
      findings: [
        {
          status: 'fail',
          messageId: 'unpublished',
          line: 15,
          data: { flow: 'cancel-order', rate: '20', store: 'orders-db', queries: 'summary-db' },
        },
      ],
    },
    {
      spec: 'cqrs/orders-ok.yaml',
      name: 'commits to orders-db, then publishes to order-events in the same request',
      // create-order's path [api, orders-db, order-events]: the stream is hop 3, on line 13
      findings: [
        {
          status: 'fail',
          messageId: 'dualWrite',
          line: 13,
          data: { flow: 'create-order', rate: '100', store: 'orders-db', stream: 'order-events' },
        },
      ],
    },
    {
      spec: 'cqrs/outbox-no-relay.yaml',
      findings: [
        {
          status: 'fail',
          messageId: 'noRelay',
          line: 11,
          data: { flow: 'create-order', store: 'orders-db', stream: 'order-events', via: 'outbox' },
        },
      ],
    },
    {
      spec: 'cqrs/cdc-wrong-store.yaml',
      findings: [
        {
          status: 'fail',
          messageId: 'relayWrongStore',
          line: 7,
          data: { flow: 'create-order', store: 'orders-db', relay: 'orders-cdc', source: 'summary-db', via: 'CDC feed' },
        },
      ],
    },
    {
      spec: 'cqrs/relay-skips-stream.yaml',
      findings: [
        {
          status: 'fail',
          messageId: 'relayNotToStream',
          line: 7,
          data: { relay: 'outbox-relay', stream: 'order-events', targets: 'summary-db' },
        },
      ],
    },
    {
      spec: 'cqrs/event-sourced-table.yaml',
      findings: [{ status: 'fail', messageId: 'notEventStore', line: 11, data: { store: 'orders-db', kind: 'database' } }],
    },
  ],
});
