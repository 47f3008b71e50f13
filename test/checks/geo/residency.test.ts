import residency from '../../../src/checks/geo/residency.js';
import { testCheck } from '../tester.js';

testCheck(residency, {
  valid: [
    // eu expands to eu-west, eu-central; users-db is in eu-west with its standby in eu-central
    { spec: 'geo/residency-ok.yaml' },
    { spec: 'geo/replica-near.yaml', name: 'no data class has a residency rule', applies: false },
    { spec: 'geo/residency-carried-inside.yaml', name: 'a change stream and the index it feeds kept in the allowed area' },
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
    {
      spec: 'geo/residency-carried.yaml',
      name: 'a change stream relayed out of the area, and the index a worker copies it into',
      findings: [
        {
          status: 'fail',
          messageId: 'carriedOutside',
          line: 8,
          data: {
            dataClass: 'eu-profiles',
            store: 'profile-changes',
            region: 'us-east',
            via: 'profiles-db -> profile-cdc -> profile-changes',
            allowed: 'eu-west, eu-central',
          },
        },
        {
          status: 'fail',
          messageId: 'carriedOutside',
          line: 10,
          data: {
            store: 'search-index',
            region: 'us-east',
            via: 'profiles-db -> profile-cdc -> profile-changes -> indexer -> search-index',
          },
        },
      ],
    },
  ],
});
