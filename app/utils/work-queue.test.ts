import { describe, expect, it } from "vitest";
import { QueueFullError, QueueTimeoutError, WorkQueue } from "./work-queue";

/** A job that ends when the test says so, and tells whether it has started. */
function controlled<T>(value: T) {
  let finish!: () => void;
  const job = { started: false, run: () => ((job.started = true), new Promise<T>((resolve) => (finish = () => resolve(value)))), finish: () => finish() };
  return job;
}

const settle = () => new Promise((r) => setImmediate(r));

describe("file d'attente des rendus", () => {
  it("deux à la fois ; les suivants attendent leur tour, dans l'ordre, et tous reçoivent leur réponse", async () => {
    const queue = new WorkQueue({ concurrency: 2, maxWaiting: 16, timeoutMs: 60_000 });
    const jobs = Array.from({ length: 5 }, (_, i) => controlled(i));
    const answers = jobs.map((job) => queue.add(job.run));
    await settle();
    expect(jobs.map((j) => j.started)).toEqual([true, true, false, false, false]);
    expect(queue.size).toEqual({ running: 2, waiting: 3 });
    jobs[1].finish();
    await settle();
    expect(jobs.map((j) => j.started)).toEqual([true, true, true, false, false]);
    for (let round = 0; round < 5; round++) {
      for (const job of jobs) if (job.started) job.finish();
      await settle();
    }
    expect(await Promise.all(answers)).toEqual([0, 1, 2, 3, 4]);
    expect(queue.size).toEqual({ running: 0, waiting: 0 });
  });

  it("au-delà de 16 en attente, une demande est refusée tout de suite, avec un délai à conseiller", async () => {
    const queue = new WorkQueue({ concurrency: 2, maxWaiting: 16, timeoutMs: 60_000 });
    const jobs = Array.from({ length: 18 }, (_, i) => controlled(i));
    const answers = jobs.map((job) => queue.add(job.run));
    const refused = await queue.add(async () => "trop").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(QueueFullError);
    expect((refused as QueueFullError).retryAfterSeconds).toBeGreaterThan(0);
    jobs[0].finish();
    await settle();
    // One place freed: the next request waits again instead of being refused.
    const late = controlled(99);
    const lateAnswer = queue.add(late.run);
    for (let round = 0; round < 20; round++) {
      for (const job of [...jobs, late]) if (job.started) job.finish();
      await settle();
    }
    expect(await Promise.all(answers)).toHaveLength(18);
    expect(await lateAnswer).toBe(99);
  });

  it("un rendu trop long est abandonné (son arrêt est demandé) et laisse passer le suivant", async () => {
    const queue = new WorkQueue({ concurrency: 1, maxWaiting: 4, timeoutMs: 20 });
    let stopped = false;
    const stuck = queue.add(() => new Promise<never>(() => {}), () => (stopped = true));
    const next = controlled("suivant");
    const nextAnswer = queue.add(next.run);
    await expect(stuck).rejects.toBeInstanceOf(QueueTimeoutError);
    expect(stopped).toBe(true);
    await settle();
    expect(next.started).toBe(true);
    next.finish();
    expect(await nextAnswer).toBe("suivant");
  });

  it("un rendu qui échoue rend son erreur et libère sa place", async () => {
    const queue = new WorkQueue({ concurrency: 1, maxWaiting: 4, timeoutMs: 60_000 });
    await expect(queue.add(() => Promise.reject(new Error("navigateur perdu")))).rejects.toThrow("navigateur perdu");
    expect(await queue.add(async () => "ensuite")).toBe("ensuite");
  });
});
