import statelessReplicas from '../../../src/checks/scalability/stateless-replicas.js';
import { testCheck } from '../tester.js';

testCheck(statelessReplicas, {
  valid: [
    // lb and gateway default to 2 replicas, orders-api states 4, projector defaults to 2
    { spec: 'scalability/capacity-ok.yaml' },
  ],
  invalid: [
    {
      spec: 'scalability/single-replica.yaml',
      findings: [
        { status: 'fail', messageId: 'tooFew', line: 4, data: { component: 'lb', replicas: 1, minReplicas: 2 } },
        { status: 'fail', messageId: 'tooFew', line: 8, data: { component: 'api', kind: 'service', replicas: 1 } },
      ],
    },
    {
      spec: 'scalability/capacity-ok.yaml',
      name: 'three replicas required',
      options: { minReplicas: 3 },
      findings: [
        { messageId: 'tooFew', line: 5, data: { component: 'lb', replicas: 2 } },
        { messageId: 'tooFew', line: 6, data: { component: 'gateway', replicas: 2 } },
        { messageId: 'tooFew', line: 11, data: { component: 'projector', replicas: 2 } },
      ],
    },
  ],
});
