// Generated from schemas/spec.schema.json by scripts/gen-spec-types.mjs. Do not edit: change the schema and run `npm run gen:types`.

/**
 * Catalog problem this spec answers; picks the rubric.
 */
export type ProblemId = string
/**
 * Cloud-style region id such as us-east, eu-west, ap-northeast.
 */
export type RegionId = string
/**
 * Milliseconds (at most 600000, ten minutes).
 */
export type Ms = number | undefined
/**
 * A fraction, e.g. 0.9995 for 99.95%.
 */
export type Availability = number
/**
 * Cloud-style region id such as us-east, eu-west, ap-northeast.
 */
export type RegionId1 = string
/**
 * Cloud-style region id such as us-east, eu-west, ap-northeast.
 */
export type RegionId2 = string
/**
 * A thread pool for calls to one dependency: a size, or {size, timeout_ms}.
 */
export type Pool = (number | {
size: number
timeout_ms?: Ms | undefined
/**
 * @deprecated
 * Deprecated and ignored: sdcoach does not model calls waiting for a thread (validate warns). Size the pool for its demand and give the call a timeout.
 */
queue?: number
}) | undefined
/**
 * Starts with a letter; letters, digits, '-', '_' and '.'; at most 64 characters.
 */
export type Id = string
/**
 * Starts with a letter; letters, digits, '-', '_' and '.'; at most 64 characters.
 */
export type Id1 = string
/**
 * A component id, a call step {to, latency_ms, fanout}, or a parallel group {parallel: [branch, ...]}.
 */
export type PathStep = (Id1 | CallStep | ParallelGroup)
/**
 * Starts with a letter; letters, digits, '-', '_' and '.'; at most 64 characters.
 */
export type Id2 = string
/**
 * How a write stays correct when two requests race for the same data: conditional (the write only applies if the data is still at the version or value the request read: expected version, compare-and-set), atomic-hold (one atomic step claims the data, with a TTL that releases it when the holder vanishes: {mode: atomic-hold, ttl_s: 600}), or none. Default none.
 */
export type WriteConcurrency = (("conditional" | "atomic-hold" | "none") | {
mode: ("conditional" | "atomic-hold" | "none")
/**
 * atomic-hold: seconds after which an unconfirmed hold expires by itself.
 */
ttl_s?: number
})
/**
 * The call carries an idempotency key, so a repeat of it is recognised and not applied twice. {store: orders-db}: the key is recorded in that store (written by the flow before the call) and reused by every retry; {store, from: client}: the caller sends the key with the request and the store records it with the outcome. true: a key is sent but kept nowhere. false: no key (the default).
 */
export type IdempotencyKey = (boolean | {
store?: Id3
/**
 * Where the key comes from. flow (default): the flow makes it, so it must be recorded in `store` before the call. client: the caller sends it with the request and resends it on every retry (an Idempotency-Key header); `store` records it with the outcome.
 */
from?: ("flow" | "client")
})
/**
 * Starts with a letter; letters, digits, '-', '_' and '.'; at most 64 characters.
 */
export type Id3 = string
/**
 * Starts with a letter; letters, digits, '-', '_' and '.'; at most 64 characters.
 */
export type Id4 = string
/**
 * Starts with a letter; letters, digits, '-', '_' and '.'; at most 64 characters.
 */
export type Id5 = string
/**
 * Starts with a letter; letters, digits, '-', '_' and '.'; at most 64 characters.
 */
export type Id6 = string
/**
 * One call (a component id or a call step) or a chain of them (a list).
 */
export type ParallelBranch = (Id1 | CallStep | [(Id1 | CallStep), ...((Id1 | CallStep))[]])
/**
 * Cloud-style region id such as us-east, eu-west, ap-northeast.
 */
export type RegionId3 = string
/**
 * Starts with a letter; letters, digits, '-', '_' and '.'; at most 64 characters.
 */
export type Id7 = string
/**
 * Starts with a letter; letters, digits, '-', '_' and '.'; at most 64 characters.
 */
export type Id8 = string
export type CqrsReason = ("read-write-ratio" | "scaling" | "complex-writes" | "read-models")
/**
 * Starts with a letter; letters, digits, '-', '_' and '.'; at most 64 characters.
 */
export type Id9 = string
/**
 * Starts with a letter; letters, digits, '-', '_' and '.'; at most 64 characters.
 */
export type Id10 = string
/**
 * The endpoints clients call, each mapped to the flow that serves it (an interview's "API" phase). interview/api-covers-flows checks that every user-facing flow has an endpoint, and interview/data-access that the stores a read flow reads are keyed for its lookup.
 * 
 * @maxItems 200
 */
export type API = Endpoint[]
/**
 * Starts with a letter; letters, digits, '-', '_' and '.'; at most 64 characters.
 */
export type Id11 = string
/**
 * One entry per major choice (an interview's "decide" phase): the choice, the alternatives considered, the reason citing the design's numbers by metric path (flows.get-feed.p99, components.feed-db.utilization), and the risk. Checked by interview/decisions.
 * 
 * @maxItems 50
 */
export type DesignDecisions = Decision[]

/**
 * A learner's system design: regions, components, request flows, workload and declared patterns. Only `regions` and `components` are required; every other field has a documented default (docs/spec.md).
 */
export interface SdcoachArchitectureSpecV1 {
/**
 * Path or URL of this schema, for editors.
 */
$schema?: string
/**
 * Spec format version. Default: 1.
 */
version?: 1
problem?: ProblemId
/**
 * Stage of the problem (1-based). Default: 1.
 */
stage?: number
/**
 * Title of the design.
 */
name?: string
description?: string
/**
 * Regions the system runs in, e.g. us-east, eu-west, ap-northeast.
 * 
 * @minItems 1
 */
regions: [RegionId, ...(RegionId)[]]
/**
 * Share of user traffic per region (shares sum to 1). Default: an even split over `regions`.
 */
users?: {
[k: string]: number | undefined
}
network?: Network
requirements?: Requirements
/**
 * Components keyed by id.
 */
components: {
[k: string]: Component | undefined
}
/**
 * Named request paths keyed by name.
 */
flows?: {
[k: string]: Flow | undefined
}
workload?: Workload
patterns?: Patterns
api?: API
data?: DataModel
decisions?: DesignDecisions
estimates?: BackOfTheEnvelopeEstimates
}
/**
 * Network figures. Defaults: measured Azure RTT table, 0.5 ms inside a region.
 */
export interface Network {
/**
 * measured: Azure P50 RTTs (default). course: the course's coarse figures (cross-US 40, US-EU 80, US-Asia 150), measured elsewhere.
 */
rtt_table?: ("measured" | "course")
/**
 * Round trip inside one region. Default 0.5.
 */
intra_region_ms?: number
/**
 * Overrides and additions: rtt_ms.<region>.<region>: ms (symmetric).
 */
rtt_ms?: {
[k: string]: {
[k: string]: Ms | undefined
} | undefined
}
}
/**
 * Targets the design claims to meet. A problem's rubric takes precedence.
 */
export interface Requirements {
availability?: Availability
/**
 * Longest acceptable time unavailable.
 */
rto_s?: number
/**
 * Longest acceptable window of lost writes.
 */
rpo_s?: number
/**
 * Milliseconds (at most 600000, ten minutes).
 */
max_staleness_ms?: number
}
export interface Component {
kind: ("client" | "cdn" | "load-balancer" | "gateway" | "service" | "worker" | "cache" | "database" | "queue" | "stream" | "event-store" | "search" | "object-store" | "external")
/**
 * A technology from the catalog (postgres, mysql, dynamodb, redis, memcached, kafka, sqs, opensearch, s3, cloudfront, alb, api-gateway, app-server): its figures (latency, capacity, connections, availability, replication lag, price) are used instead of the kind's defaults. See docs/spec.md, "Technology catalog".
 */
tech?: string
/**
 * A size of `tech` (e.g. large, 2xlarge). Default: the technology's default size.
 */
size?: string
description?: string
/**
 * Where it runs. Default: every region of the spec (external: none).
 * 
 * @minItems 1
 */
regions?: [RegionId, ...(RegionId)[]]
/**
 * Replicas per region. Default by kind.
 */
replicas?: number
/**
 * Requests/s one replica serves. Default by kind.
 */
capacity_rps?: number
/**
 * Processing time per request (reads for stores). Default by kind.
 */
latency_ms?: (number | {
p50?: Ms | undefined
p99?: Ms | undefined
})
/**
 * Stores: processing time of a write. Default by kind.
 */
write_latency_ms?: (number | {
p50?: Ms | undefined
p99?: Ms | undefined
})
/**
 * A fraction, e.g. 0.9995 for 99.95%.
 */
availability?: number
/**
 * A fraction, e.g. 0.9995 for 99.95%.
 */
replica_availability?: number
/**
 * Runs a service-mesh sidecar. Default: true when patterns.mesh lists it.
 */
sidecar?: boolean
/**
 * Stores: write model, read model, or both. Default both.
 */
role?: ("write" | "read-model" | "both")
primary?: RegionId1
replication?: Replication
failover?: Failover
/**
 * Caches/CDNs: share of requests answered without going further. Default 0.9. A figure of the workload: a problem may give it; a stated ratio above the plausible bound (0.99) is not used.
 */
hit_ratio?: number
rate_limit?: RateLimit
/**
 * Services: request threads per replica. Default 200.
 */
threads?: number
/**
 * Services: bulkhead pools keyed by the dependency they call (component id) or a name such as core.
 */
pools?: {
[k: string]: Pool | undefined
}
/**
 * Milliseconds (at most 600000, ten minutes).
 */
timeout_ms?: number
consumes?: Id
/**
 * Workers: the store(s) they write.
 */
writes?: (Id1 | [Id1, ...(Id1)[]])
/**
 * Milliseconds (at most 600000, ten minutes).
 */
lag_ms?: number
partitions?: Partitions
}
export interface Replication {
mode: ("none" | "sync" | "async" | "consensus")
/**
 * Milliseconds (at most 600000, ten minutes).
 */
lag_ms?: number
}
export interface Failover {
mode: ("none" | "active-passive" | "active-active")
standby?: RegionId2
/**
 * active-passive and active-active: time to detect the failure (health-check interval x failures). Default 30 (Route 53 fast checks: 10 s x 3).
 */
detect_s?: number
/**
 * active-passive: time to promote the standby. At least 1 s (the old primary's lease must lapse first). Default 60.
 */
promote_s?: number
/**
 * active-active (and a stateless tier's failover record in either mode): time to steer the failed region's users to another region once detected (the DNS TTL). On the tier users enter by (the first gateway, load balancer or service of their flows) it is how long their clients take to reach another region, and their downtime is detect_s + steer_s whatever the stores do. Default 60 (Route 53 failover records); on a stateless tier at least 30 (clients keep a looked-up address that long whatever the TTL) unless patterns.multi_region.routing is anycast, where it is the time an app takes to reconnect and defaults to 0.
 */
steer_s?: number
/**
 * active-active: how concurrent writes to the same key are resolved. Default none.
 */
conflict?: ("none" | "last-writer-wins" | "crdt" | "home-region" | "application")
}
/**
 * Gateways and load balancers: admit at most `rps` requests per second; the rest are rejected at once (HTTP 429) and reach nothing behind.
 */
export interface RateLimit {
/**
 * Requests/s admitted.
 */
rps: number
/**
 * region (default): each region's deployment admits `rps` on its own (a local counter); global: all regions together admit `rps` (a shared counter; put the counter store on the flows' paths to pay its round trip).
 */
per?: ("region" | "global")
}
/**
 * Stores (database, event store, search index, cache): the data is split by `key` into `count` partitions (shards), each its own replica set of `replicas` nodes per region with its own write primary. Writes and reads of a key go to its partition; the busiest partition carries its ceil(hot_key_split / count) sub-keys of the hot key (each hot_key_share / hot_key_split) plus its 1 / count of every other key's traffic.
 */
export interface Partitions {
/**
 * Number of partitions (shards). Each has `replicas` nodes per region, so the store runs count x replicas nodes per region.
 */
count: number
/**
 * The partition key: the field that decides which partition a row lives in (user_id, author_id, seat_id...).
 */
key: string
/**
 * Share of this store's traffic (reads and writes) on its hottest key, which lives in one partition whatever the count: a fact of the workload for this key (a problem may give it). Default: traffic spread evenly (1 / count per partition).
 */
hot_key_share?: number
/**
 * The hot key is written as this many sub-keys (a suffix per write, every sub-key read and merged on read), so each carries hot_key_share / hot_key_split. Default 1 (the key kept whole).
 */
hot_key_split?: number
}
export interface Flow {
kind: ("read" | "write")
description?: string
/**
 * Requests/s at peak. Default 0.
 */
rate?: number
/**
 * User regions the flow starts from. Default: every region in `users`.
 * 
 * @minItems 1
 */
origins?: [RegionId, ...(RegionId)[]]
/**
 * Ordered hops: component ids, call steps ({to, latency_ms, fanout}) or parallel groups ({parallel: [...]}).
 * 
 * @minItems 1
 * @maxItems 64
 */
path: [PathStep, ...(PathStep)[]]
budget_ms?: Budget
miss_budget_ms?: Budget1
/**
 * A fraction, e.g. 0.9995 for 99.95%.
 */
availability?: number
/**
 * Reads: must they see the latest write? Default eventual.
 */
consistency?: ("strong" | "eventual")
/**
 * Milliseconds (at most 600000, ten minutes).
 */
max_staleness_ms?: number
invariant?: Invariant
/**
 * How many times the caller (the client) retries the whole request after a failure or a timeout. Default 0. Every call with a side effect on the path is repeated.
 */
retries?: number
throughput?: BatchThroughputTarget
}
export interface CallStep {
to: Id2
/**
 * Processing time this flow spends in that component (replaces the component's latency_ms, or write_latency_ms on a write, for this flow only).
 */
latency_ms?: (number | {
p50?: Ms | undefined
p99?: Ms | undefined
})
/**
 * Identical calls made in parallel (one per shard or partition), e.g. 100. Default 1. The flow waits for the slowest of them.
 */
fanout?: number
concurrency?: WriteConcurrency
idempotency_key?: IdempotencyKey
/**
 * How many times the caller retries this call after a failure or a timeout. Default 0.
 */
retries?: number
/**
 * Whether the call changes something the caller cannot take back (charges a card, sends an email, books a seat). Default: true for a call to an external on a write flow, false otherwise.
 */
side_effect?: boolean
publish?: Publish
fanout_on_write?: FanOutOnWrite
}
/**
 * On a write to a store: the change must also reach a stream (for projections, other services), and how it gets there without a second write in the request. outbox: the request writes the change and an outbox row in one transaction, and `relay` (a worker that consumes this store and writes `stream`) publishes it; cdc: `relay` (a connector worker that consumes this store's log and writes `stream`) publishes every committed change; event-sourced: the store is an event store, its log is the stream (`stream` omitted), or `relay` carries its events on to `stream`.
 */
export interface Publish {
/**
 * outbox (a relay reads the outbox table written in the same transaction), cdc (a connector reads the store's change log) or event-sourced (the stream is the store).
 */
via: ("outbox" | "cdc" | "event-sourced")
stream?: Id4
relay?: Id5
}
/**
 * On a write flow's step to a queue or stream: each item is copied by the worker consuming it into every follower's timeline (the store that worker writes). followers: how many followers an author has (mean, p99, max); threshold: a hybrid, authors above it are not pushed and readers pull their posts from pull_from.
 */
export interface FanOutOnWrite {
/**
 * The follower distribution of the authors who post.
 */
followers: {
/**
 * Mean followers per author: timeline writes per post.
 */
mean: number
/**
 * The 99th percentile author's followers.
 */
p99?: number
/**
 * The most-followed author's followers (the celebrity): one post of theirs is this many timeline writes.
 */
max: number
}
/**
 * Hybrid: authors with more followers than this are not fanned out on write; their posts are merged into timelines on read, from pull_from. Default: none (everyone is pushed).
 */
threshold?: number
pull_from?: Id6
/**
 * With threshold: above-threshold authors a reader follows (at the p99), so the read's call to pull_from needs this fanout. Default 1.
 */
celebrities_followed?: number
/**
 * How soon a post must be in every pushed follower's timeline. Default: the check's, else requirements.max_staleness_ms.
 */
deliver_within_s?: number
}
export interface ParallelGroup {
/**
 * Branches called at the same time by the last service before the group; the flow waits for the slowest.
 * 
 * @minItems 2
 * @maxItems 64
 */
parallel: [ParallelBranch, ParallelBranch, ...(ParallelBranch)[]]
}
export interface Budget {
p50?: Ms | undefined
p99?: Ms | undefined
}
/**
 * Reads through a cache or CDN: budget of the miss path alone (the request that misses every cache and goes on to the store or origin). budget_ms is graded on the mixture of hit and miss paths; this grades the users who miss.
 */
export interface Budget1 {
p50?: Ms | undefined
p99?: Ms | undefined
}
/**
 * The flow guards an invariant (no double booking, approval, overdraft or charge) on the data it names: its write to that data must be conditional or an atomic hold with a TTL.
 */
export interface Invariant {
/**
 * What must never happen, however many requests race.
 */
kind: ("no-double-booking" | "no-double-approval" | "no-overdraft" | "no-double-charge")
/**
 * The data the invariant is about: store component id(s) or data class name(s) from workload.data.
 */
protects: (Id1 | [Id1, ...(Id1)[]])
description?: string
}
/**
 * Makes this a batch flow (a crawler, an aggregation job, a nightly export): it has no user origin, it starts in `runs_in`, and it is graded on the items per second it can sustain (scalability/throughput), not on latency unless it states a budget.
 */
export interface BatchThroughputTarget {
/**
 * Items per second the job must sustain.
 */
items_per_s?: number
/**
 * Items the job must get through in window_s (with window_s).
 */
items?: number
/**
 * The window in seconds for `items` (a nightly export in 4 h: 14400; a crawl per month: 2592000).
 */
window_s?: number
runs_in?: RegionId3
/**
 * What one item is, for messages (page, row, event). Default item.
 */
item?: string
}
export interface Workload {
/**
 * Default: sum of read flow rates.
 */
reads_per_s?: number
/**
 * Default: sum of write flow rates.
 */
writes_per_s?: number
/**
 * Data classes keyed by name, e.g. eu-personal-data.
 */
data?: {
[k: string]: DataClass | undefined
}
/**
 * Read flows that must see the latest write (balances, inventory).
 */
strong_reads?: Id1[]
}
export interface DataClass {
description?: string
/**
 * Components that hold this data.
 * 
 * @minItems 1
 */
stores: [Id1, ...(Id1)[]]
/**
 * Where it may be stored: region ids or areas (us, eu, ap, sa). Default: anywhere.
 * 
 * @minItems 1
 */
residency?: [RegionId, ...(RegionId)[]]
}
export interface Patterns {
cqrs?: {
commands: Id7
/**
 * The read-model store(s).
 */
queries: (Id1 | [Id1, ...(Id1)[]])
projection?: Id8
/**
 * Projection updated inside the write transaction. Default false.
 */
sync?: boolean
/**
 * Why CQRS: the course's four reasons (read:write ratio, different scaling needs for reads and writes, complex write logic, several differently shaped read models). One or a list. Below the 100:1 ratio, a stated reason other than the ratio turns the failure into a warning.
 */
reason?: (CqrsReason | [CqrsReason, ...(CqrsReason)[]])
}
event_sourcing?: {
store: Id9
/**
 * Stores holding current state, rebuilt from events (projections).
 */
state_stores?: Id1[]
/**
 * Largest event history of one aggregate. Default 1000.
 */
max_events_per_aggregate?: number
/**
 * Take a snapshot every N events. Default: no snapshots.
 */
snapshot_every?: number
/**
 * Milliseconds (at most 600000, ten minutes).
 */
apply_ms?: number
/**
 * Milliseconds (at most 600000, ten minutes).
 */
load_budget_ms?: number
/**
 * How old event versions stay readable. Default none.
 */
versioning?: ("none" | "versioned-events" | "upcasting")
}
mesh?: {
/**
 * Components with a sidecar: a list of ids or "all" (every service, gateway and worker). Default all.
 */
services?: ("all" | [Id1, ...(Id1)[]])
/**
 * Default sidecar.
 */
data_plane?: ("sidecar" | "ambient")
/**
 * The mesh product: its measured overhead per call is used (istio-sidecar 1.7/2.7 ms, linkerd 1/2.7 ms, istio-ambient 0.17/0.20 ms p50/p99) and it sets the data plane.
 */
tech?: ("istio-sidecar" | "linkerd" | "istio-ambient")
/**
 * Added per call between meshed components. Default: sidecar 1.7/2.7, ambient 0.17/0.20 (p50/p99).
 */
overhead_ms?: (number | {
p50?: Ms | undefined
p99?: Ms | undefined
})
/**
 * Mutual TLS between services. Default false.
 */
mtls?: boolean
/**
 * Why the mesh is there.
 */
reasons?: ("mtls" | "observability" | "traffic-shifting" | "retries" | "policy")[]
}
bulkhead?: {
/**
 * Services that isolate their dependencies in pools (see component `pools`).
 * 
 * @minItems 1
 */
services?: [Id1, ...(Id1)[]]
}
multi_region?: {
/**
 * How data is placed and written across regions: single-region; single-primary (one writable region, asynchronous replicas elsewhere); active-passive (one writer, a standby promoted on failure); multi-primary (every region writable, asynchronous replication between them); data-locality (each record homed in one region); global-consensus (writes commit on a majority of regions). async-replication is the deprecated name of multi-primary.
 */
strategy: ("single-region" | "active-passive" | "single-primary" | "multi-primary" | "data-locality" | "global-consensus" | "async-replication")
/**
 * How users reach a region: latency, geo and failover are DNS records (Route 53 routing policies), so a lost region's users move only after clients drop the looked-up address (a stateless tier's steer_s, at least 30 s); anycast is one address announced from every region (AWS Global Accelerator), which moves them as soon as health checks fail (steer_s default 0). Default latency.
 */
routing?: ("latency" | "geo" | "failover" | "anycast")
}
}
export interface Endpoint {
/**
 * Method and path, e.g. "GET /v1/users/{user_id}/orders". Path parameters in braces are what the request looks data up by, unless `by` says otherwise.
 */
endpoint: string
flow: Id10
/**
 * Fields the request looks its data up by (e.g. [user_id], or [email] for a sign-in whose email is in the body). Default: the path parameters in braces; a query string's parameters are not lookups unless listed here. `by: []` says it looks nothing up: a listing that is the same for everyone (GET /v1/trending). A read endpoint with neither `by` nor a path parameter fails interview/data-access: whose data does it read?
 * 
 * @maxItems 8
 */
by?: []|[string]|[string, string]|[string, string, string]|[string, string, string, string]|[string, string, string, string, string]|[string, string, string, string, string, string]|[string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string]
/**
 * Fields the request carries in its body (a POST's payload), e.g. [email, password]. A read that needs a body (credentials that must not be in a URL, a query too long for one) is a POST; interview/api-covers-flows accepts a POST on a read flow only with a body.
 * 
 * @maxItems 16
 */
body?: []|[string]|[string, string]|[string, string, string]|[string, string, string, string]|[string, string, string, string, string]|[string, string, string, string, string, string]|[string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string, string, string, string, string, string, string]
/**
 * Whether the endpoint takes an Idempotency-Key from the client (a header), so a retried request is recognised. Default false.
 */
idempotency_key?: boolean
description?: string
}
/**
 * Entities keyed by name (order, user, follow...): where each is stored, its primary key and partition key, and its secondary indexes.
 */
export interface DataModel {
[k: string]: Entity | undefined
}
export interface Entity {
store: Id11
/**
 * Primary key: a field, or fields for a composite key (the first is the partition key unless partition_key says otherwise), e.g. order_id or [user_id, created_at].
 */
key: (string | [string]|[string, string]|[string, string, string]|[string, string, string, string])
/**
 * The field that decides the partition (shard). Default: the key's first field. On a store with partitions, a read by another field asks every partition.
 */
partition_key?: string
/**
 * Fields with a secondary index. A lookup by an indexed field that is not the partition key still asks every partition of a partitioned store (a local index).
 * 
 * @maxItems 16
 */
indexes?: []|[string]|[string, string]|[string, string, string]|[string, string, string, string]|[string, string, string, string, string]|[string, string, string, string, string, string]|[string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string, string, string, string, string, string, string]
/**
 * Other fields a row holds that a later hop of a flow looks up by, e.g. a timeline row holds [post_id]: a flow that reads this entity can then read the posts by post_id. The key, partition key and indexed fields are held anyway.
 * 
 * @maxItems 16
 */
holds?: []|[string]|[string, string]|[string, string, string]|[string, string, string, string]|[string, string, string, string, string]|[string, string, string, string, string, string]|[string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string, string, string, string, string, string, string]
description?: string
}
export interface Decision {
/**
 * What was chosen, e.g. "serve order summaries from a read model".
 */
choice: string
/**
 * The declared pattern (under patterns) this decision is about, if any. Each declared pattern needs a decision.
 */
pattern?: ("cqrs" | "event_sourcing" | "mesh" | "bulkhead" | "multi_region")
/**
 * The options considered and not chosen (at least one).
 * 
 * @maxItems 10
 */
alternatives?: []|[string]|[string, string]|[string, string, string]|[string, string, string, string]|[string, string, string, string, string]|[string, string, string, string, string, string]|[string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string]
/**
 * Why, citing at least one of the design's metrics by path: flows.<flow>.p50|p99|availability|rate, components.<id>.utilization|surge_utilization|staleness_ms|rto_s|rpo_s. A number right after a path is compared with the computed one.
 */
reason: string
/**
 * What could go wrong with the choice, and what would tell you.
 */
risk?: string
}
/**
 * Answers to an estimate stage: named quantities with units, e.g. peak_reads_per_s: 12k/s, storage_per_year: 3.5 TB, egress: 40 Gbps. Counts (req, users, servers) need no unit; rates take /s, /day, rps; sizes B, kB, GB, TiB; bandwidth bps, Gbps, MB/s; times ms, s. Later stages check flow rates against the accepted ones.
 */
export interface BackOfTheEnvelopeEstimates {
[k: string]: (string | number) | undefined
}
