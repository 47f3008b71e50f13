// On-demand cost per component and region (src/analysis/cost.ts), against numbers worked out by hand.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { modelOf } from './model-of.js';

const costOf = (yaml: string) => analyse(modelOf(yaml)).cost;

describe('cost', () => {
  it("prices a standby region's nodes too: they run, waiting to be promoted", () => {
    const c = costOf(`
regions: [us-east, us-west]
components:
  api: {kind: service, regions: [us-east], replicas: 2}
  db:
    kind: database
    regions: [us-east]
    replicas: 2
    tech: postgres
    size: 2xlarge
    replication: {mode: sync}
    failover: {mode: active-passive, standby: us-west}
flows:
  read: {kind: read, rate: 100, path: [api, db]}
`);
    // db: postgres 2xlarge $0.899/h x 2 replicas in us-east and 2 in the us-west standby = $3.596/h; x 730 = $2,625.08
    expect(c.components.db!.regions['us-west']).toMatchObject({ replicas: 2, usdPerHour: 1.798 });
    expect(c.components.db).toMatchObject({ usdPerHour: 3.596, usdPerMonth: 2625.08 });
  });

  it("prices replicas per region at their tech/size, or at the kind's representative, over 730 hours", () => {
    const c = costOf(`
regions: [us-east, eu-west]
users: {us-east: 0.6, eu-west: 0.4}
components:
  web: {kind: client}
  api: {kind: service, replicas: 4}
  db: {kind: database, regions: [us-east], replicas: 2, tech: postgres, size: 2xlarge}
  cache: {kind: cache}
  pay: {kind: external}
flows:
  read: {kind: read, rate: 1000, path: [web, api, cache, db]}
  pay: {kind: write, rate: 10, path: [web, api, pay]}
`);
    // api: no tech -> app-server large $0.096/h; 4 replicas x 0.096 = $0.384/h per region, x 730 = $280.32/month
    expect(c.components.api).toMatchObject({
      tech: 'app-server',
      size: 'large',
      basis: 'representative',
      usdPerHour: 0.768,
      usdPerMonth: 560.64,
    });
    expect(c.components.api!.regions['eu-west']).toMatchObject({ replicas: 4, usdPerHour: 0.384, usdPerMonth: 280.32 });
    // db: postgres 2xlarge $0.899/h x 2 replicas = $1.798/h, one region; x 730 = $1,312.54
    expect(c.components.db).toMatchObject({ tech: 'postgres', size: '2xlarge', basis: 'spec', usdPerHour: 1.798, usdPerMonth: 1312.54 });
    // cache: redis large $0.206/h x 1 replica x 2 regions = $0.412/h; x 730 = $300.76
    expect(c.components.cache).toMatchObject({ tech: 'redis', usdPerHour: 0.412, usdPerMonth: 300.76 });
    // client and external are not on the bill
    expect(c.components.web).toMatchObject({ basis: 'free', usdPerHour: 0 });
    expect(c.components.pay).toMatchObject({ basis: 'free', usdPerHour: 0 });
    // total: 0.768 + 1.798 + 0.412 = $2.978/h; x 730 = $2,173.94
    expect(c.usdPerHour).toBeCloseTo(2.978, 4);
    expect(c.usdPerMonth).toBeCloseTo(2173.94, 2);
    // us-east: 0.384 + 1.798 + 0.206 = $2.388/h -> $1,743.24; eu-west: 0.384 + 0.206 = $0.59/h -> $430.70
    expect(c.regions['us-east']!.usdPerMonth).toBeCloseTo(1743.24, 2);
    expect(c.regions['eu-west']!.usdPerMonth).toBeCloseTo(430.7, 2);
    expect(c.mostExpensiveComponent).toBe('db');
    expect(c.mostExpensiveRegion).toBe('us-east');
  });

  it('bills request-priced services by the rate that reaches them in each region', () => {
    const c = costOf(`
regions: [us-east]
components:
  cdn: {kind: cdn, hit_ratio: 0.9}
  gw: {kind: gateway, tech: api-gateway}
  files: {kind: object-store}
flows:
  get: {kind: read, rate: 1000, path: [cdn, gw, files]}
`);
    // cdn (cloudfront, $1 per million): 1,000 req/s x 3,600 = 3.6 M req/h -> $3.60/h; 2 replicas cost nothing per hour
    expect(c.components.cdn!.regions['us-east']).toMatchObject({
      requestsPerS: 1000,
      replicaUsdPerHour: 0,
      requestUsdPerHour: 3.6,
      usdPerHour: 3.6,
    });
    // gw (api-gateway, $1 per million): 10 % misses = 100 req/s x 3,600 = 0.36 M -> $0.36/h
    expect(c.components.gw!.regions['us-east']).toMatchObject({ requestsPerS: 100, usdPerHour: 0.36 });
    // files (s3 representative, $0.40 per million): 100 req/s -> 0.36 M x 0.40 = $0.144/h
    expect(c.components.files).toMatchObject({ tech: 's3', basis: 'representative', usdPerHour: 0.144 });
    // total 3.6 + 0.36 + 0.144 = $4.104/h x 730 = $2,995.92
    expect(c.usdPerMonth).toBeCloseTo(2995.92, 2);
  });

  it('adds one proxy per meshed replica when the mesh names a sidecar product, nothing for ambient', () => {
    const spec = (tech: string) => `
regions: [us-east]
components:
  a: {kind: service, replicas: 3}
  b: {kind: service, replicas: 2}
  db: {kind: database}
flows:
  f: {kind: read, rate: 100, path: [a, b, db]}
patterns:
  mesh: {tech: ${tech}, services: [a, b], reasons: [mtls]}
`;
    const sidecar = costOf(spec('istio-sidecar'));
    // a: 3 x 0.096 = 0.288 + 3 proxies x 0.0096 = 0.0288 -> $0.3168/h
    expect(sidecar.components.a!.regions['us-east']).toMatchObject({ meshUsdPerHour: 0.0288, usdPerHour: 0.3168 });
    // b: 2 x 0.096 + 2 x 0.0096 = 0.192 + 0.0192 = $0.2112/h; db has no sidecar: 0.225
    expect(sidecar.components.b!.usdPerHour).toBeCloseTo(0.2112, 4);
    expect(sidecar.components.db!.regions['us-east']!.meshUsdPerHour).toBe(0);
    // total 0.3168 + 0.2112 + 0.225 = $0.753/h
    expect(sidecar.usdPerHour).toBeCloseTo(0.753, 4);
    // ambient: no per-sidecar proxies: 0.288 + 0.192 + 0.225 = $0.705/h
    expect(costOf(spec('istio-ambient')).usdPerHour).toBeCloseTo(0.705, 4);
  });

  it('bills a partitioned store for every node: partitions x replicas', () => {
    const c = costOf(`
regions: [us-east]
components:
  api: {kind: service}
  likes-db: {kind: database, replicas: 2, partitions: {count: 8, key: post_id}}
flows:
  like: {kind: write, rate: 100, path: [api, likes-db]}
`);
    // postgres large (the database representative) $0.225/h x 8 partitions x 2 replicas = $3.60/h; x 730 = $2,628
    expect(c.components['likes-db']).toMatchObject({ usdPerHour: 3.6, usdPerMonth: 2628 });
    expect(c.components['likes-db']!.regions['us-east']).toMatchObject({ replicas: 16 });
  });
});
