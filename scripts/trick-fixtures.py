#!/usr/bin/env python3
# Writes, for every stage of every shipped problem, flawed fixtures that try to buy the grade by
# stating numbers (the trick classes of issue 10), each applied to the stage's reference solution,
# and lists them in problem.yaml as failing design/honest-figures. Re-runnable: skips what exists.
# Usage: python3 scripts/trick-fixtures.py [problem-id ...]  (no ids: every problem).
import json, os, re, sys, yaml

ROOT = os.path.join(os.path.dirname(__file__), '..', 'problems')
HEADER = '# yaml-language-server: $schema=../../../schemas/spec.schema.json\n'

DESCRIPTIONS = {
    'fast-dependency': 'Claims {id} answers in a tenth of the time the problem gives ({claim}).',
    'inflated-capacity': 'Claims one replica of {id} serves {claim}, far beyond what the problem gives or any machine serves.',
    'inflated-threads': 'Claims {id} runs {claim} threads per replica instead of the {given} the problem gives.',
    'tiny-rtt': 'Overrides the round trip {claim}, where the problem fixes the measured table.',
    'availability-one': 'Claims {id} is never down (availability 1).',
    'async-lag-zero': 'Claims async replication of {id} has no lag (lag_ms 0): RPO 0 for free.',
    'ambient-on-sidecar': 'Runs sidecars but states the ambient-mode overhead (0.17 / 0.2 ms) per call.',
    'renamed-component': 'Renames {id} to {new} to escape its givens and claims {claim}, better than the problem gives any {kind}.',
    'proxy-kind': 'Renames {id} to {new} and declares it a gateway, for a proxy\'s figures, though it calls {target} itself.',
}

KINDS = {'client', 'cdn', 'load-balancer', 'gateway', 'service', 'worker', 'cache', 'database', 'queue', 'stream', 'event-store', 'search', 'object-store', 'external'}
DATA_KINDS = {'database', 'event-store', 'object-store', 'search', 'queue', 'stream', 'cache', 'external'}
NOT_ON_GATEWAY = ('consumes', 'writes', 'lag_ms', 'partitions', 'role', 'primary', 'replication', 'write_latency_ms', 'hit_ratio')


def figure_class(kind):
    return 'service' if kind == 'worker' else kind


def merged_named(problem, stage_no):
    """The givens' named components as they stand at this stage (kinds from the first that gives one)."""
    out = {k: dict(v) for k, v in ((problem.get('givens') or {}).get('components') or {}).items()}
    for s in problem['stages'][:stage_no]:
        for k, v in (((s.get('givens') or {}).get('components')) or {}).items():
            out.setdefault(k, {}).update(v)
    return out


def class_best(problem, stage_no, kind, field):
    """The best figure the problem gives any component of this kind's class (higher capacity and threads, lower latency)."""
    vals = [g[field] for g in merged_named(problem, stage_no).values() if figure_class(g.get('kind', '')) == figure_class(kind) and field in g]
    kinds = dict((problem.get('givens') or {}).get('kinds') or {})
    for s in problem['stages'][:stage_no]:
        for k, v in (((s.get('givens') or {}).get('kinds')) or {}).items():
            kinds.setdefault(k, {}).update(v)
    vals += [v[field] for k, v in kinds.items() if figure_class(k) == figure_class(kind) and field in v]
    if not vals:
        return None
    if field == 'latency_ms':
        p50 = min(v if isinstance(v, (int, float)) else v.get('p50', float('inf')) for v in vals)
        p99 = min(v if isinstance(v, (int, float)) else v.get('p99', float('inf')) for v in vals)
        return {'p50': p50, 'p99': p99}
    return max(vals)


def renamed(spec, cid, new):
    """The spec with component cid renamed everywhere it is referred to (not its problem, stage, regions or users)."""
    text = yaml.safe_dump(spec, sort_keys=False)
    out = yaml.safe_load(re.sub(r'(?<![\w-])' + re.escape(cid) + r'(?![\w-])', new, text))
    for k in ('problem', 'stage', 'name', 'regions', 'users'):
        if k in spec:
            out[k] = spec[k]
    return out


def path_ids(path):
    for step in path or []:
        if isinstance(step, str):
            yield step
        elif isinstance(step, dict) and isinstance(step.get('to'), str):
            yield step['to']
        else:
            yield None


def given_for(problem, stage_no, cid, kind):
    g = dict(((problem.get('givens') or {}).get('kinds') or {}).get(kind) or {})
    g.update(((problem.get('givens') or {}).get('components') or {}).get(cid) or {})
    for s in problem['stages'][:stage_no]:
        sg = s.get('givens') or {}
        g.update(((sg.get('kinds') or {}).get(kind)) or {})
        g.update(((sg.get('components') or {}).get(cid)) or {})
    return g


def tricks(problem, stage_no, spec):
    comps = spec['components']
    out = []
    # fast dependency: prefer an external with a given latency, else any component with one.
    cands = [(cid, c) for cid, c in comps.items() if 'latency_ms' in given_for(problem, stage_no, cid, c['kind'])]
    cands.sort(key=lambda x: x[1]['kind'] != 'external')
    if cands:
        cid, c = cands[0]
        lat = given_for(problem, stage_no, cid, c['kind'])['latency_ms']
        lat = {'p50': lat, 'p99': lat} if isinstance(lat, (int, float)) else lat
        fast = {k: (v // 10 if v % 10 == 0 else round(v / 10, 3)) for k, v in lat.items()}
        def f(s, cid=cid, fast=fast):
            s['components'][cid]['latency_ms'] = fast
        out.append(('fast-dependency', f, {'id': cid, 'claim': f"p99 {fast.get('p99')} ms"}))
    # inflated capacity on a component with a given capacity (else any service).
    cands = [cid for cid, c in comps.items() if 'capacity_rps' in given_for(problem, stage_no, cid, c['kind'])] or [cid for cid, c in comps.items() if c['kind'] == 'service']
    if cands:
        cid = cands[0]
        def f(s, cid=cid):
            s['components'][cid]['capacity_rps'] = 1000000
        out.append(('inflated-capacity', f, {'id': cid, 'claim': '1,000,000 req/s'}))
    cands = [cid for cid, c in comps.items() if 'threads' in given_for(problem, stage_no, cid, c['kind'])]
    if cands:
        cid = cands[0]
        given = given_for(problem, stage_no, cid, comps[cid]['kind'])['threads']
        def f(s, cid=cid, given=given):
            s['components'][cid]['threads'] = given * 10
        out.append(('inflated-threads', f, {'id': cid, 'claim': str(given * 10), 'given': str(given)}))
    regions = spec.get('regions') or []
    if len(regions) >= 2:
        a, b = regions[0], regions[1]
        def f(s, a=a, b=b):
            s.setdefault('network', {})['rtt_ms'] = {a: {b: 1}}
        out.append(('tiny-rtt', f, {'claim': f'{a} <-> {b} to 1 ms'}))
    else:
        def f(s):
            s.setdefault('network', {})['intra_region_ms'] = 0.01
        out.append(('tiny-rtt', f, {'claim': 'inside the region to 0.01 ms'}))
    cands = [cid for cid, c in comps.items() if c['kind'] in ('database', 'event-store', 'service')]
    if cands:
        cid = cands[0]
        def f(s, cid=cid):
            s['components'][cid]['availability'] = 1
        out.append(('availability-one', f, {'id': cid}))
    cands = [cid for cid, c in comps.items() if (c.get('replication') or {}).get('mode') == 'async']
    if cands:
        cid = cands[0]
        def f(s, cid=cid):
            s['components'][cid]['replication']['lag_ms'] = 0
        out.append(('async-lag-zero', f, {'id': cid}))
    # Renaming a named component to leave its givens behind, with figures better than its kind has here.
    named = merged_named(problem, stage_no)
    cands = [cid for cid, c in comps.items() if cid in named and cid not in KINDS and c['kind'] not in ('client', 'external')]
    cands.sort(key=lambda cid: (comps[cid]['kind'] != 'service', 'capacity_rps' not in named[cid]))
    for cid in cands[:1]:
        kind = comps[cid]['kind']
        cap, thr, lat = (class_best(problem, stage_no, kind, f) for f in ('capacity_rps', 'threads', 'latency_ms'))
        if cap is not None:
            claim, field, value = f'{int(cap * 2):,} req/s per replica', 'capacity_rps', int(cap * 2)
        elif thr is not None and kind in ('service', 'worker', 'gateway'):
            claim, field, value = f'{thr * 2} threads per replica', 'threads', thr * 2
        elif lat is not None:
            value = {k: v / 2 for k, v in lat.items()}
            claim, field = f"p99 {value['p99']:g} ms", 'latency_ms'
        else:
            continue
        new = f'{cid}-v2'
        def f(s, cid=cid, new=new, field=field, value=value):
            out = renamed(s, cid, new)
            out['components'][new][field] = value
            s.clear()
            s.update(out)
        out.append(('renamed-component', f, {'id': cid, 'new': new, 'claim': claim, 'kind': 'service or worker' if figure_class(kind) == 'service' else kind}))
    # A service declared a gateway under another name, though it reads or writes data itself.
    target = None
    for flow in (spec.get('flows') or {}).values():
        ids = list(path_ids(flow.get('path')))
        for a, b in zip(ids, ids[1:]):
            if a in comps and b in comps and comps[a]['kind'] == 'service' and comps[b]['kind'] in DATA_KINDS and a not in KINDS:
                target = (a, b)
                break
        if target:
            break
    if target:
        cid, b = target
        new = f'{cid}-gw'
        def f(s, cid=cid, new=new):
            out = renamed(s, cid, new)
            c = out['components'][new]
            c['kind'] = 'gateway'
            for k in NOT_ON_GATEWAY:
                c.pop(k, None)
            s.clear()
            s.update(out)
        out.append(('proxy-kind', f, {'id': cid, 'new': new, 'target': b}))
    mesh = (spec.get('patterns') or {}).get('mesh')
    if mesh is not None and mesh.get('data_plane', 'sidecar') == 'sidecar':
        def f(s):
            s['patterns']['mesh']['data_plane'] = 'sidecar'
            s['patterns']['mesh']['overhead_ms'] = {'p50': 0.17, 'p99': 0.2}
        out.append(('ambient-on-sidecar', f, {}))
    return out


def main():
    # With problem ids as arguments, only those problems (a re-run never touches other authors' problems).
    only = set(sys.argv[1:])
    for pid in sorted(os.listdir(ROOT)):
        if only and pid not in only:
            continue
        pfile = os.path.join(ROOT, pid, 'problem.yaml')
        if not os.path.exists(pfile):
            continue
        text = open(pfile).read()
        problem = yaml.safe_load(text)
        for n, stage in enumerate(problem['stages'], 1):
            # An estimate stage grades arithmetic, not a design's figures: nothing to buy there.
            if stage.get('kind') == 'estimate':
                continue
            sol = yaml.safe_load(open(os.path.join(ROOT, pid, stage['solution'])))
            entries = []
            for name, apply, data in tricks(problem, n, sol):
                rel = f'fixtures/stage-{n}-trick-{name}.yaml'
                # This trick listed already (under any file name), or a file of that name exists (perhaps another stage's, numbered before
                # stages moved): never overwrite a fixture.
                if any(fx['file'].endswith(f'-trick-{name}.yaml') for fx in stage.get('fixtures') or []) or os.path.exists(os.path.join(ROOT, pid, rel)):
                    continue
                spec = yaml.safe_load(open(os.path.join(ROOT, pid, stage['solution'])))
                apply(spec)
                desc = DESCRIPTIONS[name].format(**{'id': '', 'claim': '', 'given': '', 'new': '', 'kind': '', 'target': '', **data})
                with open(os.path.join(ROOT, pid, rel), 'w') as fh:
                    fh.write(HEADER)
                    fh.write(f'# Flawed (a stated number, not a design): the stage {n} reference solution, except: {desc}\n')
                    fh.write(yaml.safe_dump(spec, sort_keys=False, default_flow_style=None, width=140))
                entries.append(f'      - file: {rel}\n        description: {json.dumps(desc)}\n        fails: [design/honest-figures]\n')
            if not entries:
                continue
            # Append after the stage's last fixture (or add a fixtures list after its solution line).
            # Stage items are the 2-space list entries under `stages:` (each may start with kind:, id: or title:).
            head = text.index('\nstages:\n')
            stages_at = [m.start() for m in re.finditer(r'\n  - [a-z_]+: ', text) if m.start() > head]
            start = stages_at[n - 1]
            end = stages_at[n] if n < len(stages_at) else len(text)
            block = text[start:end]
            if '\n    fixtures:\n' in block:
                block = block.rstrip('\n') + '\n' + ''.join(entries) + ('\n' if n < len(stages_at) else '')
                if n < len(stages_at):
                    block = block.rstrip('\n') + '\n\n'
            else:
                m = re.search(r'\n    solution: [^\n]*\n', block)
                block = block[:m.end()] + '    fixtures:\n' + ''.join(entries) + block[m.end():]
            text = text[:start] + block + text[end:]
        open(pfile, 'w').write(text)


main()
