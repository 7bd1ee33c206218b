/**
 * Our Jupyter handler: tslab's JupyterHandlerImpl for kernel info, completion and inspection,
 * with execution replaced so that (1) magic lines are translated to TypeScript first, (2) a bad
 * magic is one stderr line instead of a TypeScript error, and (3) a failed cell aborts only the
 * requests already queued (IPython's semantics, see queue.ts) instead of tslab's 200 ms window.
 */
import { session } from './session.js';
import { ExecuteQueue } from './queue.js';
import { tslabJupyter, TSLAB_VERSION, type Executor, type ExecuteRequest, type Handler, type WriteDisplayData, type WriteStream } from './tslab.js';
import { MagicError } from './magics/errors.js';
import { maskMagics, translate } from './magics/translate.js';
import { completeMagic } from './magics/complete.js';

const CELL_MAGIC = /^\s*%%/;

export class WasmlabHandler {
  private count = 0;
  private readonly queue = new ExecuteQueue();

  constructor(
    private readonly inner: Handler,
    private readonly executor: Executor,
  ) {}

  handleKernel(): ReturnType<Handler['handleKernel']> {
    const reply = this.inner.handleKernel();
    reply.implementation = 'wasmlab';
    reply.banner = `TypeScript (wasmlab): tslab ${TSLAB_VERSION} with wasmlab magics; %lsmagic lists them`;
    return reply;
  }

  async handleExecute(req: ExecuteRequest, writeStream: WriteStream, writeDisplayData: WriteDisplayData) {
    let count: number | undefined;
    const outcome = await this.queue.run(async () => {
      count = ++this.count;
      return this.execute(req.code, writeStream, writeDisplayData);
    }, req.stop_on_error !== false);
    return { status: outcome, execution_count: count as number };
  }

  private async execute(code: string, writeStream: WriteStream, writeDisplayData: WriteDisplayData): Promise<boolean> {
    // What tslab's handleExecuteImpl does: route this cell's stdout/stderr and displays to it.
    process.stdout.write = this.inner.createWriteToIopub('stdout', writeStream) as typeof process.stdout.write;
    process.stderr.write = this.inner.createWriteToIopub('stderr', writeStream) as typeof process.stderr.write;
    tslabJupyter.lastWriteDisplayData = writeDisplayData;
    session.writeDisplay = writeDisplayData;
    let ts: string;
    try {
      ts = translate(code);
    } catch (e) {
      if (!(e instanceof MagicError)) throw e;
      process.stderr.write(`${e.render()}\n`);
      return false;
    }
    return this.executor.execute(ts);
  }

  handleIsComplete(req: { code: string }): ReturnType<Handler['handleIsComplete']> {
    if (CELL_MAGIC.test(req.code)) {
      // A cell magic's body is not TypeScript; as in IPython's terminal, a blank line ends it.
      return /\n\s*\n$/.test(req.code) ? { status: 'complete' as const } : { status: 'incomplete' as const, indent: '' };
    }
    return this.inner.handleIsComplete({ code: maskMagics(req.code) });
  }

  handleInspect(req: { code: string; cursor_pos: number; detail_level: 0 | 1 }): ReturnType<Handler['handleInspect']> {
    return this.inner.handleInspect({ ...req, code: maskMagics(req.code) });
  }

  handleComplete(req: { code: string; cursor_pos: number }) {
    return completeMagic(req.code, req.cursor_pos) ?? this.inner.handleComplete({ ...req, code: maskMagics(req.code) });
  }

  handleShutdown(req: { restart: boolean }): ReturnType<Handler['handleShutdown']> {
    return this.inner.handleShutdown(req);
  }

  close(): void {
    this.inner.close();
  }
}
