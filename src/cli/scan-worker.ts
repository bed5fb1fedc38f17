/** A worker thread of `msdk scan`: scans the windows it is posted, one at a time, in order. */
import { parentPort, workerData } from 'node:worker_threads';
import { type Lang, loadStream, type WindowJob } from '../core/index.js';

const options = workerData as { lang: Lang; lines: boolean };
// No top-level await: the `msdk` bundle is CommonJS. Windows posted meanwhile wait in the port.
void loadStream().then(({ scanWindow }) =>
  parentPort?.on('message', (job: WindowJob) => parentPort?.postMessage(scanWindow(job, options))),
);
