/**
 * Workbooks are written off the thread that answers requests, a few at a time. Writing the report
 * of a 2,000-activity programme takes about a second of CPU that exceljs spends in long
 * synchronous stretches: twelve at once on the request thread held a health check for 3 s and
 * took 500 MB. Here each job runs in a worker thread (at most `size` at once, each with a bounded
 * heap) and the rest wait in a queue of at most `maxQueued`; past that the caller is told to come
 * back (RenderBusyError → 503 with Retry-After), never left to pile up.
 *
 * The worker script is compiled beside this module (workers/render-worker.js, and in the Functions
 * bundle functions/dist/workers/); where it is not (the tests, run from the TypeScript sources) the
 * same jobs run in this thread, through the same queue.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RenderJob } from './render-jobs';
import { RenderBusyError } from '../errors';

export interface RenderPoolOptions {
  /** Jobs at once; by default one less than the cores, at least 1 and at most 2. */
  size?: number;
  /** Jobs waiting; past this RenderBusyError. */
  maxQueued?: number;
  /** A worker's heap, in MB: a job past it fails alone. */
  heapMb?: number;
  /** The worker script; none (or missing): the jobs run in this thread. */
  workerScript?: string;
}

interface Task {
  job: RenderJob;
  resolve(bytes: Uint8Array): void;
  reject(error: Error): void;
}

/** The worker script beside this module, compiled; undefined from the TypeScript sources. */
const DEFAULT_WORKER = path.join(__dirname, 'workers', 'render-worker.js');

export class RenderPool {
  readonly size: number;
  private readonly maxQueued: number;
  private readonly heapMb: number;
  private readonly workerScript?: string;
  private readonly queue: Task[] = [];
  private readonly idle: Worker[] = [];
  private running = 0;
  /** The most jobs that ran at once (the tests and the benchmark read it). */
  peak = 0;
  /** Jobs finished, and whether they ran in a worker thread. */
  readonly done = { worker: 0, inline: 0 };

  constructor(options: RenderPoolOptions = {}) {
    this.size = options.size ?? Math.max(1, Math.min(2, (os.availableParallelism?.() ?? 2) - 1));
    this.maxQueued = options.maxQueued ?? 32;
    this.heapMb = options.heapMb ?? 512;
    const script = options.workerScript ?? DEFAULT_WORKER;
    if (existsSync(script)) this.workerScript = script;
  }

  /** The job's file; RenderBusyError when `size` run and `maxQueued` wait already. */
  render(job: RenderJob): Promise<Uint8Array> {
    if (this.running >= this.size && this.queue.length >= this.maxQueued)
      return Promise.reject(new RenderBusyError());
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    while (this.running < this.size && this.queue.length > 0) {
      const task = this.queue.shift()!;
      this.running++;
      this.peak = Math.max(this.peak, this.running);
      this.run(task.job)
        .then(task.resolve, task.reject)
        .finally(() => {
          this.running--;
          this.next();
        });
    }
  }

  private async run(job: RenderJob): Promise<Uint8Array> {
    if (!this.workerScript) {
      // A path the bundler leaves alone: the Functions bundle never runs jobs in this thread.
      const jobs = (await import(
        path.join(__dirname, 'render-jobs')
      )) as typeof import('./render-jobs');
      const bytes = await jobs.renderJob(job);
      this.done.inline++;
      return bytes;
    }
    const worker = this.idle.pop() ?? this.startWorker();
    worker.ref();
    try {
      const bytes = await new Promise<Uint8Array>((resolve, reject) => {
        const settle = (message: { bytes?: Uint8Array; error?: string }) => {
          worker.off('error', fail);
          if (message.bytes) resolve(message.bytes);
          else reject(new Error(`No se pudo generar el documento: ${message.error}`));
        };
        const fail = (error: Error) => {
          worker.off('message', settle);
          reject(error);
        };
        worker.once('message', settle);
        worker.once('error', fail);
        worker.postMessage({ id: this.done.worker, job });
      });
      this.done.worker++;
      // Idle workers wait for the next job without keeping the process alive.
      worker.unref();
      this.idle.push(worker);
      return bytes;
    } catch (error) {
      // A worker that failed (out of memory, crashed) is not used again.
      void worker.terminate();
      throw error;
    }
  }

  private startWorker(): Worker {
    return new Worker(this.workerScript!, {
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
    });
  }

  /** Ends the idle workers (tests, and hosts shutting down). */
  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((w) => w.terminate()));
  }
}

/** The process's pool: every workbook the server writes goes through it. */
export const renderer = new RenderPool();
