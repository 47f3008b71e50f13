// reliability/idempotent-retries: a call with a side effect that is retried, or that can time out (its
// outcome then unknown, so someone retries it), carries an idempotency key kept in a durable store the flow
// writes before the call; otherwise a retry after a timeout charges twice.
import { sideEffectCalls } from '../../analysis/side-effects.js';
import { shareSlowerThan } from '../../analysis/tail.js';
import { hopSpecPath } from '../../specfile/steps.js';
import { count, defineCheck, ms, pct, type Finding } from '../types.js';

interface Options {
  /** Components whose calls the problem says always have a side effect (a spec's `side_effect: false` does not change that). */
  sideEffects: string[];
  /** Flows the problem says the client retries, and how many times at least (a spec that drops `retries` does not change that). */
  flowRetries: Record<string, number>;
}

/** Below this share of calls, "0%" would read as "never": say "fewer than 0.01%". */
const SMALLEST_SHARE = 1e-4;
/** Kinds that keep a key durably and can look it up by value: a row with a unique key, an event. */
const DURABLE_KEY_STORES = new Set(['database', 'event-store']);

export default defineCheck<Options>({
  meta: {
    id: 'reliability/idempotent-retries',
    topic: 'reliability',
    title: 'Give every retried call with a side effect an idempotency key, kept where the retry finds it',
    concept:
      'When a call to a payment API times out, the caller does not know whether the card was charged: the request may have been lost, or only the answer. ' +
      'Retrying (or letting the user press Pay again) is the right reaction to a timeout, and without an idempotency key it charges twice. ' +
      'The key makes the provider recognise the repeat and return the first result, but only if every retry sends the same key: it must be recorded durably before the first attempt (with the pending order), not made up again per attempt or kept in a cache that forgets it.',
    computes:
      "For each call with a side effect (a component the stage lists in sideEffects, a step with `side_effect: true`, or by default a call to an external on a write flow): it is retried when the step states `retries`, the flow states `retries` (or the stage says in flowRetries that its client retries it), or the call has a timeout (the caller's pool timeout_ms for it, else the component's timeout_ms). " +
      "A retried call needs an `idempotency_key` whose `store` is a database or event store on the same flow's path, written before the call unless the key comes `from: client` (the caller sends it and resends it on every retry). " +
      "The message gives the share of calls slower than the timeout (log-normal fit through the dependency's p50 and p99) and the calls per second that share means at the flow's rate: each may have had its effect and will be repeated.",
    sources: ['stripeIdempotency', 'kleppmannRaces', 'hystrix'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        sideEffects: {
          type: 'array',
          items: { type: 'string' },
          description:
            "Component ids whose calls the problem says always have a side effect (a payment API), whatever the spec's side_effect says. Default none.",
        },
        flowRetries: {
          type: 'object',
          additionalProperties: { type: 'integer', minimum: 0, maximum: 100 },
          description:
            "Flows the problem says the client retries (a mobile app that resends a submission after a timeout), each with the retries it makes at least, whatever the spec's retries says: a fact of the client, not a design choice the spec can drop. Default none.",
        },
      },
    },
    defaults: { sideEffects: [], flowRetries: {} },
    messages: {
      keyed: '{{flow}} calls {{dependency}} with an idempotency key {{origin}}: a retry is recognised and not applied twice',
      noKey:
        '{{flow}} {{why}} to {{dependency}}, which has a side effect, with no idempotency key: a call that timed out may already have taken effect (a charge, an email, a booking), and the retry does it again ({{timedOut}})',
      keyNotKept:
        '{{flow}} sends {{dependency}} an idempotency key but keeps it nowhere: after a crash or a client retry the request makes a new key, and {{dependency}} sees a new request and acts on it again',
      clientKeyNotRecorded:
        'the client resends its key to {{flow}}, but {{flow}} records it nowhere: {{dependency}} may answer a repeat with the first result, yet nothing here can tell the repeat from a new request, so it is recorded (and acted on) twice',
      volatileStore:
        '{{flow}} keeps its idempotency key for {{dependency}} in {{store}}, a {{kind}}: it can evict or lose the key on restart, and the next retry makes a new one',
      storeNotWritten: '{{flow}} says its idempotency key for {{dependency}} is kept in {{store}}, but {{flow}} never writes {{store}}',
      writtenAfterCall:
        '{{flow}} writes {{store}} only after calling {{dependency}}: if the call times out and the request dies, the key was never recorded, and the retry makes a new one',
    },
    hints: {
      noKey:
        'After a timeout, did the call take effect (the card charged, the email sent) or not? You cannot know, so the second attempt must be one the provider can recognise as a repeat. What would it need to receive twice? Look at `idempotency_key` on the call step.',
      keyNotKept:
        'A key only works if the retry sends the same one. Where does the retry (possibly from another server, after a crash) find the key the first attempt used?',
      clientKeyNotRecorded:
        'The provider deduplicates its side; who deduplicates yours? Where would a repeat find that this key was already handled, and with what result?',
      volatileStore:
        'A cache may drop the key under memory pressure or on a restart, exactly when retries happen. Which store keeps it as long as a retry can come, and already records the order?',
      storeNotWritten:
        'The key has to be recorded by this request. Which store does the flow write that could hold the pending order and its key?',
      writtenAfterCall:
        'Record the intent before acting on it: write the pending order with its key first, then call the provider, then mark the order paid. What does the path look like in that order?',
    },
  },
  run({ model, options }) {
    const out: Finding[] = [];
    const declared = new Set(options.sideEffects ?? []);
    const clientRetries = options.flowRetries ?? {};
    for (const name of model.flowOrder) {
      const flow = model.flows[name]!;
      const flowRetries = Math.max(flow.retries ?? 0, Object.hasOwn(clientRetries, name) ? clientRetries[name]! : 0);
      for (const call of sideEffectCalls(flow, model.components, declared)) {
        const dep = call.dependency;
        const pool = call.caller?.pools.find((p) => p.dependency === dep.id);
        const timeout = pool?.timeoutMs ?? dep.timeoutMs;
        const retries = Math.max(call.hop?.retries ?? 0, flowRetries);
        if (retries === 0 && timeout === undefined) continue;
        const at = hopSpecPath(flow, call.index);
        const latency = call.hop?.latency ?? (flow.kind === 'write' && dep.stateful ? dep.writeLatency : dep.latency);
        const share = timeout === undefined ? undefined : shareSlowerThan(latency.p50, latency.p99, timeout);
        const rate = flow.rate * (flow.hops?.[call.index]?.fanout ?? 1);
        const timedOut =
          share === undefined
            ? `${retries} retr${retries === 1 ? 'y' : 'ies'} per failed call`
            : share < SMALLEST_SHARE
              ? `fewer than ${pct(SMALLEST_SHARE, 2)} of healthy calls outlast the ${ms(timeout!)} ms timeout, but in a brownout nearly all ${count(rate)} calls/s do`
              : `${pct(share, 2)} of healthy calls outlast the ${ms(timeout!)} ms timeout (${count(rate * share)} calls/s at ${count(rate)}/s), and in a brownout nearly all do`;
        const why = retries > 0 ? `retries calls (up to ${retries + 1} attempts)` : `gives up after ${ms(timeout!)} ms on calls`;
        const base = { flow: flow.name, dependency: dep.id };
        const evidence = {
          retries,
          timeoutMs: timeout,
          timedOutShare: share,
          timedOutPerS: share === undefined ? undefined : rate * share,
        };
        const key = call.hop?.idempotencyKey;
        if (!key) {
          out.push({ status: 'fail', messageId: 'noKey', data: { ...base, why, timedOut }, path: at, evidence });
          continue;
        }
        const keyAt = [...at, 'idempotency_key'];
        if (key.store === undefined) {
          out.push({
            status: 'fail',
            messageId: key.from === 'client' ? 'clientKeyNotRecorded' : 'keyNotKept',
            data: base,
            path: keyAt,
            evidence,
          });
          continue;
        }
        const store = model.components[key.store]!;
        if (!DURABLE_KEY_STORES.has(store.kind)) {
          out.push({
            status: 'fail',
            messageId: 'volatileStore',
            data: { ...base, store: store.id, kind: store.kind },
            path: [...keyAt, 'store'],
            evidence,
          });
          continue;
        }
        const writes = flow.kind === 'write' ? flow.path.map((c, i) => (c === store.id ? i : -1)).filter((i) => i >= 0) : [];
        if (!writes.length) {
          out.push({
            status: 'fail',
            messageId: 'storeNotWritten',
            data: { ...base, store: store.id },
            path: [...keyAt, 'store'],
            evidence,
          });
          continue;
        }
        // A key the client sends (and resends) survives the request; one the flow makes must be recorded first.
        if (key.from === 'flow' && !writes.some((i) => i < call.index)) {
          out.push({
            status: 'fail',
            messageId: 'writtenAfterCall',
            data: { ...base, store: store.id },
            path: [...keyAt, 'store'],
            evidence,
          });
          continue;
        }
        const origin =
          key.from === 'client' ? `the client sends and resends, recorded in ${store.id}` : `kept in ${store.id}, written before the call`;
        out.push({
          status: 'pass',
          messageId: 'keyed',
          data: { ...base, store: store.id, origin },
          path: keyAt,
          evidence: { ...evidence, keyFrom: key.from },
        });
      }
    }
    return out;
  },
});
