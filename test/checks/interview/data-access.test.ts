import dataAccess from '../../../src/checks/interview/data-access.js';
import { testCheck } from '../tester.js';

testCheck(dataAccess, {
  valid: [
    { spec: 'interview/data-ok.yaml', name: "orders keyed (user_id, created_at): a user's orders are one partition's range" },
    { spec: 'interview/api-ok.yaml', name: 'no data model: does not apply unless the stage asks', applies: false },
    {
      spec: 'interview/data-two-lookups.yaml',
      name: 'the timeline read by user_id holds the post ids: the posts are then read by their key',
    },
  ],
  invalid: [
    {
      spec: 'interview/api-ok.yaml',
      name: 'the stage asks for a data model and the spec has none',
      options: { required: true },
      findings: [{ messageId: 'noData', line: 3 }],
    },
    {
      spec: 'interview/data-scan.yaml',
      // GET /v1/users/{user_id}/orders looks up by user_id; order is keyed by order_id with no index.
      findings: [
        {
          messageId: 'scan',
          line: 21,
          data: { endpoint: 'GET /v1/users/{user_id}/orders', field: 'user_id', key: 'order_id', entity: 'order' },
        },
      ],
    },
    {
      spec: 'interview/data-scatter.yaml',
      // user_id is indexed, but orders-db is split into 16 partitions by order_id: the index is asked on all 16.
      findings: [
        { status: 'warn', messageId: 'scatter', line: 18, data: { field: 'user_id', partitionKey: 'order_id', partitions: '16' } },
      ],
    },
    {
      spec: 'interview/data-mismatch.yaml',
      findings: [{ messageId: 'partitionMismatch', line: 21, data: { store: 'orders-db', storeKey: 'order_id', partitionKey: 'user_id' } }],
    },
    {
      spec: 'interview/data-noentity.yaml',
      // get-orders passes through the sessions cache, and data: keeps nothing there.
      findings: [{ messageId: 'noEntity', line: 11, data: { flow: 'get-orders', store: 'sessions' } }],
    },
    {
      spec: 'interview/data-two-lookups-lost.yaml',
      // The timeline (key user_id) holds nothing else: what the request knows is still only user_id, and post is keyed by post_id.
      findings: [{ messageId: 'scan', line: 15, data: { entity: 'post', field: 'user_id', key: 'post_id' } }],
    },
    {
      spec: 'interview/data-no-lookup.yaml',
      // GET /v1/orders names no lookup: whose orders? GET /v1/trending says by: [] (the same list for everyone).
      findings: [{ messageId: 'noLookup', line: 13, data: { endpoint: 'GET /v1/orders', entity: 'order', store: 'orders-db' } }],
    },
  ],
});
