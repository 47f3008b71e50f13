// interview/data-access: each store a read endpoint reaches is keyed for the lookup the endpoint makes: by its
// key or partition key (one partition), by a secondary index (every partition of a partitioned store), or not
// at all (a scan of the whole table).
import type { ModelEntity } from '../../specfile/model.js';
import { count, defineCheck, type Finding } from '../types.js';

interface Options {
  /** The stage asks for a data model: without `data:` the check fails instead of not applying. */
  required: boolean;
}

const HOLDS_DATA = new Set(['database', 'cache', 'search', 'event-store', 'object-store']);

type Access = 'key' | 'index' | 'scan';
interface Best {
  access: Access;
  entity: ModelEntity;
  field: string;
}

/** How one entity serves a lookup by one field: by its key's first field or partition key, by an index, or a scan. */
function accessBy(entity: ModelEntity, field: string): Access {
  if (field === entity.key[0] || field === entity.partitionKey) return 'key';
  if (entity.indexes.includes(field)) return 'index';
  return 'scan';
}

const RANK: Record<Access, number> = { key: 0, index: 1, scan: 2 };

function best(entities: ModelEntity[], fields: string[]): Best {
  let out: Best | undefined;
  for (const entity of entities)
    for (const field of fields) {
      const access = accessBy(entity, field);
      if (!out || RANK[access] < RANK[out.access]) out = { access, entity, field };
    }
  return out!;
}

const keyText = (e: ModelEntity) => (e.key.length > 1 ? `(${e.key.join(', ')})` : e.key[0]!);

export default defineCheck<Options>({
  meta: {
    id: 'interview/data-access',
    topic: 'interview',
    title: 'Key each store for the lookups its readers make',
    concept:
      'A table answers quickly only the questions its keys were chosen for. A read by the partition key goes to one partition and one index; ' +
      'a read by a field with a secondary index is still sent to every partition when the index is kept per partition (scatter/gather); a read by anything else scans the table. ' +
      '"My orders" on a table keyed by order id is the classic miss: choose the key from the access pattern (user id, then time), or keep a second copy keyed for it. ' +
      'A read often takes two lookups: the first table returns the ids the second is read by (a timeline of post ids, then the posts by id).',
    computes:
      "For each endpoint of a read flow, the fields it looks up by (`by`, else the path's {parameters}; neither fails: whose data is it? `by: []` is a listing for everyone); for each store on the flow's path, in order, the entities `data:` keeps there, looked up by those fields and by what the stores before it returned (the key, partition key, indexes and `holds` of the entity read there). " +
      "A field that is the entity's key (its first field) or partition key passes; an indexed field warns when the store is partitioned (every partition asked) and passes otherwise; no key or index fails. " +
      "A partitioned store's `partitions.key` must be the partition key of the entities in it. A store on a read path with no entity in `data:` fails when `data:` is written.",
    sources: ['dataAccessPatterns'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        required: {
          type: 'boolean',
          description:
            'The stage asks for a data model: a spec without `data:` fails. Default false (the check does not apply without one).',
        },
      },
    },
    defaults: { required: false },
    messages: {
      noData: 'this stage asks for the data model: add `data:` with each entity, its store, key and partition key',
      byKey: '{{endpoint}} reads {{entity}} in {{store}} by {{field}}, its {{role}}: one partition, one index lookup',
      byIndex: '{{endpoint}} reads {{entity}} in {{store}} by {{field}} through a secondary index',
      scatter:
        '{{endpoint}} reads {{entity}} in {{store}} by {{field}}, which is indexed but not the partition key ({{partitionKey}}): every read asks all {{partitions}} partitions and waits for the slowest',
      scan: '{{endpoint}} reads {{entity}} in {{store}} by {{field}}, but {{entity}} is keyed by {{key}} with no index on {{field}}: every read scans the whole {{entity}} table',
      noEntity: '{{flow}} reads {{store}}, but data: keeps no entity there: what does {{store}} hold, and by what key?',
      noLookup:
        '{{endpoint}} serves {{flow}}, which reads {{entity}} in {{store}}, but names nothing it looks up by: whose {{entity}} is it? Put the field in the path ({user_id}) or in `by` (from the session or the body); a listing that is the same for everyone says `by: []`',
      partitionMismatch:
        '{{store}} is partitioned by {{storeKey}} (partitions.key), but data: says {{entity}} is partitioned by {{partitionKey}}: one of them is wrong',
    },
    hints: {
      noData: 'For each store: which entity lives there, what identifies one row, and which field spreads the rows over partitions?',
      noLookup:
        "A signed-in user's own data is looked up by the user id from the session: say so with `by: [user_id]`, and check the table is keyed by it.",
      scan: 'Which question does this endpoint ask the table? Key the table (or a second copy of it) by that field, e.g. key [user_id, created_at] for "a user\'s orders, newest first".',
      scatter:
        'An index kept per partition makes every read visit every partition. Could the partition key be the field you read by, or a read model keyed by it?',
      noEntity: 'Name what each store on the path keeps: `data: {order: {store: orders-db, key: order_id, partition_key: user_id}}`.',
      partitionMismatch: "The store spreads rows by one field: say the same field in partitions.key and in the entity's partition_key.",
    },
  },
  run({ model, options }) {
    if (!model.data) {
      if (!options.required) return [];
      return [{ status: 'fail', messageId: 'noData', data: {}, path: [] }];
    }
    const out: Finding[] = [];
    const entitiesIn = new Map<string, ModelEntity[]>();
    for (const e of Object.values(model.data)) {
      const list = entitiesIn.get(e.store) ?? [];
      list.push(e);
      entitiesIn.set(e.store, list);
      const stated = model.components[e.store]?.partitions;
      if (stated && stated.key !== e.partitionKey)
        out.push({
          status: 'fail',
          messageId: 'partitionMismatch',
          data: { store: e.store, storeKey: stated.key, entity: e.name, partitionKey: e.partitionKey },
          path: [...e.path, 'partition_key'],
        });
    }
    const missing = new Set<string>();
    for (const endpoint of model.api ?? []) {
      const flow = model.flows[endpoint.flow];
      if (!flow || flow.kind !== 'read') continue;
      const shown = `${endpoint.method} ${endpoint.route}`;
      // What the request knows: its lookup fields, then what each store read on the way returns (the row's
      // key, indexed and held fields: a timeline row gives the post ids the posts table is read by).
      const known = new Set(endpoint.by);
      const unsaid = !endpoint.byStated && known.size === 0;
      for (const id of new Set(flow.path)) {
        const c = model.components[id];
        if (!c || !HOLDS_DATA.has(c.kind)) continue;
        const entities = entitiesIn.get(id);
        if (!entities) {
          if (!missing.has(`${flow.name} ${id}`))
            out.push({ status: 'fail', messageId: 'noEntity', data: { flow: flow.name, store: id }, path: flow.specPath });
          missing.add(`${flow.name} ${id}`);
          continue;
        }
        if (unsaid) {
          // No path parameter and no `by`: nothing says whose data this is, so nothing can show the key serves it.
          out.push({
            status: 'fail',
            messageId: 'noLookup',
            data: { endpoint: shown, flow: flow.name, entity: entities[0]!.name, store: id },
            path: endpoint.path,
          });
          break;
        }
        // A listing that is the same for everyone (`by: []`, GET /v1/trending) reads what the store keeps for all.
        if (!known.size) continue;
        const b = best(entities, [...known]);
        for (const f of [...b.entity.key, b.entity.partitionKey, ...b.entity.indexes, ...b.entity.holds]) known.add(f);
        const partitions = c.partitions?.count ?? 1;
        const data = {
          endpoint: shown,
          entity: b.entity.name,
          store: id,
          field: b.field,
          key: keyText(b.entity),
          partitionKey: b.entity.partitionKey,
          partitions: count(partitions),
        };
        const evidence = { access: b.access, partitions, lookup: endpoint.by, known: [...known] };
        if (b.access === 'key')
          out.push({
            status: 'pass',
            messageId: 'byKey',
            data: { ...data, role: b.field === b.entity.partitionKey ? 'partition key' : 'key' },
            path: endpoint.path,
            evidence,
          });
        else if (b.access === 'index')
          out.push({
            status: partitions > 1 ? 'warn' : 'pass',
            messageId: partitions > 1 ? 'scatter' : 'byIndex',
            data,
            path: endpoint.path,
            evidence,
          });
        else out.push({ status: 'fail', messageId: 'scan', data, path: b.entity.path, evidence });
      }
    }
    return out;
  },
});
