/**
 * A queue of jobs of which at most `concurrency` run at once. Jobs beyond that wait their turn,
 * in order; past `maxWaiting` waiting jobs a new one is refused at once (`QueueFullError`) rather
 * than kept waiting for a long time. Each job gets `timeoutMs`: past it, its promise is rejected
 * (`QueueTimeoutError`), the job's `onTimeout` runs (to stop what it does), and the next job starts.
 * No I/O: the PDF renders use it (app/utils/pdf.server.ts), its tests are beside it.
 */
export class QueueFullError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("File d'attente pleine.");
  }
}

export class QueueTimeoutError extends Error {
  constructor() {
    super("Délai dépassé.");
  }
}

type Job<T> = { run: () => Promise<T>; onTimeout?: () => void; resolve: (value: T) => void; reject: (error: unknown) => void };

export class WorkQueue {
  private running = 0;
  private readonly waiting: Job<unknown>[] = [];

  constructor(readonly options: { concurrency: number; maxWaiting: number; timeoutMs: number }) {}

  /** Jobs running now, and jobs waiting. */
  get size() {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Runs `run` when its turn comes; refused at once when too many jobs wait already. */
  add<T>(run: () => Promise<T>, onTimeout?: () => void): Promise<T> {
    if (this.running >= this.options.concurrency && this.waiting.length >= this.options.maxWaiting) {
      // A rough wait: the jobs ahead, two at a time, of a few seconds each.
      return Promise.reject(new QueueFullError(Math.max(5, Math.ceil((this.waiting.length / this.options.concurrency) * 5))));
    }
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ run, onTimeout, resolve, reject } as Job<unknown>);
      this.next();
    });
  }

  private next() {
    while (this.running < this.options.concurrency && this.waiting.length) {
      const job = this.waiting.shift()!;
      this.running++;
      let settled = false;
      const finish = () => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        this.running--;
        this.next();
        return true;
      };
      const timer = setTimeout(() => {
        if (!finish()) return;
        job.reject(new QueueTimeoutError());
        job.onTimeout?.();
      }, this.options.timeoutMs);
      job.run().then(
        (value) => finish() && job.resolve(value),
        (error: unknown) => finish() && job.reject(error),
      );
    }
  }
}
