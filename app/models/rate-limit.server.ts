/**
 * Rate limits on guesses (passwords, second-factor codes, sign-ups), held in the database so
 * that every app process on it counts together (docs/decisions/044).
 *
 * An attempt takes its place BEFORE the password or code is checked, in one atomic statement
 * per key: an upsert that adds one to the key's count for the current minute only while the
 * count is below what the limit leaves. Parallel attempts, through one process or several,
 * cannot all read "9" and all go on: the database orders them on the counter's row. A check
 * that succeeds gives its place back (a person who knows their password is not limited).
 *
 * The limit holds over any sliding minute, estimated the usual way from two fixed windows: the
 * count of the current minute, plus the previous minute's count weighted by how much of it the
 * sliding minute still covers.
 */
import type { Db } from "~/utils/create-db.server";
import { Prisma } from "~/generated/prisma/client";

export const RATE_LIMIT = { attempts: 10, windowMs: 60_000 };

/** A place taken under each key: give it back when the check succeeded. */
export type Attempt = { refund: () => Promise<void> };

const windowOf = (time: number) => Math.floor(time / RATE_LIMIT.windowMs);

/**
 * How many attempts the current window may hold, given the previous window's count: the limit,
 * less the previous window's attempts still inside the sliding minute. Pure, exported for tests.
 */
export function roomInWindow(previousCount: number, now: number): number {
  const elapsed = (now % RATE_LIMIT.windowMs) / RATE_LIMIT.windowMs;
  return Math.floor(RATE_LIMIT.attempts - previousCount * (1 - elapsed));
}

/**
 * Takes one place under every key, or none: null when one of them has no room left (the
 * places already taken for the others are given back). Keys are taken in a fixed order.
 */
export async function takeAttempt({ db, keys, now = new Date() }: { db: Db; keys: string[]; now?: Date }): Promise<Attempt | null> {
  const time = now.getTime();
  const window = windowOf(time);
  const taken: string[] = [];
  const giveBack = async () => {
    for (const key of taken) {
      await db.$executeRaw`UPDATE "RateLimitCounter" SET "count" = "count" - 1 WHERE "key" = ${key} AND "window" = ${window} AND "count" > 0`;
    }
  };
  for (const key of [...new Set(keys)].sort()) {
    const previous = await db.rateLimitCounter.findUnique({ where: { key_window: { key, window: window - 1 } }, select: { count: true } });
    const room = roomInWindow(previous?.count ?? 0, time);
    const rows =
      room > 0
        ? await db.$queryRaw<{ count: number }[]>(Prisma.sql`
            INSERT INTO "RateLimitCounter" ("key", "window", "count") VALUES (${key}, ${window}, 1)
            ON CONFLICT ("key", "window") DO UPDATE SET "count" = "RateLimitCounter"."count" + 1
            WHERE "RateLimitCounter"."count" < ${room}
            RETURNING "count"`)
        : [];
    if (rows.length === 0) {
      await giveBack();
      return null;
    }
    taken.push(key);
    // The first attempt of a minute under this key: forget the counts of more than an hour ago.
    if (Number(rows[0].count) === 1) await db.rateLimitCounter.deleteMany({ where: { window: { lt: window - 60 } } });
  }
  return { refund: giveBack };
}
