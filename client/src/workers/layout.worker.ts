/** The force layout off the main thread: receives the graph, posts positions as it settles. */
import { LayoutLoop, type FromWorker, type ToWorker } from '../layout/engine.ts';

interface WorkerScope {
  postMessage(msg: FromWorker, transfer: Transferable[]): void;
  onmessage: ((ev: MessageEvent<ToWorker>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const loop = new LayoutLoop((msg, transfer) => scope.postMessage(msg, transfer));
scope.onmessage = (ev) => {
  try {
    loop.handle(ev.data);
  } catch (err) {
    scope.postMessage({ type: 'error', message: (err as Error).message }, []);
  }
};
