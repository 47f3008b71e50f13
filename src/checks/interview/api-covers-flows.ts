// interview/api-covers-flows: the API and the flows describe the same system — every user-facing flow has an
// endpoint and every endpoint a flow, reads are GETs and GETs change nothing, and a write with a side effect
// takes the client's idempotency key, so the retry a timeout forces is recognised.
import { sideEffectCalls } from '../../analysis/side-effects.js';
import type { ModelEndpoint } from '../../specfile/model.js';
import { hopSpecPath } from '../../specfile/steps.js';
import { defineCheck, type Finding } from '../types.js';

interface Options {
  /** The stage asks for an API: without `api:` the check fails instead of not applying. */
  required: boolean;
}

const show = (e: ModelEndpoint) => `${e.method} ${e.route}`;

export default defineCheck<Options>({
  meta: {
    id: 'interview/api-covers-flows',
    topic: 'interview',
    title: 'Give every user-facing flow an endpoint, with the method its effect calls for',
    concept:
      'The API is the contract the rest of the design serves: an endpoint no flow serves is a promise nothing keeps, and a flow no endpoint reaches is a box nobody calls. ' +
      'HTTP methods carry meaning that caches, crawlers and retrying clients rely on: a GET may be repeated or prefetched at will, so it must not change anything. ' +
      'A write that charges, books or sends cannot be made safe to retry by the server alone: the client sends an idempotency key with the request and resends the same key on every retry.',
    computes:
      "Matches `api` endpoints to `flows` by name. A flow with user origins needs at least one endpoint. A GET that serves a write flow fails; a POST on a read flow passes when the endpoint lists its `body` (a sign-in's credentials, a query too long for a URL) and any other method on a read flow warns. " +
      "A write flow with a side-effect call (a step's side_effect, else a call to an external), an invariant, or retries needs an endpoint with `idempotency_key: true`.",
    sources: ['rfc9110', 'stripeIdempotency'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        required: {
          type: 'boolean',
          description: 'The stage asks for an API: a spec without `api:` fails. Default false (the check does not apply without one).',
        },
      },
    },
    defaults: { required: false },
    messages: {
      noApi: 'this stage asks for the API: add `api:` with an endpoint per user-facing flow ({{flows}})',
      served: '{{flow}} is served by {{endpoints}}',
      noEndpoint: '{{flow}} is a {{kind}} flow users start ({{origins}}), but no endpoint in api maps to it: how does a client call it?',
      getWrites:
        '{{endpoint}} serves {{flow}}, a write flow: a GET may be repeated, prefetched or cached by anything between the client and you, so it must not change state; use POST, PUT, PATCH or DELETE',
      writeMethodOnRead:
        '{{endpoint}} serves {{flow}}, a read flow: reads are GETs unless the request needs a body (say which fields in `body`), so caches and CDNs can keep the answer',
      readWithBody:
        '{{endpoint}} serves {{flow}}, a read whose request carries a body ({{body}}): a POST, since a GET body has no meaning and secrets do not belong in a URL',
      noKey:
        '{{endpoint}} serves {{flow}}, which {{why}}, but takes no idempotency key: when the response is lost the client retries, and without the same key on the retry the write happens twice',
      keyed: '{{endpoint}} takes an idempotency key for {{flow}}: a retried request is recognised',
      keyDropped:
        "{{endpoint}} takes the client's idempotency key, but {{flow}} calls {{dependency}} with no key: the retried request reaches {{dependency}} as a new one and acts twice",
    },
    hints: {
      noApi:
        'Which requests does a client send? Write one endpoint per flow, e.g. `- {endpoint: "GET /v1/users/{user_id}/orders", flow: get-orders}`.',
      noEndpoint:
        'Every flow a user starts is a request to some endpoint: what is its method and path, and which path parameter identifies the data?',
      getWrites:
        'Which HTTP methods are safe (no state change) and which are idempotent? A browser prefetch or a retrying proxy must be free to repeat a GET.',
      writeMethodOnRead:
        'Is there a reason this read cannot be a GET (credentials, a query too large for a URL)? Then list what the request carries in `body:`. If not, a GET lets HTTP caches keep the answer.',
      noKey:
        'If the client never hears back, does it know whether the charge happened? An Idempotency-Key header the client makes once and resends on every retry lets the server answer the retry with the first result: `idempotency_key: true`.',
      keyDropped:
        'Pass the key on with the call: `{to: <dependency>, idempotency_key: {from: client, store: <where it is kept>}}`, so the dependency (or your own store) recognises the retry.',
    },
  },
  run({ model, options }) {
    const userFlows = model.flowOrder.map((n) => model.flows[n]!).filter((f) => f.origins.length > 0);
    if (!model.api) {
      if (!options.required) return [];
      return [{ status: 'fail', messageId: 'noApi', data: { flows: userFlows.map((f) => f.name).join(', ') || 'none yet' }, path: [] }];
    }
    const out: Finding[] = [];
    const byFlow = new Map<string, ModelEndpoint[]>();
    for (const e of model.api) {
      const list = byFlow.get(e.flow) ?? [];
      list.push(e);
      byFlow.set(e.flow, list);
    }
    for (const f of userFlows) {
      const eps = byFlow.get(f.name);
      if (!eps) {
        out.push({
          status: 'fail',
          messageId: 'noEndpoint',
          data: { flow: f.name, kind: f.kind, origins: f.origins.join(', ') },
          path: f.specPath,
        });
        continue;
      }
      out.push({ status: 'pass', messageId: 'served', data: { flow: f.name, endpoints: eps.map(show).join(', ') }, path: eps[0]!.path });
    }
    for (const e of model.api) {
      const f = model.flows[e.flow];
      if (!f) continue; // an unknown flow is a validation error
      const data = { endpoint: show(e), flow: f.name };
      if (e.method === 'GET' && f.kind === 'write')
        out.push({ status: 'fail', messageId: 'getWrites', data, path: [...e.path, 'endpoint'] });
      else if (e.method === 'POST' && f.kind === 'read' && e.body.length)
        // A GET's body has no meaning (RFC 9110), and credentials must not sit in a URL (logs, history, referrers).
        out.push({ status: 'pass', messageId: 'readWithBody', data: { ...data, body: e.body.join(', ') }, path: [...e.path, 'body'] });
      else if (e.method !== 'GET' && f.kind === 'read')
        out.push({ status: 'warn', messageId: 'writeMethodOnRead', data, path: [...e.path, 'endpoint'] });
      if (f.kind !== 'write') continue;
      // A retried request must not act twice when a call has a side effect, the flow guards an invariant, or it is retried.
      const call = sideEffectCalls(f, model.components)[0];
      const effect = call && { component: call.dependency.id, fromClient: call.hop?.idempotencyKey?.from === 'client' };
      const why = effect
        ? `calls ${effect.component}, which has a side effect`
        : f.invariant
          ? `guards ${f.invariant.kind}`
          : f.retries
            ? `is retried ${f.retries} time(s)`
            : undefined;
      if (!why) continue;
      if (!e.idempotencyKey)
        out.push({
          status: 'fail',
          messageId: 'noKey',
          data: { ...data, why },
          path: e.path,
          evidence: { clientKey: effect?.fromClient ?? false },
        });
      else if (call && !call.hop?.idempotencyKey)
        // A key the endpoint takes and nothing passes on protects nothing: the retried call goes out without one.
        out.push({
          status: 'fail',
          messageId: 'keyDropped',
          data: { ...data, dependency: call.dependency.id },
          path: hopSpecPath(f, call.index),
        });
      else out.push({ status: 'pass', messageId: 'keyed', data, path: [...e.path, 'idempotency_key'] });
    }
    return out;
  },
});
