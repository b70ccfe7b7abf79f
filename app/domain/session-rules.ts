/**
 * When a session ends (OWASP ASVS 5.0, V7.3): after 30 minutes without activity, 12 hours
 * after sign-in whatever happens, or when revoked. Time is a parameter, so the rules are
 * tested without waiting.
 */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** Activity is written at most once a minute, not on every request. */
export const TOUCH_INTERVAL_MS = 60 * 1000;

export type SessionTimes = { createdAt: Date; lastSeenAt: Date; expiresAt: Date; revokedAt: Date | null };

export type SessionVerdict = "valid" | "idle" | "expired" | "revoked";

export function sessionVerdict(session: SessionTimes, now: Date): SessionVerdict {
  if (session.revokedAt) return "revoked";
  if (now.getTime() >= session.expiresAt.getTime()) return "expired";
  if (now.getTime() - session.lastSeenAt.getTime() >= IDLE_TIMEOUT_MS) return "idle";
  return "valid";
}

export function shouldTouch(session: Pick<SessionTimes, "lastSeenAt">, now: Date) {
  return now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS;
}

/**
 * Until when what a check of the session at `now` found stays true while nothing is written: it
 * is neither expired, idle nor due to be touched before then (touching it is a write). `now`
 * when the session is not valid, or is due to be touched already.
 */
export function steadyUntil(session: SessionTimes, now: Date): Date {
  if (sessionVerdict(session, now) !== "valid") return now;
  const until = Math.min(session.expiresAt.getTime(), session.lastSeenAt.getTime() + TOUCH_INTERVAL_MS);
  return new Date(Math.max(until, now.getTime()));
}

export function absoluteExpiry(signedInAt: Date) {
  return new Date(signedInAt.getTime() + ABSOLUTE_TIMEOUT_MS);
}
