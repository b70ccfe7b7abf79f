import { describe, expect, it } from "vitest";
import { parseItemRef, programmeSchema } from "./programme";
import { isSchoolListSlug, PUBLIC_SLUG_PATTERN, schoolListSlug, SHEET_SLUG_PATTERN, splitSchoolListSlug } from "./sheet-slug";

describe("le slug d'une liste d'établissement", () => {
  it("est le slug de l'établissement, un tilde, puis le slug choisi", () => {
    expect(schoolListSlug("demo", "acquis-master")).toBe("demo~acquis-master");
    expect(splitSchoolListSlug("demo~acquis-master")).toEqual({ school: "demo", chosen: "acquis-master" });
    // A school slug as sign-up may cut it (a hyphen at the end, then a number).
    expect(schoolListSlug("lycee-jean--2", "bloc-1")).toBe("lycee-jean--2~bloc-1");
  });

  it("ne peut jamais être le slug d'une fiche publique, ni celui de la liste d'un autre établissement", () => {
    for (const slug of ["charge-e-commerce", "rncp-38596", "cncp-niveau-7"]) {
      expect(PUBLIC_SLUG_PATTERN.test(slug)).toBe(true);
      expect(isSchoolListSlug(slug)).toBe(false);
      expect(splitSchoolListSlug(slug)).toBeNull();
    }
    const mine = schoolListSlug("ecole-a", "acquis");
    expect(PUBLIC_SLUG_PATTERN.test(mine)).toBe(false);
    // Two schools choosing the same slug get two names; only the owner's slug leads to its list.
    expect(schoolListSlug("ecole-b", "acquis")).not.toBe(mine);
    expect(splitSchoolListSlug(mine)?.school).toBe("ecole-a");
  });

  it("refuse un slug choisi qui ne suit pas la règle, ou qui voudrait désigner un autre établissement", () => {
    for (const chosen of ["", "Acquis", "acquis master", "acquis--master", "-acquis", "autre~acquis", "a/b", "acquis.master"]) {
      expect(() => schoolListSlug("demo", chosen), chosen).toThrow();
    }
    expect(() => schoolListSlug("Demo", "acquis")).toThrow();
    for (const slug of ["demo~", "~acquis", "demo~acquis~bis", "demo~Acquis", "demo/acquis"]) {
      expect(SHEET_SLUG_PATTERN.test(slug), slug).toBe(false);
    }
  });

  it("une formation peut viser une liste d'établissement, et ses exigences se désignent comme celles d'une fiche", () => {
    expect(parseItemRef("demo~acquis-master/C12")).toEqual({ kind: "competence", sheetSlug: "demo~acquis-master" });
    expect(parseItemRef("charge-e-commerce/C3")).toEqual({ kind: "competence", sheetSlug: "charge-e-commerce" });
    expect(parseItemRef("demo~/C1")).toBeNull();
    const form = { title: "Master", diplomaType: "master", level: 7, entryEcts: 180, semesters: 4, description: "" };
    expect(programmeSchema.safeParse({ ...form, targets: ["charge-e-commerce", "demo~acquis-master"] }).success).toBe(true);
    expect(programmeSchema.safeParse({ ...form, targets: ["demo~acquis~x"] }).success).toBe(false);
  });
});
