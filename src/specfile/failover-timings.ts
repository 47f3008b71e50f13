// A component's failover timings (detect_s, promote_s, steer_s) are figures like any other: no failure is declared,
// and no standby promoted, faster than an election timeout (1 s), and against a problem that measured its timings a
// spec states none faster. Without this, payments-failover's detect_s 0 and promote_s 0 graded as "RTO 0 s" and
// passed, and one cache's steer_s 0 became every user's DNS time in a drill. A stateless tier's steer_s is the TTL of
// the DNS record its users find it by, and no DNS change moves users faster than clients keep an address (30 s); with
// anycast routing (patterns.multi_region.routing) there is no record to expire, and it may be 0 (its default).
import { DEFAULT_FAILOVER, DNS_CLIENT_CACHE_S, ELECTION_TIMEOUT_MS } from '../data/figures.js';
import type { Givens } from './givens.js';
import type { ModelFigure } from './model.js';

type Field = 'detect_s' | 'promote_s' | 'steer_s';

const DEFAULTS: Record<Field, number> = {
  detect_s: DEFAULT_FAILOVER.detectS,
  promote_s: DEFAULT_FAILOVER.promoteS,
  steer_s: DEFAULT_FAILOVER.steerS,
};

/**
 * The plausible floor without a given: no failure is declared faster than the fastest detector in the sources, a
 * consensus group's election timeout (etcd's default, 1 s; DNS health checks take 10 s or more), and no standby
 * takes writes sooner: a promotion waits at least as long for the old primary's lease to lapse, so two writers
 * never overlap. A store's steering may be 0 (a client library that retries another region by itself); a stateless
 * tier's has the floor in DNS_STEER below unless users reach it by anycast.
 */
const FLOOR: Partial<Record<Field, { min: number; from: string }>> = {
  detect_s: {
    min: ELECTION_TIMEOUT_MS / 1000,
    from: "a consensus group's election timeout (etcd), the fastest failure detection in the sources",
  },
  promote_s: {
    min: ELECTION_TIMEOUT_MS / 1000,
    from: "a consensus group's election timeout (etcd): no new writer is safe before the old one's lease lapses",
  },
};

/** How a component's failover steers its clients: a stateless tier by DNS or anycast (patterns.multi_region.routing); a store by its own clients (undefined). */
export type Steering = 'dns' | 'anycast' | undefined;

const DNS_STEER = {
  min: DNS_CLIENT_CACHE_S,
  from: "how long clients keep a looked-up address whatever the record's TTL (the JDK's default cache); only anycast routing (patterns.multi_region.routing: anycast) moves users sooner",
};

/**
 * The timing a component fails over with: the spec's, unless it is faster than the problem's measured figure
 * (then the given) or than the plausible floor (then the floor); the default when neither states one. A figure
 * goes to `figures` when the spec states the timing or the problem gives it.
 */
export function failoverTiming(
  id: string,
  field: Field,
  stated: number | undefined,
  givens: Givens | undefined,
  figures: ModelFigure[],
  steering?: Steering,
): number {
  // A problem's measured steering cannot beat the clients' own cache either, for a tier found by DNS.
  const measured = givens?.failover?.[field];
  const given = measured !== undefined && field === 'steer_s' && steering === 'dns' ? Math.max(measured, DNS_STEER.min) : measured;
  const name = `failover.${field}`;
  if (given === undefined) {
    // Nothing stated, nothing given: the default, and no figure to record (the common case: three per component).
    if (stated === undefined) return field === 'steer_s' && steering === 'anycast' ? 0 : DEFAULTS[field];
    const path = ['components', id, 'failover', field];
    const floor = field === 'steer_s' && steering === 'dns' ? DNS_STEER : FLOOR[field];
    if (floor !== undefined && stated < floor.min) {
      figures.push({
        subject: id,
        field: name,
        path,
        value: floor.min,
        origin: 'default',
        from: floor.from,
        claimed: stated,
        verdict: 'out-of-range',
        range: { min: floor.min },
      });
      return floor.min;
    }
    figures.push({ subject: id, field: name, path, value: stated, origin: 'spec' });
    return stated;
  }
  // Each figure a literal in one key order (no spread of a shared base: a fresh map per object on Node 20's V8).
  const path = ['components', id, 'failover', field];
  if (stated !== undefined && stated >= given) {
    figures.push({ subject: id, field: name, path, value: stated, origin: 'spec' });
    return stated;
  }
  const figure: ModelFigure = { subject: id, field: name, path, value: given, origin: 'given', from: 'measured in this problem' };
  if (stated !== undefined) {
    figure.claimed = stated;
    figure.verdict = 'contradicts-given';
  }
  figures.push(figure);
  return given;
}
