/** Every runtime and mode with what detection found: the rows of `wasmlab doctor` and `%runtimes`. */
import { ADAPTERS, detectMode, modeId } from './registry.js';

export interface RuntimeRow {
  id: string;
  runtime: string;
  mode: string;
  description: string;
  available: boolean;
  version: string;
  path: string;
  aot: 'none' | 'optional' | 'always';
  reason: string;
  fix: string;
}

export async function runtimeRows(): Promise<RuntimeRow[]> {
  const rows: RuntimeRow[] = [];
  for (const a of ADAPTERS) {
    for (const m of a.modes) {
      const d = await detectMode(a, m.mode);
      rows.push({
        id: modeId(a, m.mode), runtime: a.name, mode: m.mode, description: m.description, available: d.available,
        version: d.version ?? '', path: d.path ?? '', aot: m.aot, reason: d.reason ?? '', fix: d.fix ?? '',
      });
    }
  }
  return rows;
}
