import residency from '../../../src/checks/geo/residency.js';
import { testCheck } from '../tester.js';

testCheck(residency, {
  valid: [
    // eu expands to eu-west, eu-central; users-db is in eu-west with its standby in eu-central
    { spec: 'geo/residency-ok.yaml' },
    { spec: 'geo/replica-near.yaml', name: 'no data class has a residency rule', applies: false },
  ],
  invalid: [
    {
      spec: 'geo/residency-outside.yaml',
      findings: [
        {
          status: 'fail',
          messageId: 'outsideResidency',
          line: 6,
          data: {
            dataClass: 'eu-personal-data',
            copy: 'replica',
            store: 'users-db',
            region: 'us-east',
            allowed: 'eu-west, eu-central',
            rule: 'eu',
          },
        },
        {
          status: 'fail',
          messageId: 'outsideResidency',
          line: 10,
          data: { copy: 'failover standby', store: 'sessions-db', region: 'us-east' },
        },
      ],
    },
    {
      spec: 'geo/residency-none.yaml',
      name: 'an unreplicated copy is its own data set of the class, still stored outside',
      findings: [
        {
          status: 'fail',
          messageId: 'outsideResidency',
          line: 4,
          data: { dataClass: 'eu-profiles', copy: 'separate data set (replication none)', store: 'profiles', region: 'us-east' },
        },
      ],
    },
  ],
});
