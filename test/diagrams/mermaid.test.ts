// Spec -> mermaid: snapshots of whole designs, a flow view and a graded drawing, and the structure
// the issue asks for (regions as subgraphs, a shape per kind, a node per region, labelled edges).
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { findingsOf } from '../../src/diagrams/findings.js';
import { designGraph } from '../../src/diagrams/graph.js';
import { designToMermaid } from '../../src/diagrams/mermaid.js';
import { gradeLoaded } from '../../src/grading/grade.js';
import { defaultRubric } from '../../src/grading/rubric.js';
import { loadSpecFile } from '../../src/specfile/load.js';

function load(file: string) {
  const r = loadSpecFile(file);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return { loaded: r.loaded, model: r.loaded.model, metrics: analyse(r.loaded.model) };
}

describe('designToMermaid', () => {
  it.each(['orders-cqrs', 'payments-failover', 'mesh-trading', 'event-sourced-ledger'])('draws examples/%s.yaml (snapshot)', async (name) => {
    const { model, metrics } = load(`examples/${name}.yaml`);
    await expect(designToMermaid(model, metrics)).toMatchFileSnapshot(`__snapshots__/${name}.mmd`);
  });

  it('draws failed checks on a graded design (snapshot)', async () => {
    const { loaded, model, metrics } = load('examples/payments-failover.yaml');
    const report = gradeLoaded(loaded, defaultRubric());
    await expect(designToMermaid(model, metrics, { findings: findingsOf(report) })).toMatchFileSnapshot('__snapshots__/payments-failover.graded.mmd');
  });

  it('draws one flow hop by hop from each origin (snapshot)', async () => {
    const { model, metrics } = load('examples/orders-cqrs.yaml');
    await expect(designToMermaid(model, metrics, { flow: 'create-order' })).toMatchFileSnapshot('__snapshots__/orders-cqrs.create-order.mmd');
  });

  it('makes each region a subgraph and puts a node in every region a component runs in', () => {
    const { model, metrics } = load('examples/orders-cqrs.yaml');
    const src = designToMermaid(model, metrics);
    for (const r of ['us-east', 'eu-west', 'us-west']) expect(src).toContain(`subgraph r_${r.replace('-', '_')}["${r}"]`);
    const graph = designGraph(model, metrics);
    const regionsOf = (id: string) => [...graph.nodes.values()].filter((n) => n.component === id).map((n) => n.region).sort();
    expect(regionsOf('orders-api')).toEqual(['eu-west', 'us-east']);
    expect(regionsOf('orders-db')).toEqual(['us-east', 'us-west']); // primary and its standby
    expect(regionsOf('summary-db')).toEqual(['eu-west', 'us-east']);
  });

  it('gives each kind its shape: cylinders for stores, flags for streams, hexagons for externals', () => {
    const { model, metrics } = load('examples/orders-cqrs.yaml');
    const src = designToMermaid(model, metrics);
    expect(src).toMatch(/n_orders_db_us_east\[\("orders-db<br\/>/);
    expect(src).toMatch(/n_order_events_us_east>"order-events<br\/>/);
    expect(src).toMatch(/n_payments_us_east\{\{"payments<br\/>/);
    expect(src).toMatch(/n_projector_us_east\[\["projector<br\/>/);
    expect(src).toMatch(/n_gateway_us_east\[\/"gateway<br\/>.*"\\\]/);
    expect(src).toMatch(/u_us_east\(\["users<br\/>60#37; of traffic"\]\)/);
  });

  it('marks a conditional write or an atomic hold on its arrow, and an idempotency key on its call', () => {
    const seats = load('problems/concert-ticketing/solutions/stage-4.yaml');
    const src = designToMermaid(seats.model, seats.metrics);
    // One arrow carries three flows to inventory-db: each guard names the flows it belongs to (check-seat, a read, has none).
    // The range is the slowest p99 of the three hops (10 ms read / 25 ms write + 0.5 ms network + the quorum wait 64 ms:
    // the leader's round trip to us-west, its nearest voter) plus
    // the M/M/1 wait at inventory-db (6,000 of 10,000 req/s: p99 wait = ln(0.6 / 0.01) / 4,000 s = 1.02 ms).
    expect(src).toContain('n_tickets_api_us_east -->|"+12–91 ms · quorum wait 64<br/>atomic hold · TTL 600 s (hold-seat) · conditional write (sell-seat)"| n_inventory_db_us_east');
    const shop = load('problems/checkout-bulkhead/solutions/stage-4.yaml');
    const design = designToMermaid(shop.model, shop.metrics);
    expect(design).toContain('n_web_api_us_east -->|"+200 ms<br/>pool 50 · timeout 800 ms<br/>idempotency key in orders-db"| n_payment_api');
    expect(design).toContain('n_web_api_us_east -->|"+21 ms<br/>conditional write"| n_orders_db_us_east');
    // The flow view marks each step: the pending order and the paid update are both conditional.
    const flow = designToMermaid(shop.model, shop.metrics, { flow: 'checkout' });
    expect(flow.match(/conditional write/g)).toHaveLength(2);
    expect(flow).toContain('h_us_east_1 -->|"+200 ms<br/>idempotency key in orders-db"| h_us_east_4');
    // A hop that states nothing gets no guard line.
    expect(flow).toContain('h_us_east_1 -->|"+150 ms"| h_us_east_3');
  });

  it('labels hops with what they add, replication with its mode and lag, and marks standbys', () => {
    const { model, metrics } = load('examples/orders-cqrs.yaml');
    const src = designToMermaid(model, metrics);
    expect(src).toContain('n_orders_api_eu_west -->|"+176 ms · RTT 82 · sync wait 64<br/>pool 10"| n_orders_db_us_east');
    expect(src).toContain('n_orders_db_us_east -.->|"sync · standby · RTO 40 s"| n_orders_db_us_west');
    expect(src).toContain('n_summary_db_us_east -.->|"async · lag 300 ms · standby · RTO 40 s"| n_summary_db_eu_west');
    expect(src).toContain('n_order_events_us_east -.->|"consumes"| n_projector_us_east');
    expect(src).toMatch(/^ {2}class .*n_orders_db_us_west.* standby$/m);
  });

  it('shows the sidecar of meshed services', () => {
    const { model, metrics } = load('problems/trading-mesh/solutions/stage-1.yaml');
    const graph = designGraph(model, metrics);
    const meshed = [...graph.nodes.values()].filter((n) => n.classes.includes('meshed'));
    expect(meshed.length).toBeGreaterThan(0);
    for (const n of meshed) expect(n.lines.join(' ')).toMatch(/sidecar|mesh/);
  });

  it('styles the parts a failed check is about and annotates them with its id, with a legend', () => {
    const { loaded, model, metrics } = load('examples/payments-failover.yaml');
    const report = gradeLoaded(loaded, defaultRubric());
    const src = designToMermaid(model, metrics, { findings: findingsOf(report) });
    expect(src).toMatch(/n_payments_api_us_east\["payments-api<br\/>.*✗ bulkhead\/isolated-pools"\]/);
    expect(src).toMatch(/^ {2}class .*n_payments_api_us_east.* fail$/m);
    expect(src).toMatch(/^ {2}linkStyle [\d,]+ stroke:#c62828/m);
    expect(src).toContain('✗ latency/flow-budget (authorize-payment)');
    expect(src).toContain('subgraph legend["legend"]');
    expect(src).toMatch(/^ {2}classDef fail /m);
  });

  it('a design with no findings gets a legend that says so only when graded', () => {
    const { model, metrics } = load('examples/orders-cqrs.yaml');
    expect(designToMermaid(model, metrics)).not.toContain('legend');
    expect(designToMermaid(model, metrics, { findings: [] })).toContain('✓ no failed checks');
  });

  it('writes the theme into front matter only when asked', () => {
    const { model, metrics } = load('examples/orders-cqrs.yaml');
    expect(designToMermaid(model, metrics)).not.toContain('theme');
    expect(designToMermaid(model, metrics, { theme: 'dark' })).toMatch(/^---\ntitle: "Orders with CQRS"\nconfig:\n {2}theme: dark\n---\n/);
  });

  it('is deterministic', () => {
    const a = load('examples/global-feed.yaml');
    const b = load('examples/global-feed.yaml');
    expect(designToMermaid(a.model, a.metrics)).toBe(designToMermaid(b.model, b.metrics));
  });

  it('shows a CDC connector and an outbox relay as such, with what they read', () => {
    const cdc = load('test/checks/fixtures/cqrs/cdc-ok.yaml');
    const src = designToMermaid(cdc.model, cdc.metrics);
    expect(src).toMatch(/orders-cdc<br\/>worker · CDC connector/);
    expect(src).toMatch(/n_orders_db\w* -\.->\|"tails log \(CDC\)"\| n_orders_cdc/);
    const outbox = load('test/checks/fixtures/cqrs/outbox-ok.yaml');
    const src2 = designToMermaid(outbox.model, outbox.metrics);
    expect(src2).toMatch(/outbox-relay<br\/>worker · outbox relay/);
    expect(src2).toMatch(/n_orders_db\w* -\.->\|"reads outbox"\| n_outbox_relay/);
    // A worker no write step names keeps the plain label.
    expect(src2).toMatch(/n_order_events\w* -\.->\|"consumes"\| n_projector/);
  });

  it('shows a partitioned store\'s partition count and its hot key\'s share', () => {
    const hot = load('test/checks/fixtures/scalability/partitions-split.yaml');
    expect(designToMermaid(hot.model, hot.metrics)).toContain('32 partitions by post_id + bucket · hot key 25#37; #247; 16');
    const even = load('test/checks/fixtures/scalability/partitions-few.yaml');
    const src = designToMermaid(even.model, even.metrics);
    expect(src).toContain('4 partitions by post_id');
    expect(src).not.toContain('hot key');
  });

  it("labels a consensus group's regions leader and follower, not writable", () => {
    // concert-ticketing's on-sale reference: inventory-db votes in us-east (leader), us-west and eu-west.
    const { model, metrics } = load('problems/concert-ticketing/solutions/stage-3.yaml');
    const src = designToMermaid(model, metrics);
    const inventory = src.split('\n').filter((l) => /inventory-db<br/.test(l));
    expect(inventory).toHaveLength(3);
    expect(inventory.filter((l) => l.includes('leader'))).toHaveLength(1);
    expect(inventory.filter((l) => l.includes('follower'))).toHaveLength(2);
    expect(inventory.some((l) => l.includes('writable'))).toBe(false);
  });
});
