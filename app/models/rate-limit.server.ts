/**
 * Rate limits on guesses (passwords, second-factor codes, sign-ups), held in the database so
 * that every app process on it counts together (docs/decisions/044).
 *
 * An attempt takes its place BEFORE the password or code is checked, in one transaction per
 * attempt: for each key (in a fixed order) it first writes the key's row, which makes the
 * attempts of that key wait for each other (the row's lock on PostgreSQL, the database's write
 * lock on SQLite), then counts the key's hits of the last minute and adds its own when there are
 * fewer than the limit. Parallel attempts, through one process or several, cannot all count "9"
 * and all go on. A check that succeeds gives its place back (a person who knows their password
 * is not limited).
 */
import type { Db } from "~/utils/create-db.server";

export const RATE_LIMIT = { attempts: 10, windowMs: 60_000 };

/** A place taken under each key: give it back when the check succeeded. */
export type Attempt = { refund: () => Promise<void> };

class NoRoom extends Error {}

/**
 * Takes one place under every key, or none (one transaction): null when one of them already has
 * RATE_LIMIT.attempts hits in the last minute.
 */
export async function takeAttempt({ db, keys, now = new Date() }: { db: Db; keys: string[]; now?: Date }): Promise<Attempt | null> {
  const since = new Date(now.getTime() - RATE_LIMIT.windowMs);
  const unique = [...new Set(keys)].sort();
  // A key already full is refused without waiting for its lock (a flood of guesses costs a read each).
  for (const key of unique) if ((await db.rateLimitHit.count({ where: { key, createdAt: { gt: since } } })) >= RATE_LIMIT.attempts) return null;
  let taken: number[];
  try {
    taken = await db.$transaction(async (tx) => {
      const ids: number[] = [];
      for (const key of unique) {
        // Written first: from here on, this key's other attempts wait for this transaction.
        await tx.rateLimitKey.upsert({ where: { key }, create: { key, lastAttemptAt: now }, update: { lastAttemptAt: now } });
        if ((await tx.rateLimitHit.count({ where: { key, createdAt: { gt: since } } })) >= RATE_LIMIT.attempts) throw new NoRoom();
        ids.push((await tx.rateLimitHit.create({ data: { key, createdAt: now }, select: { id: true } })).id);
      }
      // Now and then, forget the hits of more than an hour ago.
      if (ids[0] % 50 === 0) await tx.rateLimitHit.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - 60 * 60_000) } } });
      return ids;
      // In a flood, the attempts of one key wait for each other's short transactions in turn.
    }, { maxWait: 30_000, timeout: 30_000 });
  } catch (error) {
    if (error instanceof NoRoom) return null;
    throw error;
  }
  return {
    refund: async () => {
      await db.rateLimitHit.deleteMany({ where: { id: { in: taken } } });
    },
  };
}
