import { createDataPlane } from './data-plane';
import type { FromWorker, ToWorker } from './worker-protocol';

/** The data plane's worker: the socket and validation run here, off the UI thread. */
interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;
const plane = createDataPlane((message) => scope.postMessage(message));
scope.onmessage = (event) => plane.handle(event.data);
