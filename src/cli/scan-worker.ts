/** A worker thread of `msdk scan`: scans the windows it is posted, one at a time, in order. */
import { parentPort, workerData } from 'node:worker_threads';
import { scanWindow, type WindowJob } from '../core/stream.js';
import type { Lang } from '../core/types.js';

const options = workerData as { lang: Lang; lines: boolean };
parentPort?.on('message', (job: WindowJob) => parentPort?.postMessage(scanWindow(job, options)));
