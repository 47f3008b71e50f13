// What a component costs when the spec names no technology for it: a representative catalog entry per
// kind (the smallest production size of the most common managed offer), and the hours in a billing month.
// Plain data over src/data/tech.ts; the analysis (src/analysis/cost.ts) applies it.

/** Hours in a month as AWS bills and its calculator counts them: 24 x 365 / 12 = 730. Source: TECH_SOURCES.awsMonthHours. */
export const HOURS_PER_MONTH = 730;

export interface RepresentativeTech {
  tech: string;
  size: string;
  /** Why this entry stands for the kind. */
  reason: string;
}

/**
 * The catalog entry that prices a component of each kind that names no tech. Clients and externals are
 * absent: the users' devices and a third party's API are not on the design's bill (an external's fee
 * is a contract, not a figure sdcoach can know), so they cost 0.
 */
export const REPRESENTATIVE_TECH: Readonly<Record<string, RepresentativeTech>> = {
  service: {
    tech: 'app-server',
    size: 'large',
    reason:
      'a stateless service runs on general-purpose instances; m6i.large (2 vCPU) is the size the default capacity (5,000 rps) is measured on',
  },
  worker: { tech: 'app-server', size: 'large', reason: 'a worker is a service without callers: the same general-purpose instance' },
  gateway: {
    tech: 'app-server',
    size: 'large',
    reason:
      'a self-run gateway (Envoy, NGINX, Kong) runs on general-purpose instances; name tech: api-gateway for the managed, per-request one',
  },
  database: {
    tech: 'postgres',
    size: 'large',
    reason: "the most common managed relational database; db.r6g.large is the default capacity's (10,000 rps) size",
  },
  'event-store': { tech: 'postgres', size: 'large', reason: 'an event store is most often an append-only table in a relational database' },
  cache: {
    tech: 'redis',
    size: 'large',
    reason: 'Redis on ElastiCache is the common managed cache; cache.r6g.large is its smallest memory-optimised size',
  },
  stream: { tech: 'kafka', size: 'large', reason: 'Kafka (MSK) is the common managed log; priced per broker' },
  queue: {
    tech: 'sqs',
    size: 'standard',
    reason: 'SQS standard is the common managed queue; billed per million requests, not per replica',
  },
  search: { tech: 'opensearch', size: 'large', reason: 'OpenSearch Service is the common managed search engine; priced per data node' },
  'load-balancer': { tech: 'alb', size: 'standard', reason: 'an Application Load Balancer per region; priced per hour (LCUs not counted)' },
  cdn: { tech: 'cloudfront', size: 'edge', reason: 'CloudFront, billed per million HTTPS requests that reach the edge' },
  'object-store': { tech: 's3', size: 'prefix', reason: 'S3 Standard, billed per million requests (storage not counted)' },
};
