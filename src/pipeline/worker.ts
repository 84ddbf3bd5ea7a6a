/**
 * A checking worker (see pool.ts): file references in, one at a time; each file's `FileWork` (read, mapped, checked)
 * out.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkContextOf, processFile, type WorkerSetup } from './check-file.js';
import type { InputFileRef } from '../validate/types.js';

const setup = workerData as WorkerSetup;
const ctx = checkContextOf(setup);
let queue = Promise.resolve();
parentPort!.on('message', (m: { i: number; ref: InputFileRef }) => {
  // One file at a time, in the order sent: the next waits in the queue while this one is checked.
  queue = queue.then(async () => {
    try {
      const work = await processFile(m.ref, ctx, setup.read);
      if (!setup.submissions) for (const c of work.checked) delete c.submission;
      parentPort!.postMessage({ i: m.i, work });
    } catch (e) {
      parentPort!.postMessage({ i: m.i, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  });
});
