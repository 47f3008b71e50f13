// `sdcoach drill`: the timeline a newcomer reads, JSON with "unbounded", and clear exit-2 errors.
import { describe, expect, it } from 'vitest';
import { drillFindings, drillHtml, drillToMermaid } from '../../src/diagrams/drill.js';
import { runDrill } from '../../src/analysis/drills/run.js';
import { analyse } from '../../src/analysis/analyse.js';
import { loadSpecFile } from '../../src/specfile/load.js';
import { expectNoStackTrace, sdcoach } from './run-cli.js';

describe('sdcoach drill', () => {
  it('prints the region-loss timeline phase by phase', () => {
    const r = sdcoach(['drill', 'examples/global-feed.yaml', '--scenario', 'region-down:us-east']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Phase 1\/\d · Detection \(0 s to 10 s\)/);
    expect(r.stdout).toContain('users in us-east are still sent there');
    expect(r.stdout).toMatch(/Steady state \(from \d+ s on\)/);
    expect(r.stdout).toContain('Data lost with the region (RPO):');
  });

  it('writes JSON with unbounded figures as the string "unbounded"', () => {
    // eu-west after losing us-east: (2,300 + 100) / (2 x 1,000) = 120 %: waits without bound
    const r = sdcoach([
      'drill',
      'test/checks/fixtures/drill/survives-overloaded.yaml',
      '--scenario',
      'region-down:us-east',
      '--format',
      'json',
    ]);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as {
      phases: { name: string; flows: Record<string, { p99: unknown }>; overloaded: { utilization: number }[] }[];
    };
    const last = j.phases[j.phases.length - 1]!;
    expect(last.name).toBe('steady-state');
    expect(last.flows.browse!.p99).toBe('unbounded');
    expect(last.overloaded[0]!.utilization).toBe(1.2);
  });

  it('names an unknown region with a did-you-mean and exits 2', () => {
    const r = sdcoach(['drill', 'examples/global-feed.yaml', '--scenario', 'region-down:us-eats']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('did you mean "us-east"');
    expectNoStackTrace(r.all);
  });

  it('rejects a malformed scenario with the accepted forms, exit 2', () => {
    const r = sdcoach(['drill', 'examples/global-feed.yaml', '--scenario', 'slow:feed-api']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('slow:<component>=<ms>');
    const none = sdcoach(['drill', 'examples/global-feed.yaml']);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('--scenario');
  });
});

describe('drill drawn and reported', () => {
  const loaded = loadSpecFile('examples/global-feed.yaml');
  if (!loaded.ok) throw new Error('example does not load');
  const model = loaded.loaded.model;
  const result = runDrill(model, [
    { kind: 'region-down', region: 'us-east' },
    { kind: 'slow', component: 'feed-api', ms: 900 },
  ]);

  it('greys the lost region and marks the slow dependency', () => {
    const src = drillToMermaid(model, analyse(model), result);
    expect(src).toContain('classDef lost');
    expect(src).toMatch(/style r_us_east\w* fill:#eeeeee/);
    expect(drillFindings(result).some((f) => f.check === 'slow 900 ms' && f.path.join('.') === 'components.feed-api')).toBe(true);
  });

  it('has one table per phase in the HTML report', () => {
    const html = drillHtml(result);
    expect((html.match(/<table class="drill">/g) ?? []).length).toBe(result.phases.length);
    expect(html).toContain('Steady state');
  });
});
