/**
 * What a sweep tells its front while it runs, as typed events: fronts render them (a progress
 * bar, a note line, a tally) and never parse text. `describe` is the one wording of each event
 * for fronts that print notes.
 */
export type SweepEvent =
  /** Runs done of the total promised; `reused` of them came from the store. */
  | { kind: 'progress'; done: number; total: number; reused: number; measured: number; label: string }
  | { kind: 'build'; benchmark: string; target: 'native' | 'wasm'; opt: string; cached: boolean; seconds: number; bytes: number }
  | { kind: 'build-failed'; benchmark: string; target: 'native' | 'wasm'; opt: string; message: string }
  /** An AOT artifact (or, with compileOnly, the compile-only timing of a JIT mode). */
  | { kind: 'aot'; benchmark: string; opt: string; target: string; cached: boolean; seconds: number; compileOnly: boolean }
  | { kind: 'skipped-targets'; targets: { id: string; reason: string }[] }
  /** Runs of a target found in the store, not measured again. */
  | { kind: 'reused'; benchmark: string; opt: string; target: string; runs: number }
  | { kind: 'store-busy'; holder: string }
  | { kind: 'warning'; message: string };

export type EventSink = (e: SweepEvent) => void;

/** One line for a person, or null for events that are only counted (progress). */
export function describe(e: SweepEvent): string | null {
  switch (e.kind) {
    case 'progress': return null;
    case 'build': return `${e.cached ? 'cached' : 'built '} ${e.benchmark} ${e.target} -${e.opt} (${(e.bytes / 1024).toFixed(0)} KiB${e.cached ? '' : `, ${e.seconds.toFixed(2)} s`})`;
    case 'build-failed': return `build failed: ${e.message}`;
    case 'aot': return `${e.cached ? 'cached' : 'aot   '} ${e.benchmark} -${e.opt} for ${e.target}${e.compileOnly ? ', compile only' : ''} (${e.seconds.toFixed(2)} s)`;
    case 'skipped-targets': return `not available here, skipped: ${e.targets.map((t) => `${t.id} (${t.reason})`).join('; ')}`;
    case 'reused': return `reused ${e.runs} stored run${e.runs === 1 ? '' : 's'} of ${e.benchmark} -${e.opt} ${e.target}`;
    case 'store-busy': return `store busy (${e.holder}), waiting…`;
    case 'warning': return e.message;
  }
}

/** Events that are routine (cache hits, reuse): fronts may keep them quiet. */
export function isRoutine(e: SweepEvent): boolean {
  return e.kind === 'progress' || e.kind === 'reused' || ((e.kind === 'build' || e.kind === 'aot') && e.cached);
}

/** Counts a front prints at the end: builds, AOT compiles, cache hits, reused and measured runs. */
export class SweepTally {
  built = 0;
  aot = 0;
  cached = 0;
  reused = 0;
  measured = 0;
  add(e: SweepEvent): void {
    if (e.kind === 'build' || e.kind === 'aot') {
      if (e.cached) this.cached++;
      else if (e.kind === 'build') this.built++;
      else this.aot++;
    } else if (e.kind === 'progress') {
      this.reused = e.reused;
      this.measured = e.measured;
    }
  }
  builds(): string {
    return this.built || this.aot
      ? `builds: ${this.built} compiled, ${this.aot} AOT-compiled, ${this.cached} from cache`
      : `rebuilt nothing: all ${this.cached} builds and AOT artifacts came from the cache`;
  }
  runs(): string {
    return `${this.reused} reused, ${this.measured} measured`;
  }
}
