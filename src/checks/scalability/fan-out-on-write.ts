// scalability/fan-out-on-write: a timeline built by fan-out on write delivers even the celebrity's post in
// time, and a hybrid's (or a pure pull's) read path still meets its budget.
import { DEFAULT_MAX_STALENESS_MS } from '../../data/figures.js';
import { count, defineCheck, ms, type Finding } from '../types.js';

interface Options {
  /** Seconds within which a post must reach every pushed follower (default: the step's, else requirements, else the staleness default). */
  deliverWithinS?: number;
  /** The most followers one author has (a problem's figure, which a spec cannot lower). */
  maxFollowers?: number;
  /** Above-threshold authors a reader follows (a problem's figure; the spec's celebrities_followed cannot lower it). */
  celebritiesFollowed?: number;
  /** The follower count celebritiesFollowed is stated above (a problem's figure): a lower threshold pulls authors the figure does not count. */
  minThreshold?: number;
  /** Read flows that build a timeline by pulling (a design without fan-out on write is graded on them). */
  readFlows?: string[];
}

const seconds = (s: number): string => (Number.isFinite(s) ? (s >= 100 ? count(s) : String(Math.round(s * 100) / 100)) : 'unbounded');

export default defineCheck<Options>({
  meta: {
    id: 'scalability/fan-out-on-write',
    topic: 'scalability',
    title: "Deliver every post to its followers' timelines in time, the celebrity's included, and keep the timeline read in budget",
    concept:
      "Fan-out on write copies each post into every follower's precomputed timeline, so a read is one lookup; the cost moves to the write, post rate x mean followers timeline writes per second. " +
      'The mean hides the celebrity: one post by an account with tens of millions of followers is tens of millions of writes, and the fan-out workers need minutes to deliver it while everyone else waits behind it. ' +
      "Pure fan-out on read avoids that but pays on every read, one call per followed account, and the slowest of many calls sets the read's tail. " +
      'The hybrid pushes ordinary authors and merges the few accounts above a follower threshold into the timeline at read time: a small extra parallel read.',
    computes:
      "Per `fanout_on_write` step: timeline writes/s = posts/s x mean followers (capped at the threshold in a hybrid), counted in the workers' and the timeline store's utilization (scalability/utilization). " +
      'The largest pushed post (max followers, or the threshold in a hybrid) is delivered at the spare write rate of the slowest of the consuming workers (sum over regions of replicas x what one replica takes, less their load: its capacity, or threads / the mean time a message holds one (its work and its timeline write, network included) where that is less) and the timeline stores (partitions x write capacity x (1 - utilization), every replica applying each write): fails when max followers / that rate exceeds deliverWithinS. ' +
      'A hybrid threshold below minThreshold (the follower count the problem states celebritiesFollowed above) fails: the pull would fetch more authors than that figure. ' +
      "In a hybrid, every read flow of the timeline must also read `pull_from` with at least celebrities_followed calls, and its p99 (latency/flow-budget's figure, tail of the fan-out included) must meet its budget. " +
      'Without fan-out on write, the read flows named in readFlows are graded the same way on their p99.',
    sources: ['twitterTimelines', 'systemforge'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        deliverWithinS: {
          type: 'number',
          exclusiveMinimum: 0,
          description: 'Seconds within which a post must be in every pushed timeline.',
        },
        maxFollowers: { type: 'number', minimum: 0, description: "The most-followed author's followers, as the problem states them." },
        celebritiesFollowed: {
          type: 'integer',
          minimum: 1,
          description: 'Above-threshold authors one reader follows, as the problem states them: the pull needs at least this fan-out.',
        },
        minThreshold: {
          type: 'number',
          minimum: 0,
          description:
            'The follower count above which the problem states celebritiesFollowed: a lower threshold pulls more followed authors than that figure counts.',
        },
        readFlows: {
          type: 'array',
          items: { type: 'string' },
          description: 'Read flows that assemble a timeline (graded when no flow fans out on write).',
        },
      },
    },
    defaults: {},
    messages: {
      delivered:
        '{{flow}}: {{writes}} timeline writes/s ({{posts}} posts/s x {{perPost}}); the largest push, {{largest}} followers, takes {{seconds}} s at the {{rate}} writes/s {{bottleneck}} has to spare, within {{target}} s',
      celebritySlow:
        '{{flow}}: one post by the most-followed author is {{largest}} timeline writes; {{bottleneck}} has {{rate}} writes/s to spare, so it takes {{seconds}} s to deliver, over the {{target}} s target{{p99}}',
      celebrityNever:
        "{{flow}}: {{bottleneck}} has nothing to spare at the steady {{writes}} timeline writes/s, so its backlog only grows: one post by the most-followed author ({{largest}} timeline writes) is never delivered, nor is anyone else's in time",
      noPull:
        '{{reader}} reads the timelines but never reads {{pullFrom}}: posts by the authors above the {{threshold}}-follower threshold, who are not pushed, never appear',
      pullShort:
        '{{reader}} reads {{pullFrom}} with {{calls}} call(s), but a reader follows up to {{needed}} authors above the threshold: one call per followed account',
      thresholdLow:
        '{{flow}}: threshold {{threshold}} followers, below the {{min}} above which a reader follows at most {{needed}} authors: every author between {{threshold}} and {{min}} followers is pulled on each read too, more calls than {{needed}}',
      readOverBudget: '{{reader}} takes {{p99}} at p99{{pull}}, over its {{budget}} ms budget',
      readInBudget: '{{reader}} takes {{p99}} at p99{{pull}}, within its {{budget}} ms budget',
    },
    hints: {
      celebrityNever:
        'Before the celebrity: can the fan-out tier keep up with the steady timeline writes at all? Compare the writes/s it must take with what its replicas can take, by capacity and by threads (a write holds a thread for the work and the timeline write).',
      celebritySlow:
        'Mean followers set the steady load, but what does one post by the most-followed account cost? Pushing to tens of millions of timelines takes minutes whatever the workers. The usual answer is a hybrid: above a follower threshold, do not push; merge those authors into the timeline when it is read (fanout_on_write.threshold and pull_from).',
      noPull:
        'A hybrid stops pushing the big accounts, so somebody has to fetch their posts: the timeline read. Add a parallel read of the followed celebrities (pull_from) to the read flow.',
      pullShort:
        'A reader who follows several big accounts needs each of their recent posts: make the read of pull_from a fan-out of celebrities_followed calls, in parallel with the timeline lookup.',
      thresholdLow:
        'Each author above the threshold costs every one of their followers a call on every read. Where do readers follow only a few such authors? Keep the threshold there (the problem states it), and push everyone below it.',
      readOverBudget:
        'The read waits for the slowest of its calls. How many calls does it make per read, and what does the slowest of that many cost at p99? Fewer calls per read (push most authors, pull only the few above a threshold) or faster ones.',
    },
  },
  run({ model, metrics, options }) {
    const out: Finding[] = [];
    const fanouts = metrics.fanout ?? [];
    const graded = new Set<string>();
    const readFinding = (reader: string, pullText: string, path: (string | number)[]): void => {
      const f = metrics.flows[reader];
      if (!f) return;
      graded.add(reader);
      const p99 = f.worst.p99;
      const budget = f.budget.p99;
      if (budget === undefined) return;
      const data = { reader, p99: Number.isFinite(p99) ? `${ms(p99)} ms` : 'unbounded time', budget: ms(budget), pull: pullText };
      if (!(p99 <= budget)) out.push({ status: 'fail', messageId: 'readOverBudget', data, path, evidence: { p99, budget } });
      else out.push({ status: 'pass', messageId: 'readInBudget', data, path, evidence: { p99, budget }, slack: 1 - p99 / budget });
    };
    for (const m of fanouts) {
      const flow = model.flows[m.flow]!;
      const path = [...(flow.hops?.[m.hop]?.specPath ?? flow.specPath), 'fanout_on_write'];
      const maxFollowers = Math.max(m.followers.max, options.maxFollowers ?? 0);
      const largest = m.threshold !== undefined ? Math.min(maxFollowers, m.threshold) : maxFollowers;
      const secondsNeeded = m.deliveryRate > 0 ? largest / m.deliveryRate : Number.POSITIVE_INFINITY;
      const target = options.deliverWithinS ?? m.deliverWithinS ?? DEFAULT_MAX_STALENESS_MS / 1000;
      const data = {
        flow: m.flow,
        writes: count(m.timelineWritesPerS),
        posts: count(m.postsPerS),
        perPost:
          m.threshold !== undefined
            ? `min(${count(m.followers.mean)} mean followers, threshold ${count(m.threshold)})`
            : `${count(m.followers.mean)} mean followers`,
        largest: count(largest),
        seconds: seconds(secondsNeeded),
        rate: count(m.deliveryRate),
        bottleneck:
          m.bottleneck === undefined
            ? 'nothing'
            : m.deliveries.find((d) => d.component === m.bottleneck)?.threadBound
              ? `${m.bottleneck} (whose threads run out before its capacity)`
              : m.bottleneck,
        target: seconds(target),
        p99:
          m.p99DeliveryS !== undefined && m.threshold === undefined
            ? ` (the p99 author, ${count(m.followers.p99!)} followers, takes ${seconds(Math.min(m.followers.p99!, largest) / Math.max(m.deliveryRate, Number.MIN_VALUE))} s)`
            : '',
      };
      const evidence = { ...m, largest, secondsNeeded, target };
      if (!(m.deliveryRate > 0)) out.push({ status: 'fail', messageId: 'celebrityNever', data, path, evidence });
      else if (!(secondsNeeded <= target)) out.push({ status: 'fail', messageId: 'celebritySlow', data, path, evidence });
      else out.push({ status: 'pass', messageId: 'delivered', data, path, evidence, slack: 1 - secondsNeeded / target });
      if (m.threshold === undefined || m.pullFrom === undefined) continue;
      const needed = Math.max(m.celebritiesFollowed, options.celebritiesFollowed ?? 0);
      if (options.minThreshold !== undefined && m.threshold < options.minThreshold)
        out.push({
          status: 'fail',
          messageId: 'thresholdLow',
          data: { flow: m.flow, threshold: count(m.threshold), min: count(options.minThreshold), needed },
          path,
        });
      for (const r of m.readers) {
        const rPath = model.flows[r.flow]!.specPath;
        const base = { reader: r.flow, pullFrom: m.pullFrom, threshold: count(m.threshold) };
        if (r.pullCalls === 0) {
          out.push({ status: 'fail', messageId: 'noPull', data: base, path: [...rPath, 'path'] });
          graded.add(r.flow);
          continue;
        }
        if (r.pullCalls < needed)
          out.push({
            status: 'fail',
            messageId: 'pullShort',
            data: { ...base, calls: r.pullCalls, needed },
            path: [...rPath, 'path'],
          });
        readFinding(r.flow, ` (the timeline plus ${r.pullCalls} parallel read(s) of ${m.pullFrom})`, [...rPath, 'budget_ms']);
      }
    }
    // A design that builds timelines on read only: the named read flows carry the whole cost.
    for (const name of options.readFlows ?? []) {
      if (graded.has(name) || fanouts.some((m) => m.readers.some((r) => r.flow === name))) continue;
      const f = model.flows[name];
      if (!f) continue;
      const calls = Math.max(1, ...(f.hops ?? []).map((h) => h.fanout));
      readFinding(name, calls > 1 ? ` (fan-out on read: ${count(calls)} calls per read)` : '', [...f.specPath, 'budget_ms']);
    }
    return out;
  },
});
