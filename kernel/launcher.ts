#!/usr/bin/env node
/**
 * The wasmlab Jupyter kernel: `node dist/kernel/launcher.js CONNECTION_FILE` (the kernel spec
 * runs this). It assembles tslab's executor, handler and ZMQ server the way tslab's own
 * startKernel does, with our handler (magics, IPython error semantics) in front of the executor,
 * `wl` preloaded, and the stop button wired to the running sweep (interrupt.ts).
 */
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { typeRoot } from './typepaths.js';
import { repoRoot } from '../src/paths.js';
import { converterSet, tslabExecutor, tslabJupyter } from './tslab.js';
import { WasmlabHandler } from './handler.js';
import { isRich, show } from './display.js';
import { handleInterruptRequests, interrupt } from './interrupt.js';
import { isUserError } from './core.js';
import { wl } from './wl.js';
import { MagicError } from './magics/errors.js';
import { preloadFrames } from '../src/frame/frame.js';

const require = createRequire(import.meta.url);

/**
 * The declarations every cell sees: `wl`, typed from the compiled .d.ts next to this file, and
 * `Frame` (danfojs's DataFrame), by absolute paths since the notebook can be anywhere; outside
 * the checkout through the virtual folder of typepaths.ts.
 */
function preludeDeclaration(root: string): string {
  const dts = join(root, relative(repoRoot, fileURLToPath(new URL('./wl.js', import.meta.url))));
  // Outside the checkout the package name resolves through the virtual node_modules.
  const danfo = root === repoRoot ? require.resolve('danfojs-node') : 'danfojs-node';
  return `declare const wl: import(${JSON.stringify(dts)}).Wl;\ntype Frame = import(${JSON.stringify(danfo)}).DataFrame;`;
}

function userErrorText(e: Error): string {
  if (e instanceof MagicError) return e.render();
  const diag = (e as { diagnostics?: unknown }).diagnostics;
  const name = e.constructor.name;
  return `${name}: ${e.message}${typeof diag === 'string' && diag ? `\n${diag.trimEnd()}` : ''}`;
}

async function main(): Promise<void> {
  const connectionFile = process.argv[2];
  if (!connectionFile) {
    process.stderr.write('usage: node dist/kernel/launcher.js CONNECTION_FILE (Jupyter passes it; see `wasmlab kernel install`)\n');
    process.exit(2);
  }
  (globalThis as Record<string, unknown>).wl = wl;
  preloadFrames();
  const root = typeRoot(process.cwd()); // before the converter exists: it reads type roots once

  const convs = converterSet();
  void convs.node; // build the TypeScript converter now, not on the first cell
  const executor = tslabExecutor.createExecutor(process.cwd(), convs, {
    // tslab logs a cell's last expression value: frames and figures are displayed instead.
    log: (...args: unknown[]) => (args.length === 1 && isRich(args[0]) ? show(args[0]) : console.log(...args)),
    // Errors for the user (bad input, a cell that does not compile) are shown without a stack.
    error: (...args: unknown[]) =>
      args.length === 1 && isUserError(args[0]) ? process.stderr.write(`${userErrorText(args[0])}\n`) : console.error(...args),
  });
  if (!(await executor.execute(preludeDeclaration(root)))) {
    console.error('wasmlab kernel: could not declare `wl` for cells; it stays usable untyped via globalThis');
  }
  // tslab turns names declared by earlier cells into `exports.<name>` (its cell scope), and a
  // cell's own declarations start as undefined there: set it after the prelude ran.
  executor.locals.wl = wl;

  const handler = new WasmlabHandler(new tslabJupyter.JupyterHandlerImpl(executor, false), executor);
  const server = new tslabJupyter.ZmqServer(handler, connectionFile);

  handleInterruptRequests(server, () => interrupt(executor));
  process.on('SIGINT', () => interrupt(executor));
  process.on('uncaughtException', (err) => console.error('UncaughtException:', err));
  process.on('unhandledRejection', (reason) => console.error('UnhandledPromiseRejection:', reason));
  await server.init();
}

main().catch((e: unknown) => {
  console.error('wasmlab kernel failed to start:', e);
  process.exit(1);
});
