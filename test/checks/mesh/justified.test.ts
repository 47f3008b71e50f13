import justified from '../../../src/checks/mesh/justified.js';
import { testCheck } from '../tester.js';

testCheck(justified, {
  valid: [
    { spec: 'mesh/mesh-over-budget.yaml', name: 'justified by mTLS' },
    { spec: 'mesh/mesh-ambient.yaml', name: 'justified by observability and traffic shifting' },
    {
      spec: 'mesh/mesh-unjustified.yaml',
      name: 'justified by size when the rubric says 3 services are enough',
      options: { minServices: 3 },
    },
    { spec: 'scalability/capacity-ok.yaml', name: 'no mesh', applies: false },
  ],
  invalid: [
    {
      spec: 'mesh/mesh-unjustified.yaml',
      findings: [
        // gateway, api, worker: 3 < 5 meshed services; retries alone is not a need a mesh is for
        {
          status: 'warn',
          messageId: 'unjustified',
          line: 12,
          data: { count: 3, minServices: 5, stated: 'reasons: retries', overhead: '2.7' },
        },
      ],
    },
  ],
});
