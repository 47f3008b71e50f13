import apiCoversFlows from '../../../src/checks/interview/api-covers-flows.js';
import { testCheck } from '../tester.js';

testCheck(apiCoversFlows, {
  valid: [
    { spec: 'interview/api-ok.yaml', name: 'a GET for the read, a keyed POST for the charging write' },
    { spec: 'interview/base.yaml', name: 'no api: does not apply unless the stage asks', applies: false },
  ],
  invalid: [
    {
      spec: 'interview/api-key-dropped.yaml',
      // POST /v1/orders takes the key; the charge on payments (path step 3, line 15) goes out without it.
      findings: [{ messageId: 'keyDropped', line: 15, data: { endpoint: 'POST /v1/orders', flow: 'checkout', dependency: 'payments' } }],
    },
    {
      spec: 'interview/api-sign-in.yaml',
      // The sign-in POST carries a body (its password must not sit in a URL): it passes; a search POST with no body warns.
      findings: [{ status: 'warn', messageId: 'writeMethodOnRead', line: 13, data: { endpoint: 'POST /v1/search', flow: 'search' } }],
    },
    {
      spec: 'interview/base.yaml',
      name: 'the stage asks for an API and the spec has none',
      options: { required: true },
      findings: [{ messageId: 'noApi', line: 3, data: { flows: 'get-orders, checkout' } }],
    },
    {
      spec: 'interview/api-bad.yaml',
      findings: [
        // GET /v1/checkout serves a write flow, and that write calls payments (an external on a write flow) with no key.
        { messageId: 'getWrites', line: 18, data: { endpoint: 'GET /v1/checkout', flow: 'checkout' } },
        {
          messageId: 'noKey',
          line: 18,
          data: { endpoint: 'GET /v1/checkout', flow: 'checkout', why: 'calls payments, which has a side effect' },
        },
        { status: 'warn', messageId: 'writeMethodOnRead', line: 19, data: { endpoint: 'POST /v1/orders/search', flow: 'get-orders' } },
      ],
    },
    {
      spec: 'interview/api-missing-flow.yaml',
      findings: [{ messageId: 'noEndpoint', line: 10, data: { flow: 'get-orders', kind: 'read', origins: 'us-east' } }],
    },
  ],
});
