import honestFigures from '../../../src/checks/design/honest-figures.js';
import type { Givens } from '../../../src/specfile/givens.js';
import { placesIn } from '../../../src/specfile/places.js';
import { testCheck } from '../tester.js';

// A problem's scenario: two services and a database, each named with its kind. Best per class by hand:
// service capacity max(5,000, 20,000) = 20,000, threads max(200, 200) = 200 (sale-api's, seen first),
// latency p50 min(5, 1) = 1, p99 min(20, 4) = 4; database capacity 2,000.
const SCENARIO: Givens = {
  components: {
    'sale-api': { kind: 'service', latency_ms: { p50: 5, p99: 20 }, capacity_rps: 5000, threads: 200 },
    'waiting-room': { kind: 'service', latency_ms: { p50: 1, p99: 4 }, capacity_rps: 20_000, threads: 200 },
    'inventory-db': { kind: 'database', capacity_rps: 2000 },
    psp: { kind: 'external', latency_ms: { p50: 80, p99: 200 } },
  },
};

// The same scenario as a stage whose reference runs buy through gateway -> sale-api -> inventory-db: a component in
// one's place there is a stand-in for it (specfile/places.ts).
const STAGE: Givens = {
  components: { ...SCENARIO.components, gateway: { kind: 'gateway' } },
  placesOf: () =>
    placesIn(
      { buy: { path: ['gateway', 'sale-api', 'inventory-db'] } },
      { gateway: { kind: 'gateway' }, 'sale-api': { kind: 'service' }, 'inventory-db': { kind: 'database' } },
    ),
};

// Ranges by hand (src/data/tech.ts):
//   service capacity: 10 x the largest catalog figure of the kind (app-server 2xlarge, 20,000) = 200,000 req/s
//   threads per service replica: 5 x Tomcat's 200 = 1,000
//   availability of one region's deployment: at most 0.9999
//   RTT override floor us-east <-> eu-west: 0.8 x min(measured 82, course 80) = 64 ms
//   async lag floor: half the (measured) 82 ms round trip to the other copy = 41 ms
//   sidecar overhead floor: p50 1 / 2 = 0.5 ms (course minimum halved), p99 1 ms
testCheck(honestFigures, {
  valid: [
    { spec: 'design/honest-figures-ok.yaml' },
    { spec: 'design/honest-figures-catalog.yaml', name: 'a claim the catalog overrides passes unless the option asks' },
    {
      spec: 'design/honest-figures-proxy-ok.yaml',
      name: 'proxies that forward to code, a CDN to its object store, a gateway in a sibling branch',
    },
    { spec: 'design/honest-figures-proxy-ok.yaml', name: 'the same under a problem with givens', givens: SCENARIO },
    {
      spec: 'design/honest-figures-kinds-kept.yaml',
      name: "the problem's components keep their kinds; a load balancer and a cache the design adds are its own",
      givens: STAGE,
    },
  ],
  invalid: [
    {
      spec: 'design/honest-figures-renamed.yaml',
      name: 'renamed components claim figures no component of their kind has in the problem',
      givens: SCENARIO,
      findings: [
        // sale-svc: 20,000 req/s equals the best service (waiting-room): kept; 1,000 threads > 200: graded with 200
        {
          messageId: 'beyondGivens',
          line: 5,
          data: { name: 'sale-svc threads', claimed: '1000', used: '200', from: 'given for sale-api', kind: 'service or worker' },
        },
        // token-svc states exactly waiting-room's figures: nothing. stock-db: 10,000 > 2,000
        {
          messageId: 'beyondGivens',
          line: 7,
          data: { name: 'stock-db capacity_rps', claimed: '10,000', used: '2000', from: 'given for inventory-db', kind: 'database' },
        },
      ],
    },
    {
      spec: 'design/honest-figures-kind-changed.yaml',
      name: "the problem's components declared other kinds under their own names",
      givens: STAGE,
      // each at its kind field; graded as the given kind (a service calling a database: no proxy doing a service's work)
      findings: [
        {
          messageId: 'kindHeld',
          line: 4,
          data: { subject: 'gateway', usedKind: 'a gateway', claimedKind: 'a load balancer', from: 'given for gateway' },
        },
        {
          messageId: 'kindHeld',
          line: 5,
          data: { subject: 'sale-api', usedKind: 'a service', claimedKind: 'a load balancer', from: 'given for sale-api' },
        },
        {
          messageId: 'kindHeld',
          line: 6,
          data: { subject: 'inventory-db', usedKind: 'a database', claimedKind: 'a cache', from: 'given for inventory-db' },
        },
      ],
    },
    {
      spec: 'design/honest-figures-kind-stand-in.yaml',
      name: "a renamed component declared another kind in the given one's place; not the cache the design adds",
      givens: STAGE,
      findings: [
        {
          messageId: 'kindHeld',
          line: 5,
          data: {
            subject: 'sale-lb',
            usedKind: 'a service',
            claimedKind: 'a load balancer',
            from: 'given for sale-api, whose place sale-lb takes on flow buy',
          },
        },
      ],
    },
    {
      spec: 'design/honest-figures-unknown-external.yaml',
      name: 'a third party the problem does not have',
      givens: SCENARIO,
      // encoder is not among the problem's third parties (psp is): line 5, its kind
      findings: [{ messageId: 'unknownExternal', line: 5, data: { subject: 'encoder', from: 'psp' } }],
    },
    {
      spec: 'design/honest-figures-proxy-roles.yaml',
      name: "a gateway, a load balancer and a CDN that do a service's work on data",
      findings: [
        // sale-gw calls stock-db (and psp: one finding per component, at its first call)
        {
          messageId: 'kindRole',
          line: 14,
          data: { id: 'sale-gw', aKind: 'a gateway', flow: 'buy', target: 'stock-db', aTargetKind: 'a database' },
        },
        {
          messageId: 'kindRole',
          line: 15,
          data: { id: 'lb', aKind: 'a load balancer', flow: 'submit', target: 'jobs', aTargetKind: 'a queue' },
        },
        {
          messageId: 'kindRole',
          line: 16,
          data: { id: 'edge', aKind: 'a CDN', flow: 'page', target: 'stock-db', aTargetKind: 'a database' },
        },
        // a gateway without rate_limit has no counters to keep in a cache
        {
          messageId: 'kindRole',
          line: 18,
          data: { id: 'gateway', aKind: 'a gateway', flow: 'count', target: 'counters', aTargetKind: 'a cache' },
        },
      ],
    },
    {
      spec: 'design/honest-figures-inflated.yaml',
      findings: [
        // 1,000,000 > 200,000: graded with the service default 5,000
        {
          messageId: 'outOfRange',
          line: 7,
          data: { name: 'api capacity_rps', claimed: '1,000,000', used: '5000', range: 'between 0 and 200,000' },
        },
        // 20,000 > 1,000: graded with the default 200 threads
        { messageId: 'outOfRange', line: 8, data: { name: 'api threads', claimed: '20,000', used: '200', range: 'between 1 and 1000' } },
        // 1 > 0.9999: graded as one replica (0.999) behind the region's fate (0.9995): 0.9995 x 0.999 = 0.9985005
        { messageId: 'availabilityOne', line: 9, data: { name: 'db availability', claimed: '1', used: '0.9985', range: 'at most 0.9999' } },
      ],
    },
    {
      spec: 'design/honest-figures-hit-ratio.yaml',
      name: 'a hit ratio the problem does not give, above the plausible bound',
      findings: [
        // 0.999 > 0.99 (above TAO's published 96.4 %, rounded up): graded with the default 0.9
        { messageId: 'hitRatio', line: 4, data: { name: 'cache hit_ratio', claimed: '0.999', used: '0.9', range: 'at most 0.99' } },
      ],
    },
    {
      spec: 'design/honest-figures-network.yaml',
      findings: [
        // 5 ms < 64 ms: graded with the measured 82 ms
        {
          messageId: 'outOfRange',
          line: 12,
          data: { name: 'the round trip us-east <-> eu-west', claimed: '5', used: '82', range: 'at least 64' },
        },
        // 0 < 41 ms: graded with the 1,000 ms default (above the floor)
        {
          messageId: 'zeroLag',
          line: 9,
          data: { name: 'db replication.lag_ms', claimed: '0', used: '1000', range: 'between 41 and 600,000' },
        },
        // 0.2 < 0.5 (p50) and 0.2 < 1 (p99): graded with the measured sidecar pair 1.7 / 2.7 ms
        { messageId: 'outOfRange', line: 18, data: { name: "the mesh's overhead_ms.p50", claimed: '0.2', used: '1.7' } },
        { messageId: 'outOfRange', line: 18, data: { name: "the mesh's overhead_ms.p99", claimed: '0.2', used: '2.7' } },
      ],
    },
    {
      spec: 'design/honest-figures-worker-lag.yaml',
      name: 'a worker lag below the trip an event takes through the worker',
      findings: [
        // projector in eu-west: half the 82 ms round trip from order-events (us-east) = 41, 20 ms processing (worker
        // default), half the round trip back to views-db's primary (us-east) = 41 plus its 10 ms write = 51:
        // 41 + 20 + 51 = 112 ms > 5. The relay: 0.25 + 20 + (0.25 + 2) = 22.5 ms <= 50, kept.
        {
          messageId: 'belowFloor',
          line: 9,
          data: {
            name: 'projector lag_ms',
            claimed: '5',
            used: '112',
            floor: '41 ms from order-events + 20 ms processing + 51 ms to write views-db',
          },
        },
      ],
    },
    {
      spec: 'design/honest-figures-catalog.yaml',
      name: 'with catalog: true, a claim against the named technology fails too',
      options: { catalog: true },
      findings: [
        // redis large: 0.2 / 1 ms; the spec's p50 0.2 matches, its p99 0.3 does not
        {
          messageId: 'catalog',
          line: 8,
          data: { name: 'cache latency_ms.p99', claimed: '0.3', used: '1', from: 'redis large (cache.r6g.large)' },
        },
      ],
    },
  ],
});
