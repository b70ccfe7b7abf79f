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

const sql = Prisma.sql;

export const RATE_LIMIT = { attempts: 10, windowMs: 60_000 };

/** A place taken under each key: give it back when the check succeeded. */
export type Attempt = { refund: () => Promise<void> };

const windowOf = (time: number) => Math.floor(time / RATE_LIMIT.windowMs);

/**
 * How many attempts the current window may hold, given the previous window's count: the limit,
 * less the previous window's attempts still inside the sliding minute (rounded up). The SQL of
 * `takeAttempt` computes the same, in integers. Pure, exported for tests.
 */
export function roomInWindow(previousCount: number, now: number): number {
  const remaining = RATE_LIMIT.windowMs - (now % RATE_LIMIT.windowMs);
  return RATE_LIMIT.attempts - Math.floor((previousCount * remaining + RATE_LIMIT.windowMs - 1) / RATE_LIMIT.windowMs);
}

class NoRoom extends Error {}

/**
 * Takes one place under every key, or none (one transaction): null when one of them has no room
 * left. Each key is one statement that reads the previous minute's count and adds one to this
 * minute's only while there is room: the database runs it as one step on the counter's row.
 */
export async function takeAttempt({ db, keys, now = new Date() }: { db: Db; keys: string[]; now?: Date }): Promise<Attempt | null> {
  const time = now.getTime();
  const window = windowOf(time);
  const remaining = RATE_LIMIT.windowMs - (time % RATE_LIMIT.windowMs);
  const unique = [...new Set(keys)].sort();
  try {
    await db.$transaction(async (tx) => {
      for (const key of unique) {
        const room = sql`(${RATE_LIMIT.attempts} - (CAST(coalesce((SELECT p."count" FROM "RateLimitCounter" p WHERE p."key" = ${key} AND p."window" = ${window - 1}), 0) AS BIGINT) * CAST(${remaining} AS BIGINT) + ${RATE_LIMIT.windowMs - 1}) / ${RATE_LIMIT.windowMs})`;
        const rows = await tx.$queryRaw<{ count: number }[]>(sql`
          INSERT INTO "RateLimitCounter" ("key", "window", "count")
          SELECT ${key}, ${window}, 1 WHERE ${room} > 0
          ON CONFLICT ("key", "window") DO UPDATE SET "count" = "RateLimitCounter"."count" + 1
          WHERE "RateLimitCounter"."count" < ${room}
          RETURNING "count"`);
        if (rows.length === 0) throw new NoRoom();
        // The first attempt of a minute under this key: forget the counts of more than an hour ago.
        if (Number(rows[0].count) === 1) await tx.rateLimitCounter.deleteMany({ where: { window: { lt: window - 60 } } });
      }
    });
  } catch (error) {
    if (error instanceof NoRoom) return null;
    throw error;
  }
  return {
    refund: async () => {
      await db.$executeRaw(sql`UPDATE "RateLimitCounter" SET "count" = "count" - 1 WHERE "window" = ${window} AND "count" > 0 AND "key" IN (${Prisma.join(unique)})`);
    },
  };
}
