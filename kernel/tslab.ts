/**
 * Typed access to the tslab internals our launcher builds on. tslab has no plug-in hook, so the
 * launcher assembles the same objects as tslab's own `startKernel` (dist/main.js): converters,
 * executor, Jupyter handler, ZMQ server. These are internals, hence the exact version pin in
 * package.json and the check below: a different tslab fails loudly at start, not subtly later.
 */
import { createRequire } from 'node:module';
import type { ConverterSet, Executor, ConsoleInterface } from 'tslab/dist/executor.js';
import type { JupyterHandlerImpl, ZmqServer } from 'tslab/dist/jupyter.js';
import type { Converter, ConverterOptions } from 'tslab/dist/converter.js';

export const TSLAB_VERSION = '1.0.22';

const require = createRequire(import.meta.url);

const pkg = require('tslab/package.json') as { version: string };
if (pkg.version !== TSLAB_VERSION) {
  throw new Error(
    `wasmlab kernel: tslab ${pkg.version} is installed but the launcher is written for ${TSLAB_VERSION}; ` +
      'run `npm ci` in the wasmlab checkout',
  );
}

export type { Executor, ConsoleInterface, ConverterSet };
export type Handler = JupyterHandlerImpl;

/** One MIME bundle as tslab's ZMQ server sends it (display_data / update_display_data content). */
export interface DisplayData {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}
export type WriteStream = (name: string, text: string) => void;
export type WriteDisplayData = (data: DisplayData, update: boolean) => void;

export interface ExecuteRequest {
  code: string;
  silent?: boolean;
  store_history?: boolean;
  stop_on_error?: boolean;
}

interface ExecutorModule {
  createExecutor(rootDir: string, convs: ConverterSet, console: ConsoleInterface): Executor;
}
interface ConverterModule {
  createConverter(options?: ConverterOptions): Converter;
  isCompleteCode(content: string): { completed: boolean; indent?: string };
}
interface JupyterModule {
  JupyterHandlerImpl: new (executor: Executor, isJs: boolean) => JupyterHandlerImpl;
  ZmqServer: new (handler: unknown, configPath: string) => ZmqServer;
  lastWriteDisplayData: WriteDisplayData | null;
}

export const tslabExecutor = require('tslab/dist/executor.js') as ExecutorModule;
export const tslabConverter = require('tslab/dist/converter.js') as ConverterModule;
/** The same module instance `import * as tslab from "tslab"` reaches in a cell (tslab.display). */
export const tslabJupyter = require('tslab/dist/jupyter.js') as JupyterModule;

/** Lazily built TypeScript converters, as tslab's ConverterSetImpl (TypeScript kernel, not JS). */
export function converterSet(): ConverterSet {
  let node: Converter | undefined;
  let browser: Converter | undefined;
  return {
    get node() {
      return (node ??= tslabConverter.createConverter({ isJS: false, isBrowser: false }));
    },
    get browser() {
      return (browser ??= tslabConverter.createConverter({ isJS: false, isBrowser: true }));
    },
    close() {
      node?.close();
      browser?.close();
    },
  };
}
