import asyncProjection from '../../../src/checks/cqrs/async-projection.js';
import { testCheck } from '../tester.js';

testCheck(asyncProjection, {
  valid: [
    // projector 400 ms + async replication to eu-west 300 ms = 700 ms <= 1000 ms default
    { spec: 'cqrs/orders-ok.yaml' },
    // 900 + 400 = 1300 ms <= 1500 ms set by the rubric
    { spec: 'cqrs/stale-projection.yaml', name: 'a rubric allowing 1.5 s', options: { maxStalenessMs: 1500 } },
    { spec: 'design/no-patterns.yaml', name: 'no cqrs declared: does not apply', applies: false },
  ],
  invalid: [
    {
      spec: 'cqrs/stale-projection.yaml',
      // projector 900 ms + replica 400 ms = 1300 ms > 1000 ms; the projector is the bigger part
      findings: [
        {
          status: 'fail',
          messageId: 'tooStale',
          line: 12,
          data: { store: 'summary-db', staleness: '1300', limit: 1000, limitFrom: 'requirements.max_staleness_ms' },
        },
      ],
    },
    {
      spec: 'cqrs/projector-behind.yaml',
      name: 'a projector that receives events faster than it applies them',
      // 150 events/s on one replica of 100/s: utilization 1.5, the queue grows without bound; the queue is the bigger
      // part, so the finding points at the projector's replicas (line 8)
      findings: [
        {
          status: 'fail',
          messageId: 'fallsBehind',
          line: 8,
          data: {
            staleness: 'unbounded',
            parts: 'projector 100 ms, and a queue that grows without bound: it receives messages faster than its replicas process them',
          },
        },
      ],
    },
    {
      spec: 'cqrs/relay-far-replica.yaml',
      // relay 100 + projector 200 + async replication to ap-northeast 2000 = 2300 ms; replication is the bigger part
      findings: [
        {
          status: 'fail',
          messageId: 'tooStale',
          line: 15,
          data: {
            staleness: '2300',
            limit: 1000,
            limitFrom: 'default',
            parts: 'relay 100 ms + projector 200 ms + async replication 2000 ms',
          },
        },
      ],
    },
    {
      spec: 'cqrs/sync-projection.yaml',
      findings: [{ status: 'fail', messageId: 'syncProjection', line: 14, data: { writes: '100', stores: 'summary-db' } }],
    },
    {
      spec: 'cqrs/service-projection.yaml',
      findings: [
        { status: 'warn', messageId: 'projectionNotWorker', line: 14, data: { projection: 'orders-api', kind: 'service' } },
        { status: 'fail', messageId: 'noProjection', line: 4, data: { store: 'summary-db' } },
      ],
    },
  ],
});
