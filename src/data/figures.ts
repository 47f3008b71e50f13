// Every external figure sdcoach computes with, each with its source (see shared reference DOMAIN.md).
// Nothing else in the codebase writes these numbers as literals: import them from here.

export interface Source {
  title: string;
  where: string;
}

export const SOURCES = {
  azureRtt: {
    title: 'Microsoft Azure, "Azure network round-trip latency statistics" (monthly P50, mid-2023)',
    where: 'MicrosoftDocs/azure-docs, articles/networking/azure-network-latency.md',
  },
  deanNorvig: {
    title: 'J. Dean / P. Norvig, "Latency numbers every programmer should know"',
    where: 'round trip within one datacenter ~0.5 ms',
  },
  course: {
    title: 'Course material, "Scalability Patterns" module',
    where: 'coarse interview figures: cross-US ~40 ms, US-EU ~80 ms, US-Asia ~150 ms; CQRS at >= 100:1; bulkhead 200 = 50 + 20 + 130',
  },
  istioOpenshift: {
    title: 'Red Hat OpenShift Service Mesh docs, "Additional latency" (Istio 1.12, 1000 rps, 1 KB, mTLS)',
    where: 'sidecar pair adds +1.7 ms p90 and +2.7 ms p99 per call',
  },
  istioAmbient: {
    title: 'istio.io v1.22 docs, ambient mode performance',
    where: 'two ztunnels (L4) add +0.17 ms p90 and +0.20 ms p99',
  },
  azureWaf: {
    title: 'Microsoft Azure Well-Architected Framework, resiliency business metrics',
    where: 'architecture-center, docs/framework/resiliency/business-metrics.md: serial product, redundancy 1 - (1 - a)^n',
  },
  awsDr: {
    title: 'AWS whitepaper "Disaster Recovery of Workloads on AWS"',
    where: 'Aurora Global Database: async lag typically under 1 s, promotion under a minute',
  },
  littlesLaw: {
    title: 'J. D. C. Little, "A Proof for the Queuing Formula: L = λW", Operations Research 9(3), 1961',
    where:
      'items in a system = arrival rate x time each spends in it: a crawler fetching 1,000 pages/s at 0.3 s each holds 300 fetches at once',
  },
  twitterTimelines: {
    title:
      'R. Krikorian, "Timelines at Scale" (QCon San Francisco 2012, InfoQ); retold in M. Kleppmann, "Designing Data-Intensive Applications" ch. 1, "Describing Load"',
    where:
      "tweets are fanned out on write into each follower's cached home timeline; accounts with very many followers are excluded and merged into the timeline at read time (a hybrid)",
  },
  awsTimeouts: {
    title: 'M. Brooker, "Timeouts, retries, and backoff with jitter" (Amazon Builders\' Library)',
    where:
      'choose an acceptable rate of false timeouts (for example 0.1 %), then set the timeout at the downstream latency percentile it leaves above (p99.9)',
  },
  hystrix: {
    title: 'Netflix Hystrix wiki, "Configuration" (thread pool sizing)',
    where: 'threads = peak rps x p99 latency (s) + breathing room, e.g. 60 x 0.2 + 5 = 17',
  },
  systemforge: {
    title: 'SystemForge simulator, src/domain/components/params.ts (per-instance defaults)',
    where: 'requests/s per instance and service time per component kind',
  },
  eventSourcingFrameworks: {
    title: "Event-sourcing frameworks' snapshot defaults (Axon EventCountSnapshotTriggerDefinition, Ecotone 100, Synapse 50)",
    where: 'replay cost = events since last snapshot x per-event apply time',
  },
  azureVmSla: {
    title: 'Microsoft Azure, "SLA for Virtual Machines" (Online Services SLA)',
    where: 'one instance (premium storage) 99.9 %; two or more instances across availability zones in one region 99.99 %',
  },
  route53HealthChecks: {
    title:
      'Amazon Route 53 Developer Guide, "How Amazon Route 53 determines whether a health check is healthy" and "Values that you specify when you create or update health checks"',
    where: 'request interval 30 s (standard) or 10 s (fast); failure threshold default 3 consecutive failures',
  },
  route53Ttl: {
    title: 'Amazon Route 53 Developer Guide, "Configuring DNS failover" / record TTL guidance',
    where: 'records behind health checks: a TTL of 60 s or less so resolvers pick up a failover quickly',
  },
  jdkDnsCache: {
    title: 'Oracle, Java SE API documentation, java.net.InetAddress, "InetAddress Caching" (networkaddress.cache.ttl)',
    where:
      "a successful lookup is kept for an implementation-specific time when no policy is set, 30 s in the JDK; browsers keep theirs about a minute (Chrome's host cache, Firefox network.dnsCacheExpiration 60 s): clients keep an address for their own time, whatever the record's TTL",
  },
  globalAccelerator: {
    title: 'AWS Global Accelerator Developer Guide, "How AWS Global Accelerator works" and "How failover works for unhealthy endpoints"',
    where:
      'static anycast IP addresses announced from every edge location; when an endpoint group has no healthy endpoint, traffic goes to a healthy one in another Region, with no DNS record to expire',
  },
  raft: {
    title: 'D. Ongaro, J. Ousterhout, "In Search of an Understandable Consensus Algorithm (Raft)", USENIX ATC 2014; etcd tuning guide',
    where:
      'election timeouts 150-300 ms in the paper; etcd defaults: heartbeat 100 ms, election timeout 1000 ms; writes go through the leader and commit on a majority; linearizable reads go to the leader (read index)',
  },
  deanBarroso: {
    title: 'J. Dean and L. A. Barroso, "The Tail at Scale", Communications of the ACM 56(2), 2013',
    where: 'a request that fans out to 100 servers, each slow (1 s) 1% of the time, is slow 63% of the time (1 - 0.99^100)',
  },
  normalQuantiles: {
    title:
      'NIST/SEMATECH e-Handbook of Statistical Methods, 1.3.6.7.1 "Cumulative distribution function of the standard normal distribution"',
    where: "z(0.99) = 2.326; other quantiles by P. J. Acklam's rational approximation of the inverse normal CDF (relative error < 1.2e-9)",
  },
  primerEstimation: {
    title: 'donnemartin/system-design-primer, "Appendix: Powers of two table" and "Latency numbers every programmer should know"',
    where:
      'README.md appendix: 2^10 ~ 1 thousand ... 2^40 ~ 1 trillion; L1 0.5 ns, main memory 100 ns, SSD random read 150 us, same-datacenter round trip 500 us, disk seek 10 ms, CA-Netherlands-CA 150 ms',
  },
  kleppmannRaces: {
    title:
      'M. Kleppmann, "Designing Data-Intensive Applications" (O\'Reilly 2017), ch. 7 "Transactions": "Preventing Lost Updates" and "Write Skew and Phantoms"',
    where:
      'read-modify-write and check-then-act races (two doctors both read "two on call", both go off call); atomic writes, explicit locks, compare-and-set; the meeting-room double booking',
  },
  dynamoConditionalWrites: {
    title: 'Amazon DynamoDB Developer Guide, "Condition expressions" and "Optimistic locking with version number"',
    where:
      'a conditional write applies only if the item still matches the condition (e.g. attribute_not_exists, version = expected), else fails with ConditionalCheckFailedException',
  },
  eventStoreExpectedVersion: {
    title: 'EventStoreDB documentation, "Appending events": optimistic concurrency with expectedRevision',
    where:
      'an append states the stream revision it expects; if another append got there first the write is rejected (WrongExpectedVersion) and the command is retried on the new state',
  },
  redisSetNx: {
    title: 'Redis documentation, SET command (NX, EX/PX options) and "Distributed Locks with Redis"',
    where:
      'SET key value NX PX ttl claims a key atomically only if it is free; the expiry releases it if the holder crashes, so a lock without a TTL can be held forever',
  },
  stripeIdempotency: {
    title: 'Stripe API reference, "Idempotent requests"',
    where:
      'the client sends an Idempotency-Key header; a retry with the same key returns the first result instead of charging again; keys are kept at least 24 hours; generate the key once and reuse it for every retry of that operation',
  },
  rfc9110: {
    title: 'IETF RFC 9110, "HTTP Semantics" (2022), sections 9.2.1 "Safe Methods" and 9.2.2 "Idempotent Methods"',
    where:
      'GET and HEAD are safe: a client, crawler or cache may send them without asking for a state change; PUT and DELETE are idempotent, POST and PATCH are not, so a client may only retry them automatically when it knows the request is idempotent',
  },
  dataAccessPatterns: {
    title:
      'M. Kleppmann, "Designing Data-Intensive Applications" (O\'Reilly, 2017), chapter 6, "Partitioning and Secondary Indexes"; AWS DynamoDB Developer Guide, "Best practices for designing and using partition keys effectively"',
    where:
      'a lookup by the partition key goes to one partition; a secondary index partitioned by document (local) is queried on every partition (scatter/gather); a lookup by a field with neither a key nor an index scans the table',
  },
  erlangC: {
    title: 'L. Kleinrock, "Queueing Systems, Volume 1: Theory" (Wiley, 1975), section 3.5, the M/M/m queue (Erlang C)',
    where:
      'P(wait) = Erlang C; P(W > t) = C e^(-(m mu - lambda) t); mean wait C / (m mu - lambda); Erlang B recursion B(k) = a B(k-1) / (k + a B(k-1))',
  },
  transactionalOutbox: {
    title: 'C. Richardson, microservices.io, "Pattern: Transactional outbox" and "Pattern: Transaction log tailing"',
    where:
      'a service that updates its database and sends a message cannot do both atomically without 2PC: it inserts the message into an outbox table in the same local transaction, and a message relay publishes the outbox rows (polling, or tailing the transaction log)',
  },
  debeziumCdc: {
    title: 'Debezium documentation, "Debezium architecture" and "Outbox Event Router"',
    where:
      "connectors capture row-level changes from the database's transaction log (MySQL binlog, PostgreSQL WAL) and produce them to Kafka topics; every committed change, in commit order, nothing the application must remember to send",
  },
  ddiaDualWrites: {
    title:
      'M. Kleppmann, "Designing Data-Intensive Applications" (O\'Reilly 2017), ch. 11, "Keeping Systems in Sync" (dual writes) and "Change Data Capture"',
    where:
      "with dual writes, one write can succeed while the other fails (a crash between them), leaving the systems permanently inconsistent; make one system the leader (the database's log via CDC, or an event log) and derive the others from it",
  },
  ddiaPartitioning: {
    title: 'M. Kleppmann, "Designing Data-Intensive Applications" (O\'Reilly 2017), ch. 6, "Skewed Workloads and Relieving Hot Spots"',
    where:
      "hashing cannot avoid hot spots when all reads and writes are for the same key (a celebrity user's ID); the application must split the hot key, e.g. appending a random two-digit number spreads it over 100 keys, at the cost of reading all of them",
  },
  dynamodbPartitions: {
    title: 'Amazon DynamoDB Developer Guide, "Best practices for designing and using partition keys effectively"',
    where:
      "each partition supports up to 3,000 read capacity units and 1,000 write capacity units per second; a hot partition is throttled at those limits whatever the table's total capacity",
  },
  taoHitRate: {
    title:
      'N. Bronson et al., "TAO: Facebook\'s Distributed Data Store for the Social Graph", USENIX ATC 2013, section 8 (production workload)',
    where: 'a cache tier built and sized for one of the most skewed read workloads there is answers 96.4 % of reads (overall hit rate)',
  },
  photoCaching: {
    title: 'Q. Huang et al., "An Analysis of Facebook Photo Caching", SOSP 2013, table 1',
    where: 'of the requests that reach each layer: browser caches hit 65.5 %, the edge (CDN) caches 58.0 %, the origin cache 31.8 %',
  },
  rfc6585: {
    title: 'IETF RFC 6585, "Additional HTTP Status Codes", section 4 (429 Too Many Requests)',
    where:
      'the user has sent too many requests in a given amount of time ("rate limiting"); the response may say when to retry (Retry-After)',
  },
  sdcoach: {
    title: 'sdcoach convention (not an external figure)',
    where: 'docs/spec.md, "Defaults"',
  },
} as const satisfies Record<string, Source>;

export type SourceId = keyof typeof SOURCES;

/** Regions with a full row in the measured RTT table. */
export const KNOWN_REGIONS = [
  'us-east',
  'us-west',
  'eu-west',
  'eu-central',
  'ap-northeast',
  'ap-southeast',
  'ap-south',
  'sa-east',
] as const;

/**
 * Standard normal quantiles used to fit a hop's latency distribution to its p50 and p99: z(0.5) = 0 and
 * z(0.99) = 2.326 (log-normal fit: mu = ln p50, sigma = (ln p99 - ln p50) / z(0.99)). Source: SOURCES.normalQuantiles.
 */
export const NORMAL_Z = { p50: 0, p99: 2.326348 } as const;

/** Median round-trip time between regions, ms. Source: SOURCES.azureRtt. Symmetric. */
export const MEASURED_RTT_MS: Record<string, Record<string, number>> = {
  'us-east': { 'us-west': 64, 'eu-west': 82, 'eu-central': 87, 'ap-northeast': 156, 'ap-southeast': 223, 'ap-south': 203, 'sa-east': 116 },
  'us-west': { 'eu-west': 147, 'eu-central': 147, 'ap-northeast': 106, 'ap-southeast': 169, 'ap-south': 218, 'sa-east': 180 },
  'eu-west': { 'eu-central': 8, 'ap-northeast': 219, 'ap-southeast': 156, 'ap-south': 132, 'sa-east': 184 },
  'eu-central': { 'ap-northeast': 217, 'ap-southeast': 155, 'ap-south': 129, 'sa-east': 189 },
  'ap-northeast': { 'ap-southeast': 70, 'ap-south': 118, 'sa-east': 275 },
  'ap-southeast': { 'ap-south': 50, 'sa-east': 340 },
  'ap-south': { 'sa-east': 305 },
};

/** The course's coarse figures, by area pair. Source: SOURCES.course. Pairs it does not name fall back to measured. */
export const COURSE_RTT_MS: Record<string, number> = {
  'us|us': 40,
  'eu|us': 80,
  'ap|us': 150,
};

/** Round trip inside one region, ms. Source: SOURCES.deanNorvig. */
export const INTRA_REGION_RTT_MS = 0.5;

/** Region areas, for residency rules such as `residency: [eu]`. Derived from the region id prefix. */
export const AREAS = ['us', 'eu', 'ap', 'sa'] as const;

export interface LatencyFigure {
  p50: number;
  p99: number;
}

/** Service-mesh overhead per call between two meshed components. p50 uses the p90 figure (conservative). */
export const MESH_OVERHEAD_MS: Record<'sidecar' | 'ambient', LatencyFigure & { source: SourceId }> = {
  sidecar: { p50: 1.7, p99: 2.7, source: 'istioOpenshift' },
  ambient: { p50: 0.17, p99: 0.2, source: 'istioAmbient' },
};

/** The course's per-hop mesh figure, for feedback. Source: SOURCES.course. */
export const COURSE_MESH_OVERHEAD_MS = { min: 1, max: 5 };

export interface KindDefaults {
  replicas: number;
  capacityRps: number;
  latency: LatencyFigure;
  writeLatency: LatencyFigure;
  availability: number;
  stateful: boolean;
  source: SourceId;
}

/** p99 defaults are 3 x p50 where the source gives only a mean service time (sdcoach convention). */
const P99_FACTOR = 3;
const lat = (p50: number): LatencyFigure => ({ p50, p99: p50 * P99_FACTOR });

/** Per-region deployment availability used when a component does not state one: 99.95 % (the regional figure in SOURCES.azureWaf's worked example). */
export const DEFAULT_REGIONAL_AVAILABILITY = 0.9995;
/**
 * A region's deployment of a component whose replicas are counted (docs/spec.md, "Availability"):
 * regionFate x (1 - (1 - replica)^replicas). One instance: 99.9 % (SOURCES.azureVmSla, single VM).
 * The region's shared fate (power, network, control plane), which no number of replicas in it
 * escapes: the 99.95 % regional figure of SOURCES.azureWaf's worked example.
 */
export const REPLICA_AVAILABILITY = 0.999;
export const REGION_FATE_AVAILABILITY = DEFAULT_REGIONAL_AVAILABILITY;
/** A third-party API: 99.9 % unless the spec says otherwise (sdcoach convention). */
export const DEFAULT_EXTERNAL_AVAILABILITY = 0.999;
/** Minutes in a 30-day month, for "downtime per month": 99.9 % allows 43.2 min, 99.99 % 4.32 min. Source: SOURCES.azureWaf. */
export const MINUTES_PER_MONTH = 30 * 24 * 60;

/**
 * Defaults per component kind. Capacity and service times from SOURCES.systemforge, except where
 * the sdcoach defaults table (docs/spec.md) rounds them: database read 5 ms / write 10 ms, queue publish 2 ms.
 */
export const KIND_DEFAULTS: Record<string, KindDefaults> = {
  client: {
    replicas: 1,
    capacityRps: Number.POSITIVE_INFINITY,
    latency: lat(0),
    writeLatency: lat(0),
    availability: 1,
    stateful: false,
    source: 'sdcoach',
  },
  cdn: {
    replicas: 2,
    capacityRps: 500_000,
    latency: lat(15),
    writeLatency: lat(15),
    availability: DEFAULT_REGIONAL_AVAILABILITY,
    stateful: false,
    source: 'systemforge',
  },
  'load-balancer': {
    replicas: 2,
    capacityRps: 1_000_000,
    latency: lat(1),
    writeLatency: lat(1),
    availability: DEFAULT_REGIONAL_AVAILABILITY,
    stateful: false,
    source: 'systemforge',
  },
  gateway: {
    replicas: 2,
    capacityRps: 50_000,
    latency: lat(10),
    writeLatency: lat(10),
    availability: DEFAULT_REGIONAL_AVAILABILITY,
    stateful: false,
    source: 'systemforge',
  },
  service: {
    replicas: 2,
    capacityRps: 5_000,
    latency: lat(20),
    writeLatency: lat(20),
    availability: DEFAULT_REGIONAL_AVAILABILITY,
    stateful: false,
    source: 'systemforge',
  },
  worker: {
    replicas: 2,
    capacityRps: 5_000,
    latency: lat(20),
    writeLatency: lat(20),
    availability: DEFAULT_REGIONAL_AVAILABILITY,
    stateful: false,
    source: 'systemforge',
  },
  cache: {
    replicas: 1,
    capacityRps: 100_000,
    latency: lat(1),
    writeLatency: lat(1),
    availability: DEFAULT_REGIONAL_AVAILABILITY,
    stateful: true,
    source: 'systemforge',
  },
  database: {
    replicas: 1,
    capacityRps: 10_000,
    latency: lat(5),
    writeLatency: lat(10),
    availability: DEFAULT_REGIONAL_AVAILABILITY,
    stateful: true,
    source: 'systemforge',
  },
  queue: {
    replicas: 1,
    capacityRps: 100_000,
    latency: lat(2),
    writeLatency: lat(2),
    availability: DEFAULT_REGIONAL_AVAILABILITY,
    stateful: true,
    source: 'systemforge',
  },
  stream: {
    replicas: 1,
    capacityRps: 100_000,
    latency: lat(2),
    writeLatency: lat(2),
    availability: DEFAULT_REGIONAL_AVAILABILITY,
    stateful: true,
    source: 'systemforge',
  },
  'event-store': {
    replicas: 1,
    capacityRps: 10_000,
    latency: lat(5),
    writeLatency: lat(10),
    availability: DEFAULT_REGIONAL_AVAILABILITY,
    stateful: true,
    source: 'systemforge',
  },
  search: {
    replicas: 1,
    capacityRps: 20_000,
    latency: lat(10),
    writeLatency: lat(10),
    availability: DEFAULT_REGIONAL_AVAILABILITY,
    stateful: true,
    source: 'systemforge',
  },
  'object-store': {
    replicas: 1,
    capacityRps: 25_000,
    latency: lat(75),
    writeLatency: lat(75),
    availability: DEFAULT_REGIONAL_AVAILABILITY,
    stateful: true,
    source: 'systemforge',
  },
  external: {
    replicas: 1,
    capacityRps: Number.POSITIVE_INFINITY,
    latency: { p50: 100, p99: 300 },
    writeLatency: { p50: 100, p99: 300 },
    availability: DEFAULT_EXTERNAL_AVAILABILITY,
    stateful: false,
    source: 'sdcoach',
  },
};

/** Threads per service replica when not stated: the course's example of one shared pool. Source: SOURCES.course. */
export const DEFAULT_THREADS = 200;
/** Cache/CDN hit ratio when not stated (sdcoach convention). */
export const DEFAULT_HIT_RATIO = 0.9;
/**
 * The highest hit ratio a spec may state for a cache or CDN unless the problem gives it: above every
 * published production figure (Facebook TAO 96.4 %, SOURCES.taoHitRate; Facebook's photo edge caches
 * 58 %, SOURCES.photoCaching), rounded up to 0.99 (sdcoach convention). A higher ratio is a property of
 * the workload, which only the problem can state.
 */
export const MAX_PLAUSIBLE_HIT_RATIO = 0.99;
/** Async replication lag when not stated: "typically under 1 s". Source: SOURCES.awsDr. */
export const DEFAULT_ASYNC_LAG_MS = 1000;
/** Health checks that detect a failed region: fast interval 10 s x 3 consecutive failures = 30 s. Source: SOURCES.route53HealthChecks. */
export const HEALTH_CHECK = { intervalS: 10, failures: 3 };
/** DNS TTL of health-checked records, s: how long resolvers keep sending users to the failed region. Source: SOURCES.route53Ttl. */
export const DNS_TTL_S = 60;
/**
 * The shortest time a DNS change moves users, s, whatever TTL the record states: clients and resolvers keep a looked-up
 * address for their own minimum (the JDK 30 s by default). Only anycast (one address announced from every region)
 * moves them sooner. Sources: SOURCES.jdkDnsCache, SOURCES.globalAccelerator.
 */
export const DNS_CLIENT_CACHE_S = 30;
/** Raft/etcd leader election: the election timeout a follower waits before standing (etcd default 1000 ms). Source: SOURCES.raft. */
export const ELECTION_TIMEOUT_MS = 1000;
/** Active-passive failover timings when not stated: detection by health checks, managed promotion "under a minute". Sources: SOURCES.route53HealthChecks, SOURCES.awsDr. */
export const DEFAULT_FAILOVER = { detectS: HEALTH_CHECK.intervalS * HEALTH_CHECK.failures, promoteS: 60, steerS: DNS_TTL_S };
/** Event-sourcing defaults: history size, per-event apply time and load budget (sdcoach convention); snapshot cadence examples from SOURCES.eventSourcingFrameworks. */
export const EVENT_SOURCING_DEFAULTS = { maxEventsPerAggregate: 1000, applyMs: 0.05, loadBudgetMs: 50, frameworkSnapshotEvery: 100 };

/** How stale an eventually consistent read may be when neither rubric nor spec says (sdcoach convention; the course: read models lag "ms to seconds", SOURCES.awsDr: async lag typically under 1 s). */
export const DEFAULT_MAX_STALENESS_MS = 1000;

/**
 * Projection / worker lag when not stated (sdcoach convention): half the default staleness limit.
 * Equal to it, an unstated lag used the whole budget, so a read model fed through any replication
 * at all failed the staleness check with nothing in the spec to point at; half leaves the other
 * half for the copies behind it, and a stated `lag_ms` still decides.
 */
export const DEFAULT_WORKER_LAG_MS = DEFAULT_MAX_STALENESS_MS / 2;

/** Read:write ratio at which CQRS earns its cost. Source: SOURCES.course. */
export const CQRS_MIN_READ_WRITE_RATIO = 100;
/** Utilization above which queueing delay grows fast (M/M/c). Source: DOMAIN.md §7. */
export const UTILIZATION_LIMIT = 0.8;
/**
 * Utilization near saturation at which messages show what the same replicas' queue would wait (sdcoach
 * convention, a teaching figure: how the M/M/c wait of SOURCES.erlangC climbs between the limit and 100 %).
 */
export const QUEUEING_NEAR_SATURATION = 0.95;
/**
 * Largest share of healthy calls a timeout may cut off: 0.1 %, so a timeout sits at or above the dependency's
 * healthy p99.9. Source: SOURCES.awsTimeouts ("an acceptable rate of false timeouts (such as 0.1%)" and the
 * percentile it leaves above). At 1 % (a timeout at the p99) one healthy call in a hundred failed, each maybe a
 * charged card, and a timeout 1 ms above the p99 passed checkout-bulkhead's brownout stage (review attack).
 */
export const MAX_TIMEOUT_CUT_OFF = 0.001;
/**
 * Highest share of one node's capacity the writes on a single write primary (a store's, or one partition's)
 * may take (sdcoach convention: below the 0.8 utilization limit, since that node also applies replication
 * and serves its share of the reads).
 */
export const WRITE_PRIMARY_LIMIT = 0.6;
/** One DynamoDB partition's ceiling, units per second (1 KB writes, 4 KB strongly consistent reads). Source: SOURCES.dynamodbPartitions. */
export const DYNAMODB_PARTITION_LIMITS = { writeUnitsPerS: 1000, readUnitsPerS: 3000 };
/** Keys a hot key is split into in the worked example (a random two-digit suffix). Source: SOURCES.ddiaPartitioning. */
export const HOT_KEY_SPLIT_EXAMPLE = 100;
/** Extra threads on top of Little's law demand. Source: SOURCES.hystrix ("+ breathing room", 5 in its example). */
export const POOL_BREATHING_ROOM = 5;

/** Guards against absurd input (sdcoach limits, not external figures). */
export const LIMITS = {
  maxFileBytes: 2 * 1024 * 1024,
  maxLatencyMs: 10 * 60 * 1000,
  maxRate: 1e9,
  maxReplicas: 100_000,
  maxThreads: 1_000_000,
  maxSeconds: 7 * 24 * 3600,
  maxAliasCount: 100,
  shareTolerance: 0.01,
};

/**
 * Estimates: how far from the reference derivation an answer may be, as a factor either way (2 = from
 * half to double), by problem difficulty; a problem can set it per quantity. sdcoach convention (issue 14:
 * "within 2x for warm-up, tighter for interview and staff"): back-of-the-envelope numbers are judged on
 * order of magnitude and on the steps, not the last digit.
 */
export const ESTIMATE_TOLERANCE: Record<'warm-up' | 'interview' | 'staff', number> = { 'warm-up': 2, interview: 1.5, staff: 1.25 };
/** A flow designed for a rate this close below the accepted estimate still counts as built on it (rounding). sdcoach convention. */
export const ESTIMATE_RATE_SLACK = 0.95;
/** Unit slips an estimate check names by their factor: bits vs bytes, per day read as per second (and per hour). */
export const UNIT_SLIP_FACTORS = { bitsBytes: 8, dayAsSecond: 86_400, hourAsSecond: 3_600 };

/** Latency numbers for drills, seconds. Source: SOURCES.primerEstimation (Dean/Norvig figures as the Primer lists them). */
export const LATENCY_NUMBERS_S: { label: string; seconds: number }[] = [
  { label: 'an L1 cache reference', seconds: 0.5e-9 },
  { label: 'a main memory reference', seconds: 100e-9 },
  { label: 'compressing 1 KB with Zippy (Snappy)', seconds: 10e-6 },
  { label: 'a random read from an SSD (4 KB)', seconds: 150e-6 },
  { label: 'a round trip within the same datacenter', seconds: 500e-6 },
  { label: 'reading 1 MB sequentially from memory', seconds: 250e-6 },
  { label: 'a disk seek', seconds: 10e-3 },
  { label: 'a packet round trip California-Netherlands-California', seconds: 150e-3 },
];
