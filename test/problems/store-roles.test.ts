// A store's role follows from who writes it, not from its label: the attacks that relabelled a store, or served an
// exact read from a second store only a projector writes, on the shipped references.
import { describe, expect, it } from 'vitest';
import { gradeEdited } from '../specfile/grade-edited.js';

function replaced(text: string, from: string, to: string): string {
  expect(text, `the reference contains ${from}`).toContain(from);
  return text.replace(from, to);
}

describe('a store is what its writers make it', () => {
  it('order-history stage 3: the exact payment status read from a second store only the projector writes fails', () => {
    const { report, failingIn: failing } = gradeEdited('order-history', 'stage-2.yaml', (t) =>
      replaced(
        replaced(
          replaced(t, 'writes: summary-db, lag_ms: 300}', 'writes: [summary-db, status-db], lag_ms: 300}'),
          'consistency: strong, path: [gateway, orders-api, orders-db]',
          'consistency: strong, path: [gateway, orders-api, status-db]',
        ),
        '\nflows:',
        '\n  status-db:    {kind: database, regions: [us-east], replicas: 1, latency_ms: {p50: 3, p99: 12}}\n\nflows:',
      ),
    );
    // outbox-relay 100 ms + projector 300 ms; status-db has one region, so no replication lag
    expect(failing('cqrs/strong-reads-on-write-model')).toEqual([
      `get-payment-status must be strongly consistent but reads status-db, written only by projector, which consumes order-events: whatever its role says, it is a projection up to ${100 + 300} ms behind the writes (outbox-relay 100 ms + projector 300 ms)`,
    ]);
    expect(report.passed).toBe(false);
  });

  it('bank-ledger stage 4: the overdraft check read from a synchronously replicated projection fails', () => {
    const { report, failingIn: failing } = gradeEdited('bank-ledger', 'stage-3.yaml', (t) =>
      replaced(
        replaced(
          replaced(t, '    writes: balances-db\n', '    writes: [balances-db, funds-db]\n'),
          'consistency: strong, path: [gateway, ledger-api, ledger-events]',
          'consistency: strong, path: [gateway, ledger-api, funds-db]',
        ),
        '\nflows:',
        '\n  funds-db:\n    kind: database\n    regions: [eu-west]\n    replicas: 1\n    capacity_rps: 20000\n' +
          '    latency_ms: {p50: 2, p99: 6}\n    replication: {mode: sync}\n' +
          '    failover: {mode: active-passive, standby: eu-central, detect_s: 10, promote_s: 30}\n\nflows:',
      ),
    );
    expect(failing('cqrs/strong-reads-on-write-model')).toEqual([
      `check-overdraft must be strongly consistent but reads funds-db, written only by balance-projector, which consumes ledger-events: whatever its role says, it is a projection up to ${300} ms behind the writes (balance-projector 300 ms)`,
    ]);
    expect(report.passed).toBe(false);
  });

  it('ride-dispatch stage 4: the event store labelled a read model, unreplicated, still owes its failover', () => {
    const { report, failingIn: failing } = gradeEdited('ride-dispatch', 'stage-3.yaml', (t) =>
      replaced(
        replaced(t, 'trip-events:      {kind: event-store, regions:', 'trip-events:      {kind: event-store, role: read-model, regions:'),
        'replication: {mode: async, lag_ms: 500},\n                     failover: {mode: active-active, conflict: home-region',
        'replication: {mode: none},\n                     failover: {mode: active-active, conflict: home-region',
      ),
    );
    // request-ride appends to it: it holds the trips, and with no copy elsewhere a lost region loses them
    expect(failing('failover/standby-region').some((m) => m.startsWith('trip-events is placed in'))).toBe(true);
    expect(failing('failover/rto-rpo').filter((m) => m.startsWith('trip-events'))).toHaveLength(2);
    expect(report.passed).toBe(false);
  });

  it('file-sync stage 4: the block store labelled a read model keeps its RPO', () => {
    const { report, failingIn: failing } = gradeEdited('file-sync', 'stage-4.yaml', (t) =>
      replaced(
        replaced(t, '    kind: object-store\n', '    kind: object-store\n    role: read-model\n'),
        '    replication: {mode: sync}\n    failover: {mode: active-passive, standby: us-west, detect_s: 10, promote_s: 30}\n    replicas: 4',
        '    replication: {mode: async, lag_ms: 60000}\n    failover: {mode: active-passive, standby: us-west, detect_s: 10, promote_s: 30}\n    replicas: 4',
      ),
    );
    // upload-blocks writes it: its async copy trails by 60,000 ms = 60 s, over the stage's RPO of 0
    expect(failing('failover/rto-rpo')).toEqual([`blocks RPO is ${60000 / 1000} s (async replication lag 60000 ms), target 0 s`]);
    expect(report.passed).toBe(false);
  });

  it('the references pass as written', () => {
    for (const [id, solution] of [
      ['order-history', 'stage-2.yaml'],
      ['bank-ledger', 'stage-3.yaml'],
      ['ride-dispatch', 'stage-3.yaml'],
      ['file-sync', 'stage-4.yaml'],
    ] as const) {
      expect(gradeEdited(id, solution, (t) => t).report.mustPassFailed, `${id} ${solution}`).toEqual([]);
    }
  });
});
