// The technology catalog: what a candidate names in an interview (PostgreSQL, Redis, Kafka...), with
// per-replica figures and on-demand prices, each with its source; and the plausible range of every
// figure a spec may state for itself, per component kind. Plain data: no imports beyond figures.ts.
import {
  COURSE_MESH_OVERHEAD_MS,
  DEFAULT_THREADS,
  KIND_DEFAULTS,
  MESH_OVERHEAD_MS,
  SOURCES,
  type LatencyFigure,
  type Source,
} from './figures.js';

/** Sources of the catalog's figures (same shape as SOURCES in figures.ts). */
export const TECH_SOURCES = {
  awsEc2Pricing: {
    title: 'AWS, "Amazon EC2 On-Demand Pricing", US East (N. Virginia), Linux (price list as read 2024-06)',
    where: 'm6i.large (2 vCPU) $0.096/h, m6i.2xlarge (8 vCPU) $0.384/h',
  },
  awsRdsPricing: {
    title: 'AWS, "Amazon RDS for PostgreSQL / MySQL pricing", US East (N. Virginia), Single-AZ on-demand (price list as read 2024-06)',
    where: 'PostgreSQL db.r6g.large $0.225/h, db.r6g.2xlarge $0.899/h; MySQL db.r6g.large $0.215/h, db.r6g.2xlarge $0.861/h',
  },
  awsRdsSla: {
    title: 'AWS, "Amazon RDS Service Level Agreement"',
    where: 'Multi-AZ DB instance: 99.95 % monthly uptime',
  },
  postgresConnections: {
    title: 'PostgreSQL documentation, "20.3 Connections and Authentication"',
    where: 'max_connections defaults to 100',
  },
  mysqlConnections: {
    title: 'MySQL 8.0 Reference Manual, "Server System Variables"',
    where: 'max_connections defaults to 151',
  },
  dynamoPartitions: {
    title: 'Amazon DynamoDB Developer Guide, "Understanding DynamoDB warm throughput" and "Best practices for designing partition keys"',
    where: 'each partition serves at most 3,000 read units and 1,000 write units per second; single-digit millisecond latency',
  },
  dynamoPricing: {
    title: 'AWS, "Amazon DynamoDB pricing for provisioned capacity", US East (N. Virginia) (price list as read 2024-06)',
    where: '$0.00065 per WCU-hour, $0.00013 per RCU-hour',
  },
  dynamoAvailability: {
    title: 'AWS Prescriptive Guidance / DynamoDB SLA',
    where: '99.99 % in one region, 99.999 % with global tables; global tables replicate typically within 1 s',
  },
  redisBenchmark: {
    title: 'Redis documentation, "Benchmarks" (redis-benchmark, 50 clients, 256-byte values)',
    where: 'about 110,000 SETs/s and 81,000 GETs/s on one core; p50 ~0.17 ms, p99 < 1 ms at 50 clients',
  },
  redisLatency: {
    title: 'Redis documentation, "Diagnosing latency issues"',
    where: 'command processing is sub-microsecond; the network (~0.2 ms on 1 Gb/s) dominates',
  },
  elasticachePricing: {
    title: 'AWS, "Amazon ElastiCache pricing", US East (N. Virginia), on-demand nodes (price list as read 2024-06)',
    where: 'cache.r6g.large $0.206/h, cache.r6g.xlarge $0.411/h; Multi-AZ SLA 99.99 %',
  },
  kafkaConfluent: {
    title: 'Confluent blog, Kafka latency at a bank (tuned, < 5 KB messages)',
    where: 'end-to-end p99 < 5 ms at 1.6M msg/s across the cluster',
  },
  kafkaTails: {
    title: 'Allegro engineering via Conduktor blog, Kafka produce latency in practice',
    where: 'p99 up to 1 s and p999 up to 3 s before tuning',
  },
  mskPricing: {
    title: 'AWS, "Amazon MSK pricing", US East (N. Virginia), provisioned brokers (price list as read 2024-06); MSK SLA 99.9 %',
    where: 'kafka.m5.large $0.21/h, kafka.m5.2xlarge $0.84/h per broker',
  },
  sqsDocs: {
    title: 'Amazon SQS Developer Guide, "Amazon SQS quotas" and pricing page (as read 2024-06); SQS SLA 99.9 %',
    where:
      'standard queues: nearly unlimited transactions per second; FIFO 300 messages/s per API action (3,000 with batching); $0.40 per million requests',
  },
  openSearchPricing: {
    title: 'AWS, "Amazon OpenSearch Service pricing", US East (N. Virginia) (price list as read 2024-06); OpenSearch SLA 99.9 %',
    where: 'r6g.large.search $0.167/h, r6g.2xlarge.search $0.669/h',
  },
  s3Performance: {
    title: 'Amazon S3 User Guide, "Best practices design patterns: optimizing Amazon S3 performance"',
    where: '3,500 PUT/COPY/POST/DELETE and 5,500 GET/HEAD requests per second per prefix; first-byte latency ~100-200 ms',
  },
  s3Pricing: {
    title: 'AWS, "Amazon S3 pricing", S3 Standard, US East (N. Virginia) (price list as read 2024-06); designed for 99.99 % availability',
    where: '$0.005 per 1,000 PUT requests, $0.0004 per 1,000 GET requests',
  },
  cloudfrontPricing: {
    title: 'AWS, "Amazon CloudFront pricing", United States (price list as read 2024-06); CloudFront SLA 99.9 %',
    where: '$0.0100 per 10,000 HTTPS requests',
  },
  elbPricing: {
    title: 'AWS, "Elastic Load Balancing pricing", US East (N. Virginia) (price list as read 2024-06); ELB SLA 99.99 %',
    where: 'Application Load Balancer $0.0225 per hour plus $0.008 per LCU-hour',
  },
  apiGatewayDocs: {
    title: 'Amazon API Gateway Developer Guide, quotas, and pricing page (as read 2024-06); API Gateway SLA 99.95 %',
    where: '10,000 requests/s account throttle per region; HTTP APIs $1.00 per million requests',
  },
  tomcatThreads: {
    title: 'Apache Tomcat 10 configuration reference, "The HTTP Connector"',
    where: 'maxThreads defaults to 200 request-processing threads',
  },
  ec2Sla: {
    title: 'AWS, "Amazon Compute Service Level Agreement"',
    where: 'EC2 region-level 99.99 %, single instance 99.5 %',
  },
  istioSidecarCost: {
    title: 'istio.io 1.24 docs, "Performance and scalability"',
    where: 'a sidecar at 1,000 rps uses 0.20 vCPU and 60 MB; a sidecar pair adds ~2.65 ms at p90',
  },
  linkerdBenchmark: {
    title: 'linkerd.io blog, 2021-05-27, "Benchmarking Linkerd and Istio"',
    where: 'Linkerd proxy adds < 1 ms median per hop; multi-hop app at 2,000 rps: Linkerd +9 ms, Istio +15 ms median end to end',
  },
  awsMonthHours: {
    title: 'AWS Pricing Calculator, "Assumptions" (calculator.aws)',
    where: 'monthly cost = hourly price x 730 hours (24 x 365 / 12)',
  },
  plausibleRanges: {
    title: 'sdcoach convention over the sourced figures (docs/spec.md, "Plausible ranges")',
    where:
      "upper bounds: 10 x the largest catalog figure of the kind (capacity), 5 x Tomcat's 200 threads, 99.99 % for one region's deployment (the highest single-region SLA above); lower bounds: the fastest published figure of the kind",
  },
} as const satisfies Record<string, Source>;

export type TechSourceId = keyof typeof TECH_SOURCES;

/** Every named source, the general figures' and the catalog's, for explain and the check docs. */
export const ALL_SOURCES: Record<keyof typeof SOURCES | TechSourceId, Source> = { ...SOURCES, ...TECH_SOURCES };

export interface TechSize {
  /** The provider's name for it (instance class). */
  instance: string;
  read: LatencyFigure;
  write: LatencyFigure;
  /** Requests (or operations) per second one replica serves. */
  readRps: number;
  writeRps: number;
  /** Request threads (services) or client connections (databases) one replica accepts. */
  connections?: number;
  /** On-demand list price per replica-hour, USD (0 where billing is per request). */
  usdPerHour: number;
  /** Per-request billing, USD per million requests (managed services billed by use). */
  usdPerMillionRequests?: number;
}

export interface Tech {
  title: string;
  /** Component kinds this technology can be. */
  kinds: readonly string[];
  sizes: Record<string, TechSize>;
  defaultSize: string;
  /** Availability of one region's deployment (the provider's SLA or design target). */
  availability: number;
  /** Replication lag by mode, ms (async: typical figure the source gives). */
  replicationLagMs?: { async: number };
  sources: readonly TechSourceId[];
}

const l = (p50: number, p99: number): LatencyFigure => ({ p50, p99 });

/** The catalog. Sizes scale by vCPU where only one size is measured (sdcoach convention, stated per entry). */
export const TECH: Record<string, Tech> = {
  postgres: {
    title: 'PostgreSQL (Amazon RDS)',
    kinds: ['database', 'event-store'],
    sizes: {
      // Capacity: SystemForge's SQL database per instance on 2 vCPU; x4 for 8 vCPU.
      large: {
        instance: 'db.r6g.large',
        read: l(2, 8),
        write: l(5, 20),
        readRps: 10_000,
        writeRps: 10_000,
        connections: 100,
        usdPerHour: 0.225,
      },
      '2xlarge': {
        instance: 'db.r6g.2xlarge',
        read: l(2, 8),
        write: l(5, 20),
        readRps: 40_000,
        writeRps: 40_000,
        connections: 100,
        usdPerHour: 0.899,
      },
    },
    defaultSize: 'large',
    availability: 0.9995,
    replicationLagMs: { async: 1000 },
    sources: ['awsRdsPricing', 'awsRdsSla', 'postgresConnections'],
  },
  mysql: {
    title: 'MySQL (Amazon RDS)',
    kinds: ['database'],
    sizes: {
      large: {
        instance: 'db.r6g.large',
        read: l(2, 8),
        write: l(5, 20),
        readRps: 10_000,
        writeRps: 10_000,
        connections: 151,
        usdPerHour: 0.215,
      },
      '2xlarge': {
        instance: 'db.r6g.2xlarge',
        read: l(2, 8),
        write: l(5, 20),
        readRps: 40_000,
        writeRps: 40_000,
        connections: 151,
        usdPerHour: 0.861,
      },
    },
    defaultSize: 'large',
    availability: 0.9995,
    replicationLagMs: { async: 1000 },
    sources: ['awsRdsPricing', 'awsRdsSla', 'mysqlConnections'],
  },
  dynamodb: {
    title: "Amazon DynamoDB (provisioned, one partition's worth per replica)",
    kinds: ['database', 'event-store'],
    sizes: {
      // One partition: 3,000 RCU + 1,000 WCU = 3,000 x $0.00013 + 1,000 x $0.00065 = $1.04/h.
      partition: { instance: '3,000 RCU + 1,000 WCU', read: l(3, 10), write: l(5, 15), readRps: 3_000, writeRps: 1_000, usdPerHour: 1.04 },
    },
    defaultSize: 'partition',
    availability: 0.9999,
    replicationLagMs: { async: 1000 },
    sources: ['dynamoPartitions', 'dynamoPricing', 'dynamoAvailability'],
  },
  redis: {
    title: 'Redis (Amazon ElastiCache)',
    kinds: ['cache', 'database'],
    sizes: {
      large: {
        instance: 'cache.r6g.large',
        read: l(0.2, 1),
        write: l(0.2, 1),
        readRps: 80_000,
        writeRps: 110_000,
        connections: 10_000,
        usdPerHour: 0.206,
      },
      xlarge: {
        instance: 'cache.r6g.xlarge',
        read: l(0.2, 1),
        write: l(0.2, 1),
        readRps: 80_000,
        writeRps: 110_000,
        connections: 10_000,
        usdPerHour: 0.411,
      },
    },
    defaultSize: 'large',
    availability: 0.9999,
    replicationLagMs: { async: 1000 },
    sources: ['redisBenchmark', 'redisLatency', 'elasticachePricing'],
  },
  memcached: {
    title: 'Memcached (Amazon ElastiCache)',
    kinds: ['cache'],
    sizes: {
      large: { instance: 'cache.r6g.large', read: l(0.2, 1), write: l(0.2, 1), readRps: 80_000, writeRps: 80_000, usdPerHour: 0.206 },
    },
    defaultSize: 'large',
    availability: 0.9999,
    sources: ['redisLatency', 'elasticachePricing'],
  },
  kafka: {
    title: 'Apache Kafka (Amazon MSK), per broker',
    kinds: ['stream', 'event-store', 'queue'],
    sizes: {
      large: { instance: 'kafka.m5.large', read: l(2, 5), write: l(2, 5), readRps: 100_000, writeRps: 100_000, usdPerHour: 0.21 },
      '2xlarge': { instance: 'kafka.m5.2xlarge', read: l(2, 5), write: l(2, 5), readRps: 400_000, writeRps: 400_000, usdPerHour: 0.84 },
    },
    defaultSize: 'large',
    availability: 0.999,
    replicationLagMs: { async: 1000 },
    sources: ['kafkaConfluent', 'kafkaTails', 'mskPricing'],
  },
  sqs: {
    title: 'Amazon SQS (FIFO figures; standard queues scale further)',
    kinds: ['queue'],
    sizes: {
      fifo: {
        instance: 'FIFO queue, batched',
        read: l(10, 50),
        write: l(10, 50),
        readRps: 3_000,
        writeRps: 3_000,
        usdPerHour: 0,
        usdPerMillionRequests: 0.5,
      },
      standard: {
        instance: 'standard queue',
        read: l(10, 50),
        write: l(10, 50),
        readRps: 100_000,
        writeRps: 100_000,
        usdPerHour: 0,
        usdPerMillionRequests: 0.4,
      },
    },
    defaultSize: 'standard',
    availability: 0.999,
    sources: ['sqsDocs'],
  },
  opensearch: {
    title: 'OpenSearch / Elasticsearch (Amazon OpenSearch Service), per data node',
    kinds: ['search'],
    sizes: {
      large: { instance: 'r6g.large.search', read: l(10, 30), write: l(10, 30), readRps: 20_000, writeRps: 5_000, usdPerHour: 0.167 },
      '2xlarge': {
        instance: 'r6g.2xlarge.search',
        read: l(10, 30),
        write: l(10, 30),
        readRps: 80_000,
        writeRps: 20_000,
        usdPerHour: 0.669,
      },
    },
    defaultSize: 'large',
    availability: 0.999,
    replicationLagMs: { async: 1000 },
    sources: ['openSearchPricing'],
  },
  s3: {
    title: 'Amazon S3 Standard, per key prefix',
    kinds: ['object-store'],
    sizes: {
      prefix: {
        instance: 'one key prefix',
        read: l(75, 200),
        write: l(75, 200),
        readRps: 5_500,
        writeRps: 3_500,
        usdPerHour: 0,
        usdPerMillionRequests: 0.4,
      },
    },
    defaultSize: 'prefix',
    availability: 0.9999,
    sources: ['s3Performance', 's3Pricing'],
  },
  cloudfront: {
    title: 'Amazon CloudFront edge',
    kinds: ['cdn'],
    sizes: {
      edge: {
        instance: 'edge location',
        read: l(15, 45),
        write: l(15, 45),
        readRps: 500_000,
        writeRps: 500_000,
        usdPerHour: 0,
        usdPerMillionRequests: 1,
      },
    },
    defaultSize: 'edge',
    availability: 0.999,
    sources: ['cloudfrontPricing'],
  },
  alb: {
    title: 'Application Load Balancer',
    kinds: ['load-balancer'],
    sizes: {
      standard: { instance: 'ALB', read: l(1, 3), write: l(1, 3), readRps: 1_000_000, writeRps: 1_000_000, usdPerHour: 0.0225 },
    },
    defaultSize: 'standard',
    availability: 0.9999,
    sources: ['elbPricing'],
  },
  'api-gateway': {
    title: 'Amazon API Gateway (HTTP API)',
    kinds: ['gateway'],
    sizes: {
      regional: {
        instance: 'HTTP API',
        read: l(10, 30),
        write: l(10, 30),
        readRps: 10_000,
        writeRps: 10_000,
        usdPerHour: 0,
        usdPerMillionRequests: 1,
      },
    },
    defaultSize: 'regional',
    availability: 0.9995,
    sources: ['apiGatewayDocs'],
  },
  'app-server': {
    title: 'A generic service on EC2 (Tomcat-style thread pool)',
    kinds: ['service', 'worker', 'gateway'],
    sizes: {
      // SystemForge's application server per instance on 2 vCPU; x4 for 8 vCPU.
      large: {
        instance: 'm6i.large',
        read: l(20, 60),
        write: l(20, 60),
        readRps: 5_000,
        writeRps: 5_000,
        connections: 200,
        usdPerHour: 0.096,
      },
      '2xlarge': {
        instance: 'm6i.2xlarge',
        read: l(20, 60),
        write: l(20, 60),
        readRps: 20_000,
        writeRps: 20_000,
        connections: 200,
        usdPerHour: 0.384,
      },
    },
    defaultSize: 'large',
    availability: 0.9999,
    sources: ['awsEc2Pricing', 'ec2Sla', 'tomcatThreads'],
  },
};

/** Mesh data planes a spec can name under patterns.mesh.tech: the overhead per call between meshed components. */
export interface MeshTech {
  title: string;
  dataPlane: 'sidecar' | 'ambient';
  overheadMs: LatencyFigure;
  /** Price of one proxy per hour (0.20 vCPU of an m6i.large's 2 vCPU at $0.096/h = $0.0096), 0 for ambient's per-node proxy. */
  usdPerProxyHour: number;
  sources: readonly string[];
}

export const MESH_TECH: Record<string, MeshTech> = {
  'istio-sidecar': {
    title: 'Istio with Envoy sidecars',
    dataPlane: 'sidecar',
    overheadMs: { p50: MESH_OVERHEAD_MS.sidecar.p50, p99: MESH_OVERHEAD_MS.sidecar.p99 },
    usdPerProxyHour: 0.0096,
    sources: ['istioOpenshift', 'istioSidecarCost'],
  },
  // Linkerd's "< 1 ms" median per hop; its p99 is not published per hop, so the Istio sidecar p99 stands in (conservative).
  linkerd: {
    title: 'Linkerd (linkerd2-proxy sidecars)',
    dataPlane: 'sidecar',
    overheadMs: { p50: 1, p99: MESH_OVERHEAD_MS.sidecar.p99 },
    usdPerProxyHour: 0.0096,
    sources: ['linkerdBenchmark', 'istioOpenshift'],
  },
  'istio-ambient': {
    title: 'Istio ambient mode (ztunnel, L4)',
    dataPlane: 'ambient',
    overheadMs: { p50: MESH_OVERHEAD_MS.ambient.p50, p99: MESH_OVERHEAD_MS.ambient.p99 },
    usdPerProxyHour: 0,
    sources: ['istioAmbient'],
  },
};

export interface Range {
  min?: number;
  max?: number;
}

/** Plausible range of each figure a spec may state, per component kind. Source: TECH_SOURCES.plausibleRanges. */
export interface KindRanges {
  capacityRps: Range;
  threads?: Range;
  /** Floor of p50 and p99 of processing time (reads for stores). */
  latencyMs: Range;
  writeLatencyMs: Range;
  availability: Range;
}

/** The largest per-replica capacity the catalog lists for a kind (or the kind's default). */
function largestCapacity(kind: string): number {
  let best = KIND_DEFAULTS[kind]?.capacityRps ?? 0;
  for (const t of Object.values(TECH)) {
    if (!t.kinds.includes(kind)) continue;
    for (const s of Object.values(t.sizes)) best = Math.max(best, s.readRps, s.writeRps);
  }
  return best;
}

/** 10 x the largest catalog capacity of the kind: room for bigger machines, not for a wish. */
const CAPACITY_HEADROOM = 10;
/** 5 x the Tomcat default of 200 threads per replica. */
export const MAX_THREADS_PER_REPLICA = DEFAULT_THREADS * 5;
/** The highest single-region availability any source above publishes (DynamoDB, S3, ELB: 99.99 %). */
export const MAX_REGIONAL_AVAILABILITY = 0.9999;

/** Fastest processing time a kind plausibly has, ms (p50 floor; p99 may not be below it either). */
const LATENCY_FLOOR_MS: Record<string, { read: number; write: number }> = {
  client: { read: 0, write: 0 },
  cdn: { read: 1, write: 1 },
  'load-balancer': { read: 0.1, write: 0.1 },
  gateway: { read: 0.5, write: 0.5 },
  service: { read: 0.5, write: 0.5 },
  worker: { read: 0.5, write: 0.5 },
  // Redis: p50 ~0.17 ms in redis-benchmark (SOURCES redisBenchmark).
  cache: { read: 0.1, write: 0.1 },
  database: { read: 0.5, write: 1 },
  queue: { read: 0.5, write: 0.5 },
  stream: { read: 0.5, write: 1 },
  'event-store': { read: 0.5, write: 1 },
  search: { read: 1, write: 1 },
  // S3 first-byte latency ~100-200 ms; a tenth of that is the floor.
  'object-store': { read: 10, write: 10 },
  // A third party answers from outside the datacenter: at least one intra-region round trip's worth.
  external: { read: 1, write: 1 },
};

function rangesFor(kind: string): KindRanges {
  const floor = LATENCY_FLOOR_MS[kind] ?? { read: 0, write: 0 };
  const unbounded = kind === 'client' || kind === 'external';
  const out: KindRanges = {
    capacityRps: unbounded ? { min: 0 } : { min: 0, max: largestCapacity(kind) * CAPACITY_HEADROOM },
    latencyMs: { min: floor.read },
    writeLatencyMs: { min: floor.write },
    availability: kind === 'client' ? { max: 1 } : { max: MAX_REGIONAL_AVAILABILITY },
  };
  if (kind === 'service' || kind === 'worker') out.threads = { min: 1, max: MAX_THREADS_PER_REPLICA };
  // Gateways are event-loop proxies: what they hold per replica are concurrent requests on connections, not threads.
  if (kind === 'gateway') out.threads = { min: 1, max: MAX_THREADS_PER_REPLICA * 10 };
  return out;
}

export const PLAUSIBLE: Record<string, KindRanges> = Object.fromEntries(Object.keys(KIND_DEFAULTS).map((k) => [k, rangesFor(k)]));

/** Mesh overhead per call a spec may state, by data plane: at least the fastest published figure of that plane. */
export const MESH_OVERHEAD_RANGE: Record<'sidecar' | 'ambient', { p50: Range; p99: Range }> = {
  // Sidecars: Linkerd's "< 1 ms" median is the fastest published; the course says 1-5 ms per hop.
  sidecar: { p50: { min: COURSE_MESH_OVERHEAD_MS.min / 2 }, p99: { min: COURSE_MESH_OVERHEAD_MS.min } },
  ambient: { p50: { min: MESH_OVERHEAD_MS.ambient.p50 / 2 }, p99: { min: MESH_OVERHEAD_MS.ambient.p99 / 2 } },
};

/**
 * An RTT override below this share of the lowest published figure for the pair (measured or course)
 * is not a network anyone measured (AWS's own table differs from Azure's by ~20 % at most on the
 * pairs DOMAIN.md lists); sdcoach convention.
 */
export const RTT_OVERRIDE_FLOOR_SHARE = 0.8;
/** Inside one region: inter-AZ round trips measured from 0.25 ms (cloudping.io, DOMAIN.md section 8). */
export const INTRA_REGION_FLOOR_MS = 0.25;
/** Async replication cannot beat physics: its lag is at least half the RTT to the farthest copy, and more than 0. */
export const MIN_ASYNC_LAG_MS = 1;

export function techNames(): string[] {
  return Object.keys(TECH);
}

/** Surge multiplier on peak load used by capacity analysis unless a problem gives another (sdcoach convention). */
export const DEFAULT_SURGE_FACTOR = 2;
