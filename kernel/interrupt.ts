/**
 * Interrupts. The kernel spec asks Jupyter for message-mode interrupts (an `interrupt_request`
 * on the control channel) rather than SIGINT: Jupyter sends SIGINT to the kernel's whole process
 * group, which kills the measuring launcher and the runtime under test before the sweep can
 * cancel them, and the sweep then fails instead of stopping. tslab does not know
 * interrupt_request, so the ZMQ server's message entry point is wrapped to answer it here.
 * SIGINT (a terminal, `kill -INT`) does the same thing.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Executor } from './tslab.js';
import { session } from './session.js';

/** After an interrupt aborted a sweep, how long it may take to wind down before the cell is cut. */
const ABORT_GRACE_MS = 3000;

export function interrupt(executor: Executor): void {
  if (session.interrupt()) {
    // A sweep stops by itself within a second and the cell ends normally with the rows so far
    // (so `-o df` still binds); cut the cell only if it does not.
    setTimeout(() => session.busy && executor.interrupt(), ABORT_GRACE_MS).unref();
  } else {
    executor.interrupt();
  }
}

const DELIM = Buffer.from('<IDS|MSG>');

interface Socket {
  send(frames: (Buffer | string)[]): Promise<void> | void;
}
interface Server {
  connInfo: { key: string };
  handleShellMessage(sock: Socket, ...frames: Buffer[]): Promise<void>;
}

/** Answer interrupt_request messages (control channel) before tslab's dispatcher sees them. */
export function handleInterruptRequests(server: unknown, onInterrupt: () => void): void {
  const s = server as Server;
  const original = s.handleShellMessage.bind(s);
  s.handleShellMessage = async (sock: Socket, ...frames: Buffer[]) => {
    const at = frames.findIndex((f) => f.equals(DELIM));
    if (at >= 0 && frames.length >= at + 6) {
      const header = JSON.parse(frames[at + 2].toString()) as { msg_type: string; session: string; username: string };
      if (header.msg_type === 'interrupt_request') {
        verify(s.connInfo.key, frames[at + 1].toString(), frames.slice(at + 2, at + 6));
        onInterrupt();
        reply(sock, s.connInfo.key, frames.slice(0, at), header);
        return;
      }
    }
    return original(sock, ...frames);
  };
}

function sign(key: string, parts: (Buffer | string)[]): string {
  const h = createHmac('sha256', key);
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

function verify(key: string, hmac: string, parts: Buffer[]): void {
  if (key && sign(key, parts) !== hmac) throw new Error('interrupt_request with a bad signature');
}

function reply(sock: Socket, key: string, ids: Buffer[], parent: { session: string; username: string }): void {
  const header = {
    msg_id: randomBytes(16).toString('hex'), session: parent.session, username: parent.username,
    date: new Date().toISOString(), msg_type: 'interrupt_reply', version: '5.3',
  };
  const body = [JSON.stringify(header), JSON.stringify(parent), '{}', JSON.stringify({ status: 'ok' })];
  void sock.send([...ids, DELIM, sign(key, body), ...body]);
}
