// A worker that fails before it says anything never ran its script: WebKit now and then fails a module worker's
// load when several start at once (two widgets on one page), and one created a moment later loads. Such a worker is
// replaced, with what was posted to it sent again; a worker that has spoken is never replaced here.
import type { ToWorker } from './protocol';
import type { WorkerFactory, WorkerPort } from './types';

export interface RetryOptions {
  /** New workers tried after the first fails unheard. */
  retries?: number;
  /** Wait before each new one, longer each time. */
  delayMs?: number;
}

export function retryUnstartedWorkers(
  create: WorkerFactory,
  { retries = 2, delayMs = 250 }: RetryOptions = {},
): WorkerFactory {
  return (events) => {
    let heard = false;
    let left = retries;
    let closed = false;
    let waiting: ReturnType<typeof setTimeout> | null = null;
    // Posted before the worker spoke: what a replacement must be sent too. A transferred buffer goes only once, so
    // once one has been posted no replacement is tried.
    const sent: Array<{ message: ToWorker; transfer?: Transferable[] }> = [];
    let resendable = true;
    let port: WorkerPort;
    let generation = 0;
    const send = (message: ToWorker, transfer?: Transferable[]) => {
      if (transfer?.length) resendable = false;
      port.post(message, transfer);
    };

    const connect = (): WorkerPort => {
      // A replaced worker's late events are not this port's.
      const mine = ++generation;
      const current = () => mine === generation;
      return create({
        message(message) {
          if (!current()) return;
          heard = true;
          sent.length = 0;
          events.message(message);
        },
        error(error) {
          if (!current()) return;
          if (heard || closed || !resendable || left === 0) return events.error(error);
          const attempt = retries - left + 1;
          left--;
          port.terminate();
          waiting = setTimeout(() => {
            waiting = null;
            if (closed) return;
            port = connect();
            for (const { message, transfer } of sent) send(message, transfer);
          }, delayMs * attempt);
        },
      });
    };

    port = connect();
    return {
      post(message, transfer) {
        if (!heard) sent.push({ message, transfer });
        // While a replacement is on its way, the message waits in `sent` for it.
        if (waiting === null) send(message, transfer);
      },
      terminate() {
        closed = true;
        if (waiting !== null) clearTimeout(waiting);
        port.terminate();
      },
    };
  };
}
