// Something consumed has a producer only if what feeds it traces back to outside the worker chain: a loop of workers
// feeding each other produces nothing (analysis/fed.ts). Review attack on a shipped problem, its stage's reference edited.
import { describe, expect, it } from 'vitest';
import { gradeEdited } from './grade-edited.js';

describe('a loop of workers on shipped problems', () => {
  // social-graph stage 3: following-db is fed by graph-cdc, a change feed of graph-db that the follow flow writes.
  // The attack: no graph-cdc and no publish on follow; the projector writes echo-stream, whose worker writes the
  // follow-events the projector consumes.
  const loop = (t: string) =>
    t
      .replace(
        '  graph-cdc:      {kind: worker, replicas: 2, consumes: graph-db, writes: follow-events, lag_ms: 200}',
        '  echo-worker:    {kind: worker, replicas: 2, consumes: echo-stream, writes: follow-events, lag_ms: 100}\n  echo-stream:    {kind: stream}',
      )
      .replace('consumes: follow-events, writes: following-db,', 'consumes: follow-events, writes: [following-db, echo-stream],')
      .replace('{to: graph-db, publish: {via: cdc, stream: follow-events, relay: graph-cdc}}', 'graph-db');

  it('social-graph stage 3: a projector and an echo worker feeding each other feed following-db nothing', () => {
    const { report, metrics } = gradeEdited('social-graph', 'stage-3.yaml', loop);
    const producer = report.checks.find((c) => c.id === 'design/consumed-has-producer')!;
    expect(producer.findings.filter((f) => f.status === 'fail').map((f) => f.message)).toEqual([
      'echo-worker consumes echo-stream, written only by workers that nothing outside the workers feeds (echo-stream <- following-projector <- follow-events <- echo-worker <- echo-stream): no write flow, nor a change feed of a store one writes, ever puts data in there, so echo-worker has nothing to process',
      'following-projector consumes follow-events, written only by workers that nothing outside the workers feeds (follow-events <- echo-worker <- echo-stream <- following-projector <- follow-events): no write flow, nor a change feed of a store one writes, ever puts data in there, so following-projector has nothing to process',
    ]);
    // following-db is fed by nothing: no staleness, so the stage's "fed from graph-db's changes" does not hold
    expect(metrics.staleness['following-db']).toBeUndefined();
    expect(report.checks.find((c) => c.id === 'assert/batch-asks-one-place')!.status).toBe('fail');
    expect(report.passed).toBe(false);
  });

  it('passes the reference, and the same loop entered from graph-db by its change feed', () => {
    const ref = gradeEdited('social-graph', 'stage-3.yaml', (t) => t);
    expect(ref.report.passed).toBe(true);
    // graph-cdc 200 + following-projector 300 = 500 ms behind graph-db's writes
    expect(ref.metrics.staleness['following-db']).toMatchObject({ chain: ['graph-cdc', 'following-projector'], projectionLagMs: 500 });
    const entered = gradeEdited('social-graph', 'stage-3.yaml', (t) =>
      t
        .replace('consumes: follow-events, writes: following-db,', 'consumes: follow-events, writes: [following-db, echo-stream],')
        .replace(
          '  following-projector:',
          '  echo-stream:    {kind: stream}\n  echo-worker:    {kind: worker, replicas: 2, consumes: echo-stream, writes: follow-events, lag_ms: 100}\n  following-projector:',
        ),
    );
    const producer = entered.report.checks.find((c) => c.id === 'design/consumed-has-producer')!;
    expect(producer.findings.every((f) => f.status === 'pass')).toBe(true);
    expect(entered.report.checks.find((c) => c.id === 'assert/batch-asks-one-place')!.status).toBe('pass');
  });
});
