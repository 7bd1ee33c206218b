/** Then and now (src/analysis/then-now.ts): per-family paired decisions, Holm over the families, on rows with known changes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { thenAndNow, thenAndNowVerdict, type Family } from '../src/analysis/then-now.js';
import { syntheticRows } from '../src/analysis/synthetic.js';
import { ruleText } from '../src/analysis/findings.js';

// Each "now" target scales its "then" target's per-benchmark times (`of`), with a small spread
// of the change over benchmarks: the pairing cancels the benchmarks' own spread.
const rows = syntheticRows({
  benchmarks: 12, reps: 5, seed: 4, benchSigma: 0.4, repSigma: 0.03,
  targets: [
    { runtime: 'native', mode: 'default', ratio: 1 },
    { runtime: 'wamr', mode: 'interp', ratio: 15 },
    { runtime: 'wamr@2.4.3', mode: 'fast-interp', ratio: 0.6, of: 1, sigma: 0.05 },
    { runtime: 'wasmer', mode: 'cranelift', ratio: 1.8 },
    { runtime: 'wasmer@7.4.2', mode: 'cranelift', ratio: 1.0, of: 3, sigma: 0.02 },
    { runtime: 'node', mode: 'liftoff', ratio: 3 },
    { runtime: 'node@26.12.1', mode: 'liftoff', ratio: 1.35, of: 5, sigma: 0.05 },
  ],
});
const families: Family[] = [
  { family: 'WAMR fast interpreter', then: 'wamr:interp', now: 'wamr@2.4.3:fast-interp' },
  { family: 'Wasmer Cranelift', then: 'wasmer:cranelift', now: 'wasmer@7.4.2:cranelift' },
  { family: 'V8 Liftoff', then: 'node:liftoff', now: 'node@26.12.1:liftoff' },
];

test('faster, unchanged (equivalent) and slower families are told apart', () => {
  const c = thenAndNow(rows, families, { resamples: 2000 });
  assert.deepEqual(c.map((x) => x.decision), ['faster', 'no detectable change', 'slower']);
  assert.ok(Math.abs(c[0]!.ratio - 0.6) < 0.06, `WAMR ${c[0]!.ratio}`);
  assert.ok(c[0]!.ci_high! < 1 && c[2]!.ci_low! > 1);
  assert.match(c[1]!.equivalence!, /^equivalent within ±10%/);
  assert.equal(c[0]!.benchmarks, 12);
  for (const x of c) assert.ok(x.p_holm! >= x.p!, 'Holm never lowers a p');
  const v = thenAndNowVerdict(c);
  assert.match(v, /^1 of 3 families faster today, 1 slower, 1 no detectable change/);
  assert.match(v, /Wasmer Cranelift: wasmer@7\.4\.2:cranelift against wasmer:cranelift ×1\.0\d .*no detectable change \(equivalent within ±10%/);
});

test('a change significant alone but not after Holm over the families is no detectable change', () => {
  // One family whose uncorrected p lies between 0.05/3 and 0.05: the same comparison alone says slower.
  let found = false;
  for (let seed = 1; seed < 60 && !found; seed++) {
    const r = syntheticRows({
      benchmarks: 6, reps: 5, seed, benchSigma: 0.3, repSigma: 0.02,
      targets: [
        { runtime: 'native', mode: 'default', ratio: 1 },
        { runtime: 'a', mode: 'x', ratio: 2 }, { runtime: 'a@2', mode: 'x', ratio: 1.08, of: 1, sigma: 0.06 },
        { runtime: 'b', mode: 'x', ratio: 2 }, { runtime: 'b@2', mode: 'x', ratio: 1.0, of: 3, sigma: 0.06 },
        { runtime: 'c', mode: 'x', ratio: 2 }, { runtime: 'c@2', mode: 'x', ratio: 1.0, of: 5, sigma: 0.06 },
      ],
    });
    const fam = ['a', 'b', 'c'].map((k) => ({ family: k, then: `${k}:x`, now: `${k}@2:x` }));
    const all = thenAndNow(r, fam);
    const alone = thenAndNow(r, fam.slice(0, 1));
    if (all[0]!.p! > 0.05 / 3 && all[0]!.p! < 0.05 && all[0]!.p_holm! >= 0.05) {
      assert.equal(alone[0]!.decision, 'slower', `seed ${seed}: alone, p ${alone[0]!.p}`);
      assert.equal(all[0]!.decision, 'no detectable change', `seed ${seed}: with Holm`);
      found = true;
    }
  }
  assert.ok(found, 'no seed gave a p between 0.05/3 and 0.05 (the simulation changed?)');
});

test('a family without rows on one side cannot be decided, and says which', () => {
  const c = thenAndNow(rows, [...families, { family: 'Bun', then: 'bun@1.0:omg', now: 'bun@1.4.5:omg' }], { resamples: 500 });
  assert.match(c[3]!.decision, /^cannot be decided: bun@1\.0:omg has no ok rows; bun@1\.4\.5:omg has no ok rows/);
  assert.match(thenAndNowVerdict(c), /of 3 families/);
  assert.match(thenAndNowVerdict([]), /^cannot be measured here/);
  assert.match(ruleText(11), /Holm/);
});
