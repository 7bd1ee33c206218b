/** Sweep step 3: run native once; its output is what every target's output must equal. */
import type { Benchmark } from '../suite/manifest.js';
import { BuildError } from '../toolchain/build.js';
import { readFileSync } from 'node:fs';
import { stdoutHash } from '../measure/execute.js';
import type { RunDir } from '../measure/rundir.js';
import type { Artifacts } from './build.js';
import type { SweepContext } from './context.js';
import type { Prepared } from './prepare.js';

/** The reference run's hashes: of what `check` names, and of what `advisory_check` names (null without one). */
export interface Reference {
  output_hash: string | null;
  advisory_hash: string | null;
}

export const NO_REFERENCE: Reference = { output_hash: null, advisory_hash: null };

/**
 * The hashes of native's output (null, with a warning, when there is none to compare with). A
 * prebuilt module (run --wasm) has no native build: its reference is the --expect file (no
 * advisory hash then), or else the output of one run on the first runtime.
 */
export async function referenceOutput(ctx: SweepContext, b: Benchmark, artifacts: Artifacts, runDir: RunDir, targets: Prepared[] = []): Promise<Reference> {
  if (b.prebuilt) {
    if (b.prebuilt.expect) return { output_hash: stdoutHash(readFileSync(b.prebuilt.expect)), advisory_hash: null };
    const first = targets[0];
    if (!first) return NO_REFERENCE;
    const o = await ctx.exec.run(ctx.runSpec(b, runDir, first.cmd, 'reference'), 'reference');
    if (!o.output_hash && !ctx.aborted) {
      ctx.emit({ kind: 'warning', message: `reference run of ${b.id} on ${first.label} failed (${o.status}: ${o.reason}): output_ok will be empty` });
    }
    return { output_hash: o.output_hash, advisory_hash: o.advisory_hash };
  }
  const native = artifacts.native;
  if (!native || native instanceof BuildError) return NO_REFERENCE;
  const o = await ctx.exec.run(ctx.runSpec(b, runDir, { argv: [native.path, ...b.sizes[ctx.req.size]!] }, 'reference'), 'reference');
  if (o.status === 'ok') runDir.referenceCreated = o.created;
  if (!o.output_hash && !ctx.aborted) {
    ctx.emit({ kind: 'warning', message: `native reference run of ${b.id} failed (${o.status}: ${o.reason}): output_ok will be empty` });
  }
  return { output_hash: o.output_hash, advisory_hash: o.advisory_hash };
}
