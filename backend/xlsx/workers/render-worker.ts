/**
 * The render pool's worker thread: takes one job at a time and answers with the file's bytes
 * (transferred, not copied) or the error's message. Bundled as its own entry for the Functions
 * app (functions/dist/workers/), beside the app, never loaded by the host itself.
 */
import { parentPort } from 'node:worker_threads';
import { RenderJob, renderJob } from '../render-jobs';

parentPort?.on('message', (message: { id: number; job: RenderJob }) => {
  renderJob(message.job).then(
    (bytes) => parentPort!.postMessage({ id: message.id, bytes }, [bytes.buffer as ArrayBuffer]),
    (error: unknown) =>
      parentPort!.postMessage({
        id: message.id,
        error: (error as Error)?.message ?? String(error),
      }),
  );
});
