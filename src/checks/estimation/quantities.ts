// estimation/quantities: each back-of-the-envelope estimate is within the accepted factor of the
// problem's derivation; unit slips (bits for bytes, per day as per second) and a left-out factor are named.
import type { EstimateReference } from '../../analysis/estimates.js';
import { judgeEstimate } from '../../analysis/estimates.js';
import { describeDimension } from '../../specfile/units.js';
import { defineCheck, type Finding, type Status } from '../types.js';
import { figure, REFERENCE_SCHEMA } from './reference-schema.js';

interface Options {
  /** The stage's quantities, computed from its facts. Without them the check does not apply. */
  quantities: Record<string, EstimateReference>;
}

export default defineCheck<Options>({
  meta: {
    id: 'estimation/quantities',
    topic: 'estimation',
    title: 'Estimate each quantity within the accepted factor of the derivation',
    concept:
      'An interview starts with numbers: requests per second at average and peak, storage per year, bandwidth, machines. ' +
      'Nobody expects the last digit; the order of magnitude and the steps matter, and the classic slips (bits for bytes, a per-day figure used per second, the peak factor forgotten) each move an answer by a factor you can recognise.',
    computes:
      "Parses each answer under estimates: with its unit (mathjs) into base units (seconds, bits, counts) and divides it by the reference computed from the stage's facts. " +
      'In range when the ratio is within the tolerance either way (default 2x warm-up, 1.5x interview, 1.25x staff, settable per quantity), unless the answer is nearer the formula without one of its dimensionless facts (one that moves it 1.2x or more, such as a 0.8 utilization limit) than the derivation, for a rounded formula both rounded and before rounding: that fact was left out; otherwise a ratio near 8 is bits vs bytes, near 86,400 or 3,600 a per-day or per-hour rate read per second, near a dimensionless fact of the formula that factor left out.',
    sources: ['sdcoach'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        quantities: {
          type: 'object',
          additionalProperties: REFERENCE_SCHEMA,
          description: "Built by the problem's estimate stage from its facts and formulas.",
        },
      },
    },
    defaults: { quantities: {} },
    messages: {
      inRange:
        '{{name}} = {{answer}}: within {{tolerance}}× of the derivation, {{expected}} {{unit}} (accepted {{low}} to {{high}}). {{derivation}} ({{worked}})',
      missing: '{{name}} ({{label}}) is not estimated yet: add it under estimates: with its unit, in {{unit}}',
      wrongDimension: '{{name}} = {{answer}} is {{given}}, but {{label}} is {{wanted}}: write it in {{unit}}',
      bitsBytes: '{{name}} = {{answer}} is off by about 8×: bits and bytes mixed up? (1 byte = 8 bits; Gbps counts bits, GB/s bytes)',
      perDay:
        '{{name}} = {{answer}} is off by about {{factor}}× ({{factorName}}): a per-day or per-hour figure read as per second, or the reverse?',
      missingFactor: '{{name}} = {{answer}} is off by about {{factor}}×, the value of {{factorName}}: left out, or applied twice?',
      leftOut:
        '{{name}} = {{answer}} is nearer what the formula gives without {{factorName}} ({{without}} {{unit}}) than the derivation ({{expected}} {{unit}}): was it left out?',
      tooHigh: "{{name}} = {{answer}} is more than {{tolerance}}× the derivation's figure for {{label}}",
      tooLow: "{{name}} = {{answer}} is less than 1/{{tolerance}} of the derivation's figure for {{label}}",
    },
    hints: {
      missing:
        'Each quantity of the stage gets a line under estimates:, e.g. `peak_reads_per_s: 12k/s` or `storage_per_year: 3.5 TB`. Start from the facts and write the steps down.',
      wrongDimension:
        'Check what kind of number is asked: a rate has "/s" (or /day), a size bytes, a bandwidth bits or bytes per second, a machine count no unit.',
      bitsBytes: 'Network links are sold in bits per second (Gbps), storage and payloads in bytes. Multiply bytes by 8 for bits.',
      perDay:
        'A day has 86,400 seconds (about 10^5), an hour 3,600. Write the unit at every step: "users × req/user/day" is per day until you divide.',
      missingFactor:
        'Walk through the facts one by one and ask which of them your answer used: the peak-to-average factor, replication, the read:write mix.',
      leftOut:
        'Your answer is inside the accepted band, but nearer the answer without this fact than with it. A utilization limit or a headroom factor is small beside the other facts and is exactly the step an estimate forgets: which step of yours uses it?',
      tooHigh:
        'Redo the steps with units written out at each one: users × actions per user per day, then / 86,400 s, then the peak factor.',
      tooLow: 'Redo the steps with units written out at each one: did every fact that multiplies (peak factor, copies, years) make it in?',
    },
  },
  run({ model, options }) {
    const findings: Finding[] = [];
    for (const [name, ref] of Object.entries(options.quantities)) {
      const answer = model.estimates?.[name];
      const j = judgeEstimate(ref, answer);
      const evidence = {
        label: ref.label,
        unit: ref.unit,
        expected: ref.shown,
        low: j.low,
        high: j.high,
        tolerance: ref.tolerance,
        verdict: j.verdict,
        derivation: ref.derivation,
        worked: ref.worked,
        ...(answer ? { answer: answer.text } : {}),
        ...(j.ratio !== undefined ? { ratio: j.ratio } : {}),
      };
      const data = { name, label: ref.label, unit: ref.unit, answer: answer?.text ?? '', tolerance: ref.tolerance };
      const at = answer ? answer.path : ['estimates'];
      const out = (status: Status, messageId: string, extra: Record<string, string | number> = {}): Finding => ({
        status,
        messageId,
        data: { ...data, ...extra },
        path: at,
        evidence,
      });
      switch (j.verdict) {
        case 'in-range':
          findings.push(
            out('pass', 'inRange', {
              expected: figure(ref.shown),
              low: figure(j.low),
              high: figure(j.high),
              derivation: ref.derivation,
              worked: ref.worked,
            }),
          );
          break;
        case 'missing':
          findings.push(out('fail', 'missing'));
          break;
        case 'wrong-dimension':
          findings.push(out('fail', 'wrongDimension', { given: describeDimension(answer!.dims), wanted: describeDimension(ref.dims) }));
          break;
        case 'bits-bytes':
          findings.push(out('fail', 'bitsBytes'));
          break;
        case 'per-day':
          findings.push(out('fail', 'perDay', { factor: figure(j.factor!.value), factorName: j.factor!.name }));
          break;
        case 'missing-factor':
          findings.push(
            j.leftOut
              ? out('fail', 'leftOut', {
                  factorName: j.factor!.name,
                  without: figure(ref.shown * j.factor!.value),
                  expected: figure(ref.shown),
                })
              : out('fail', 'missingFactor', { factor: figure(j.factor!.value), factorName: j.factor!.name }),
          );
          break;
        default:
          findings.push(out('fail', j.verdict === 'too-high' ? 'tooHigh' : 'tooLow'));
      }
    }
    return findings;
  },
});
