import { describe, expect, it } from "vitest";
import { formatDateTime, isoDay, isTimeZone, schoolSettingsSchema, timeZoneChoices } from "./time-zone";

describe("les heures dans le fuseau de l'établissement", () => {
  it("écrit l'heure dans le fuseau, qu'elle nomme", () => {
    const at = "2026-12-02T13:05:00Z";
    expect(formatDateTime(at, { language: "fr", timeZone: "Europe/Paris" })).toBe("2 déc. 2026, 14:05 (Europe/Paris)");
    expect(formatDateTime(at, { language: "fr", timeZone: "America/Cayenne" })).toBe("2 déc. 2026, 10:05 (America/Cayenne)");
    expect(formatDateTime(at, { language: "en", timeZone: "Europe/Paris" })).toBe("2 Dec 2026, 14:05 (Europe/Paris)");
    expect(isoDay("2026-12-02T23:30:00Z", "Europe/Paris")).toBe("2026-12-03");
  });

  it("n'accepte qu'un fuseau connu", () => {
    expect(isTimeZone("Europe/Paris")).toBe(true);
    expect(isTimeZone("Europe/Atlantide")).toBe(false);
    expect(timeZoneChoices()[0]).toBe("Europe/Paris");
    expect(timeZoneChoices()).toContain("Indian/Reunion");
    const refused = schoolSettingsSchema.safeParse({ timeZone: "Mars/Olympus" });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0].message).toBe("Choisissez un fuseau horaire de la liste.");
  });
});
