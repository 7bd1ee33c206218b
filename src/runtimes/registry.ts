/**
 * Every runtime adapter wasmlab knows, and the resolution of user-given runtime names into
 * targets: "all", a runtime ("wasmtime" → all its modes), or one mode ("wasmer:llvm"). A name
 * may carry an installed version (src/runtimes/versions): "wasmtime@28.0.0", "wazero@v1.9.0:compiler",
 * "wasmtime@all" (every installed version that runs here).
 */
import type { Detection, RuntimeAdapter, Target } from './adapter.js';
import { native } from './native.js';
import { node } from './node.js';
import { wasm3 } from './wasm3.js';
import { wamr } from './wamr.js';
import { wasmer } from './wasmer.js';
import { wasmi } from './wasmi.js';
import { wasmtime } from './wasmtime.js';
import { wavm } from './wavm.js';
import { wazero } from './wazero.js';
import { allVersionIds, UnknownVersionError, versionedAdapter } from './versions/adapters.js';

/** Study runtimes first (Wasmtime, WAVM, Wasmer, Wasm3, WAMR), then the others. */
export const ADAPTERS: readonly RuntimeAdapter[] = [native, wasmtime, wavm, wasmer, wasm3, wamr, node, wazero, wasmi];

export class UnknownRuntimeError extends Error {}

export function adapterFor(name: string): RuntimeAdapter {
  if (name.includes('@')) {
    try {
      return versionedAdapter(name);
    } catch (e) {
      throw e instanceof UnknownVersionError ? new UnknownRuntimeError(e.message) : e;
    }
  }
  const a = ADAPTERS.find((x) => x.name === name);
  if (!a) throw new UnknownRuntimeError(`unknown runtime "${name}" (known: ${ADAPTERS.map((x) => x.name).join(', ')})`);
  return a;
}

export async function detectMode(a: RuntimeAdapter, mode: string): Promise<Detection> {
  return a.detectMode ? a.detectMode(mode) : a.detect();
}

/** Every (runtime, mode) id, e.g. "wasmtime:cranelift"; "native" and single-mode runtimes have no suffix. */
export function modeId(a: RuntimeAdapter, mode: string): string {
  return a.modes.length === 1 && mode === 'default' ? a.name : `${a.name}:${mode}`;
}

/**
 * Resolve names to targets. With `aot`, modes whose AOT is optional get a precompiled variant
 * too; AOT-only modes (wamr:aot) are always included as precompiled. "all" keeps only what
 * is available here (with `onSkip` told why for the rest); an explicitly named runtime that is
 * unavailable stays in, so the sweep reports it as a row with status "unavailable".
 */
export async function resolveTargets(
  names: string[],
  opts: { aot?: boolean; onSkip?: (id: string, reason: string) => void } = {},
): Promise<Target[]> {
  const out: Target[] = [];
  const seen = new Set<string>();
  const add = (t: Target) => {
    const k = `${t.runtime}:${t.mode}:${t.aot}`;
    if (!seen.has(k)) { seen.add(k); out.push(t); }
  };
  for (const raw of names) {
    const all = raw === 'all';
    const [rt, mode] = raw.split(':') as [string, string | undefined];
    if (rt.endsWith('@all')) {
      // Every installed version having the mode (or each of its modes); the others are skipped.
      const { ids, skipped } = allVersionIds(rt.slice(0, -4), mode);
      for (const s of skipped) opts.onSkip?.(s.id, s.reason);
      if (!ids.length && !skipped.length) throw new UnknownRuntimeError(`no ${rt.slice(0, -4)} version is installed: \`wasmlab runtime add ${rt}\` installs them`);
      for (const t of await resolveTargets(ids, { aot: opts.aot })) add(t);
      continue;
    }
    // A version without a mode: its modes that run here (a failed one is skipped, not a row).
    const pick = all || (rt.includes('@') && !mode);
    const adapters = all ? ADAPTERS : [adapterFor(rt)];
    for (const a of adapters) {
      const modes = mode ? a.modes.filter((m) => m.mode === mode) : a.modes;
      if (mode && !modes.length) {
        throw new UnknownRuntimeError(`runtime ${a.name} has no mode "${mode}" (modes: ${a.modes.map((m) => m.mode).join(', ')})`);
      }
      for (const m of modes) {
        if (pick) {
          const d = await detectMode(a, m.mode);
          if (!d.available) { opts.onSkip?.(modeId(a, m.mode), d.reason ?? 'unavailable'); continue; }
        }
        if (m.aot !== 'always') add({ runtime: a.name, mode: m.mode, aot: false });
        if (m.aot === 'always' || (opts.aot && m.aot === 'optional')) add({ runtime: a.name, mode: m.mode, aot: true });
      }
    }
  }
  return out;
}
