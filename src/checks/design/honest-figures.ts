// design/honest-figures: a grade cannot be bought by stating numbers. Fails where the spec states a
// figure that contradicts the problem's givens, leaves the plausible range for its kind, overrides an
// RTT table the problem fixes, claims zero lag on async replication, or availability 1.
import type { Model, ModelFigure } from '../../specfile/model.js';
import { MAX_PLAUSIBLE_HIT_RATIO } from '../../data/figures.js';
import { describeRange, figureName, saysText, unitOf } from '../../specfile/figure-notes.js';
import { roleMismatches } from '../../analysis/roles.js';
import { defineCheck, type Finding } from '../types.js';
import { aKind } from '../../specfile/kind-words.js';
import { PROMPT_FROM } from '../../specfile/prompt-flows.js';

/** The class a ceiling is over, as a learner reads it: services and workers are held to one bar. */
function kindWords(kind: string): string {
  return kind === 'service' || kind === 'worker' ? 'service or worker' : kind;
}

const ROLES: Record<string, string> = {
  gateway: 'a gateway forwards requests to services and calls third parties (egress) or its rate-limit counters, not stores',
  'load-balancer':
    'a load balancer spreads requests over services or over the replicas of a database, cache or search index, and does not write queues, streams or object stores',
  cdn: 'a CDN fetches what it misses from its origin (an object store, a shield cache or a service)',
};

interface Options {
  /** Also fail where a spec's figure differs from the catalog figure of the technology it names. */
  catalog: boolean;
}

function num(n: number): string {
  if (!Number.isFinite(n)) return 'unbounded';
  const r = Math.round(n * 10000) / 10000;
  return Math.abs(r) >= 10000 ? String(Math.round(r)).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : String(r);
}

/** A missing worker's given figures as a sentence lists them, in brackets: " (60,000 ms p50 / 300,000 ms p99, 8 threads)". */
function givenText(m: NonNullable<Model['missingWorkers']>[number]): string {
  const parts: string[] = [];
  const lat = m.latencyMs;
  if (lat)
    parts.push(
      [lat.p50 !== undefined ? `${num(lat.p50)} ms p50` : '', lat.p99 !== undefined ? `${num(lat.p99)} ms p99` : '']
        .filter(Boolean)
        .join(' / '),
    );
  if (m.threads !== undefined) parts.push(`${num(m.threads)} threads`);
  if (m.capacityRps !== undefined) parts.push(`${num(m.capacityRps)} req/s per replica`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function messageIdOf(f: ModelFigure): string {
  if (f.words) return 'kindHeld';
  if (f.verdict === 'out-of-range' && f.field === 'replication.lag_ms' && f.claimed === 0) return 'zeroLag';
  if (f.verdict === 'out-of-range' && f.field === 'availability' && (f.claimed ?? 0) >= 1) return 'availabilityOne';
  if (f.verdict === 'out-of-range' && f.field === 'hit_ratio') return 'hitRatio';
  if (f.verdict === 'out-of-range' && f.floor !== undefined) return f.field.startsWith('rtt_ms.') ? 'rttTriangle' : 'belowFloor';
  switch (f.verdict) {
    case 'contradicts-given':
      return 'contradictsGiven';
    case 'rtt-fixed':
      return 'rttFixed';
    case 'catalog':
      return 'catalog';
    case 'beyond-givens':
      return 'beyondGivens';
    case 'unknown-external':
      return 'unknownExternal';
    default:
      return 'outOfRange';
  }
}

export default defineCheck<Options>({
  meta: {
    id: 'design/honest-figures',
    topic: 'design',
    title: 'State only figures the problem gives or a real system has',
    concept:
      'A design is graded on numbers: latency per hop, capacity per replica, round trips between regions, replication lag, availability. ' +
      'Those numbers describe the world the design runs in, not choices the candidate makes: a payment API that answers in 400 ms does not answer in 4 ms because the spec says so, and no cross-region link has an RTT of 1 ms. ' +
      "The problem's givens are the figures in force, a named technology brings its catalogued figures, and any other figure must be one a real machine has; an async copy always trails its primary and nothing a region runs is never down.",
    computes:
      "Resolution decides every figure once: the problem's givens, else the technology catalog (tech/size), else the spec's own figure if inside the plausible range for its kind, else the kind's default. " +
      'This check fails each figure the spec states that was not used: a contradicted given, an RTT override where the problem fixes the table (or below 0.8 x the lowest published figure for the pair), capacity above 10 x the largest catalog figure of the kind, threads above 1,000 per replica, processing time below the fastest published figure of the kind, ' +
      `availability of 1 (or above 99.99 % for one region), a cache or CDN hit ratio above ${MAX_PLAUSIBLE_HIT_RATIO} that the problem does not give, ` +
      'a round trip to a region no table knows that puts it nearer both ends of a known pair than their own round trip (the triangle inequality), async replication lag of 0 or below half the round trip to the farthest copy, the lag_ms of a worker below the trip an event takes through it (half the round trip from the log it consumes, its processing p50, half the round trip to the store it writes and the write p50 of that store, in its most favourable region), a mesh overhead below the fastest published figure of its data plane. ' +
      "Against a problem, a component the problem gives (under its name, or in its place in the stage's reference when renamed) keeps the kind the problem gives it: declared another kind, it is graded as the given one (its figures, price and what it may call) and the changed kind fails. " +
      "A component in the place of one in the stage's reference (renamed, or declared another kind that runs requests) is held to its givens, and where a rename could hide, a figure better than the problem gives any component of the same kind (services and workers together) is not used either; a stated capacity (and a service's or worker's threads and processing time) that no given fixes is held to the best the problem gives its class or, where that is worse, the kind's default (a named tech/size keeps its catalogued figures); an external the problem does not name fails, and so does a worker of the stage's reference that the spec has neither under its name nor in its place where the givens name it, keeps but idle (consuming nothing, on no flow), or whose queue, stream or event store the spec keeps with nothing consuming it (deleting a worker deletes its load and its figures, and no latency check would notice). " +
      "The message names the claimed and the used figure. It also fails a proxy doing a service's work on data: a gateway calling a store (a cache only for its rate-limit counters), a load balancer calling a queue, stream, event store, object store or third party, a CDN calling anything but code, an object store or a cache.",
    sources: [
      'azureRtt',
      'istioOpenshift',
      'istioAmbient',
      'linkerdBenchmark',
      'awsDr',
      'dynamoAvailability',
      'ec2Sla',
      'tomcatThreads',
      'systemforge',
      'redisBenchmark',
      's3Performance',
      'plausibleRanges',
      'taoHitRate',
      'photoCaching',
    ],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        catalog: {
          type: 'boolean',
          description:
            'Also fail where the spec states a figure that differs from the catalog figure of the technology it names (the catalog figure is used either way). Default false.',
        },
      },
    },
    defaults: { catalog: false },
    messages: {
      honest:
        'every figure the design is graded with is given, catalogued, plausible or a default ({{given}} given, {{catalogued}} from the catalog, {{stated}} from the spec)',
      contradictsGiven: '{{name}} is {{used}}{{unit}} in this problem ({{from}}); {{says}}: graded with {{used}}{{unit}}',
      kindHeld:
        '{{subject}} is {{usedKind}} in this problem ({{from}}); your spec declares it {{claimedKind}}: graded as {{usedKind}}, with its figures, its price and what it may call',
      rttFixed: '{{name}} is {{used}} ms in this problem ({{from}}); your spec says {{claimed}} ms: graded with {{used}} ms',
      outOfRange: '{{name}} of {{claimed}}{{unit}} is outside the plausible range ({{range}}{{unit}}): graded with {{used}}{{unit}}',
      zeroLag:
        '{{name}} is 0 ms on async replication: an async copy always trails its primary ({{range}} ms here); graded with {{used}} ms',
      belowFloor:
        '{{name}} of {{claimed}}{{unit}} is less than an event takes to go through {{subject}} here ({{floor}}): graded with {{used}}{{unit}}',
      rttTriangle: '{{name}} of {{claimed}} ms is less than the triangle allows ({{floor}}): graded with {{used}} ms',
      availabilityOne: '{{name}} is {{claimed}}: nothing one region runs is never down ({{range}}); graded with {{used}}',
      hitRatio:
        '{{name}} of {{claimed}} is above what any published cache reaches without the problem stating it ({{range}}): graded with {{used}}',
      catalog:
        '{{name}} is {{used}}{{unit}} for {{from}} in the technology catalog; your spec says {{claimed}}{{unit}}: graded with {{used}}{{unit}}',
      beyondGivens:
        '{{name}} of {{claimed}}{{unit}}{{claimedFrom}} is better than this problem gives any {{kind}} (the best is {{used}}{{unit}}, {{from}}): graded with {{used}}{{unit}}',
      unknownExternal:
        '{{subject}} is a third party this problem does not have (its third parties: {{from}}): its latency, capacity and availability would be invented, not given',
      missingGiven:
        '{{id}}, a worker this problem gives{{given}}{{place}}, is not in your design and nothing takes its place: the work it does is never done, and neither its load nor its figures are graded',
      idleWorker:
        "{{id}} consumes nothing and runs on no flow: in the stage's reference it consumes {{input}}, so here the work it does is never done, and neither its load nor its figures are graded",
      unconsumed:
        "nothing in your design consumes {{input}}: the stage's reference runs {{id}} for it, so what is written there is never processed, and the load of doing it is not graded",
      promptHeld: 'flow {{flow}} {{what}} in this problem ({{from}}); your spec says {{stated}}: graded with {{used}}',
      missingFlow:
        "flow {{flow}}, a request this problem's users make{{figures}}, is not in your design: nothing grades how your design serves it",
      promptBatch:
        "flow {{flow}} is a request this problem's users make; your spec makes it a batch job (throughput) run in one region, so neither its rate nor its latency from the users' regions is graded",
      promptHollow:
        "flow {{flow}} reaches no store that answers it ({{stated}}): in the stage's reference it reaches {{stores}}, so the request the prompt names is not what this flow grades",
      promptSkipped:
        'flow {{flow}} goes {{stated}}, not through {{tiers}}, which {{source}}: left out, {{their}} hop, threads and cost leave the grade',
      promptBehind:
        "flow {{flow}} reaches {{tier}} {{where}} {{after}}, which {{tier}} calls in the prompt's request: not waiting for what it calls, it holds no thread while that answers and does not see its result",
      kindRole:
        '{{id}} ({{aKind}}) calls {{target}} ({{aTargetKind}}) on flow {{flow}}: {{role}}; put a service between them, graded with what a service does',
    },
    hints: {
      contradictsGiven:
        'The problem states this figure: it is a fact of the scenario, not a knob. Design around it (a pool sized for it, a timeout, a cache, another region) instead of writing a better number.',
      kindHeld:
        "What each of the scenario's components is belongs to the scenario, like its latency: a gateway does not get a load balancer's price, nor a service a proxy's capacity, by being declared one. Keep its kind, and change what the design does instead (replicas, a cache, another tier in front of it).",
      rttFixed:
        'The round trips between regions are physics and the problem fixes them. If a region is too far, move the work or the data closer to the users; do not shorten the wire.',
      outOfRange:
        'No real machine of this kind has that figure. If one replica is not enough, add replicas or pick a bigger size from the technology catalog (docs/spec.md) instead of raising its numbers.',
      zeroLag:
        'Asynchronous replication acknowledges before the copy has the write, so the copy is always behind by at least the time the write takes to travel. If you need RPO 0, replicate synchronously (and pay its latency).',
      belowFloor:
        "A worker's lag is not a setting: each event travels from the log to the worker, is processed there and is written to its store, and every part takes time. To make it smaller, shorten a part (run the worker next to the log and the store it writes, process faster) or let the reader live with the staleness.",
      rttTriangle:
        'Round trips obey geometry: a place 1 ms from one region and 1 ms from another puts those two within 2 ms of each other. A region sdcoach does not know still has real distances: state the round trips measured to it, or use the nearest region sdcoach knows.',
      availabilityOne:
        'Every deployment fails sometimes; availability comes from redundancy (1 - (1 - a)^n across independent copies), not from stating 100 %.',
      hitRatio:
        "A hit ratio is a property of the workload (how skewed the keys are, how much fits in the cache), not a knob: the problem gives it when it is known. With the default, design for the misses: size what is behind the cache for them and keep the miss path's latency in budget.",
      catalog: 'A named technology brings its own measured figures. Pick another size or technology if you need different ones.',
      beyondGivens:
        "The problem's figures describe its fleet, and they belong to what a component is, not to its name: a component you add or rename is no better than the best of its kind the scenario gives. If this is one of the scenario's components, use the name the problem gives it; otherwise add replicas instead of raising its figures.",
      unknownExternal:
        "A problem's third parties are facts of its scenario, each with the figures it measured. If this is one of them, use the name the problem gives it; if it is work your own system does (transcoding, a lookup, a store), model it as a service, a worker or a store, graded with what those do.",
      missingGiven:
        "The scenario's workers do work no request waits for (a transcode, a notification), so no latency check misses them: leaving one out only removes the load it carries. If your design does that work another way, name the component doing it as the problem does, so it is graded with the problem's figures.",
      idleWorker:
        'A worker does only what it consumes (or what a flow through it says). Which queue, stream or table does this one take its messages from, and what does it do with each?',
      unconsumed:
        'A queue or stream is a promise that someone will process what is written to it. Which worker in your design takes each message, and what does it do with it? If you meant to drop this step, drop what feeds it too.',
      promptHeld:
        "Where a flow's requests come from and what they need are facts of the prompt, like its rate and budget. Design for all of them (a copy near each origin, a faster path, another consistency model where the prompt allows it) instead of narrowing the flow.",
      promptBatch:
        "A batch job runs in one place at its own pace; a user's request comes from where the user is and waits for the answer. Keep the prompt's request a flow with its rate and budget, and run any batch work beside it.",
      promptSkipped:
        "The prompt gives the system as it is: a gateway or load balancer is where its requests enter (authentication, routing, limits), and its services do the request's work; every request pays for them. Keep each on the flow's path, renamed if you like. Services may be merged into one, or a service's work moved behind a queue the flow writes; an entry tier stays.",
      promptBehind:
        'A tier waits for what it calls: keep it in front of the stores and third parties it calls (services may run in any order among themselves), so its threads are held while they answer.',
      promptHollow:
        "A flow is graded for what it reaches. Keep the prompt's flow on the path its request really takes, to the store it reads or writes; describe other work as flows of its own.",
      missingFlow:
        "The prompt's requests are the scenario: keep each of its flows under the name the prompt or the starter gives it, however you change the path. To split one (per region, per tenant), give each part a name of its own: together, within its budget and reaching its store, they carry its rate. Renaming a component is fine; dropping a flow takes its budget out of the grade.",
      kindRole:
        "A kind brings figures: a gateway or load balancer is an event-driven proxy that forwards requests (tens of thousands per second per replica), a CDN serves cached content and fetches misses from its origin. Work on data (writing a database, publishing to a queue, reading a store for a request) is a service's, with a service's capacity and threads: put a service on the path to do it.",
    },
  },
  run({ model, options }) {
    const figures = model.figures ?? [];
    const out: Finding[] = [];
    for (const f of figures) {
      if (f.claimed === undefined || f.verdict === undefined) continue;
      if (f.verdict === 'catalog' && !options.catalog) continue;
      const messageId = messageIdOf(f);
      const unit = unitOf(f.field);
      out.push({
        status: 'fail',
        messageId,
        path: f.path,
        data: {
          name: figureName(f),
          claimed: num(f.claimed),
          says: saysText(f),
          claimedFrom: f.claimedFrom !== undefined ? ` (the catalog's ${f.claimedFrom})` : '',
          used: num(f.value),
          unit,
          from: f.from ?? 'given',
          range: describeRange(f.range),
          kind: kindWords(Object.hasOwn(model.components, f.subject) ? model.components[f.subject]!.kind : 'component'),
          subject: f.subject,
          floor: f.floor ?? '',
          usedKind: f.words ? aKind(f.words.used) : '',
          claimedKind: f.words ? aKind(f.words.claimed) : '',
        },
        evidence: {
          subject: f.subject,
          field: f.field,
          claimed: f.claimed,
          ...(f.claimedFrom !== undefined ? { claimedFrom: f.claimedFrom } : {}),
          used: f.value,
          origin: f.origin,
          verdict: f.verdict,
          ...(f.range ? { range: f.range } : {}),
          ...(f.floor !== undefined ? { floor: f.floor } : {}),
          ...(f.words ? { kind: f.words.used, claimedKind: f.words.claimed } : {}),
        },
      });
    }
    for (const m of roleMismatches(model)) {
      out.push({
        status: 'fail',
        messageId: 'kindRole',
        path: m.specPath,
        data: {
          id: m.component,
          aKind: aKind(m.kind),
          flow: m.flow,
          target: m.target,
          aTargetKind: aKind(m.targetKind),
          role: ROLES[m.kind] ?? 'a proxy forwards requests',
        },
        evidence: { subject: m.component, kind: m.kind, flow: m.flow, calls: m.target, callsKind: m.targetKind },
      });
    }
    for (const m of model.missingWorkers ?? []) {
      out.push({
        status: 'fail',
        messageId: m.idle ? 'idleWorker' : m.named ? 'missingGiven' : 'unconsumed',
        path: ['components'],
        data: {
          id: m.id,
          given: givenText(m),
          place: m.consumes !== undefined ? `, consuming ${m.consumes} in the reference` : '',
          input: m.consumes ?? '',
        },
        evidence: { subject: m.id, kind: m.kind, missing: true, ...(m.consumes !== undefined ? { consumes: m.consumes } : {}) },
      });
    }
    for (const h of model.promptHeld ?? []) {
      if (h.field === 'behind') {
        out.push({
          status: 'fail',
          messageId: 'promptBehind',
          path: h.path,
          data: { flow: h.flow, tier: h.used, after: h.stated, where: h.beside ? 'in parallel with' : 'only after' },
          evidence: { subject: `flow ${h.flow}`, field: h.field, claimed: h.stated, used: h.used, origin: 'given' },
        });
        continue;
      }
      if (h.field === 'skipped') {
        const one = !h.used.includes(', ');
        const source =
          h.from === 'system'
            ? `this stage's reference routes it through, ${one ? 'a tier' : 'tiers'} of the system the problem gives`
            : "the prompt's request passes through in the system it gives and in this stage's reference";
        out.push({
          status: 'fail',
          messageId: 'promptSkipped',
          path: h.path,
          data: { flow: h.flow, stated: h.stated, tiers: h.used, source, their: one ? 'its' : 'their' },
          evidence: { subject: `flow ${h.flow}`, field: h.field, claimed: h.stated, used: h.used, origin: 'given' },
        });
        continue;
      }
      if (h.field === 'batch' || h.field === 'hollow') {
        out.push({
          status: 'fail',
          messageId: h.field === 'batch' ? 'promptBatch' : 'promptHollow',
          path: h.path,
          data: { flow: h.flow, stated: h.stated, stores: h.used },
          evidence: { subject: `flow ${h.flow}`, field: h.field, claimed: h.stated, used: h.used, origin: 'given' },
        });
        continue;
      }
      out.push({
        status: 'fail',
        messageId: 'promptHeld',
        path: h.path,
        data: {
          flow: h.flow,
          what: h.field === 'origins' ? `takes requests from ${h.used}` : h.field === 'kind' ? `is a ${h.used}` : 'is a strong read',
          from: PROMPT_FROM,
          stated: h.field === 'origins' ? `origins ${h.stated}` : h.field === 'kind' ? `kind ${h.stated}` : `consistency ${h.stated}`,
          used: h.field === 'origins' ? `origins ${h.used}` : h.field === 'kind' ? `kind ${h.used}` : 'consistency strong',
        },
        evidence: { subject: `flow ${h.flow}`, field: h.field, claimed: h.stated, used: h.used, origin: 'given' },
      });
    }
    for (const m of model.missingFlows ?? []) {
      const parts = [
        m.rate !== undefined ? `${num(m.rate)} req/s` : '',
        m.budgetP99 !== undefined ? `p99 budget ${num(m.budgetP99)} ms` : '',
      ]
        .filter(Boolean)
        .join(', ');
      out.push({
        status: 'fail',
        messageId: 'missingFlow',
        path: ['flows'],
        data: { flow: m.flow, figures: parts ? ` (${parts})` : '' },
        evidence: {
          subject: `flow ${m.flow}`,
          missing: true,
          ...(m.rate !== undefined ? { rate: m.rate } : {}),
          ...(m.budgetP99 !== undefined ? { budgetP99: m.budgetP99 } : {}),
        },
      });
    }
    if (out.length) return out;
    const count = (o: ModelFigure['origin']) => figures.filter((f) => f.origin === o).length;
    return [
      {
        status: 'pass',
        messageId: 'honest',
        path: [],
        data: { given: count('given'), catalogued: count('catalog'), stated: count('spec') },
      },
    ];
  },
});
