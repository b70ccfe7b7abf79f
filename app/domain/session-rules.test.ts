import { describe, expect, it } from "vitest";
import { absoluteExpiry, sessionVerdict, shouldTouch, steadyUntil } from "./session-rules";

const t0 = new Date("2026-11-22T08:00:00Z");
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
const session = { createdAt: t0, lastSeenAt: t0, expiresAt: absoluteExpiry(t0), revokedAt: null };

describe("fin de session", () => {
  it("reste valide tant qu'il y a de l'activité dans les 30 minutes", () => {
    expect(sessionVerdict(session, minutes(29))).toBe("valid");
    expect(sessionVerdict({ ...session, lastSeenAt: minutes(300) }, minutes(329))).toBe("valid");
  });
  it("expire après 30 minutes sans activité", () => {
    expect(sessionVerdict(session, minutes(30))).toBe("idle");
  });
  it("expire 12 heures après la connexion, même avec de l'activité", () => {
    expect(sessionVerdict({ ...session, lastSeenAt: minutes(12 * 60 - 1) }, minutes(12 * 60))).toBe("expired");
  });
  it("une session révoquée ne vaut plus rien", () => {
    expect(sessionVerdict({ ...session, revokedAt: minutes(1) }, minutes(2))).toBe("revoked");
  });
  it("l'activité n'est écrite qu'une fois par minute", () => {
    expect(shouldTouch(session, minutes(0.5))).toBe(false);
    expect(shouldTouch(session, minutes(1))).toBe(true);
  });
  it("ce qu'une vérification a trouvé vaut jusqu'à ce que l'activité soit à écrire, ou jusqu'à l'expiration", () => {
    expect(steadyUntil(session, minutes(0.25))).toEqual(minutes(1));
    expect(steadyUntil({ ...session, lastSeenAt: minutes(12 * 60 - 0.5) }, minutes(12 * 60 - 0.25))).toEqual(absoluteExpiry(t0));
  });
  it("une session à toucher, expirée ou révoquée ne vaut rien au-delà de l'instant de la vérification", () => {
    expect(steadyUntil(session, minutes(2))).toEqual(minutes(2));
    expect(steadyUntil(session, minutes(31))).toEqual(minutes(31));
    expect(steadyUntil({ ...session, revokedAt: minutes(0.1) }, minutes(0.2))).toEqual(minutes(0.2));
  });
});
