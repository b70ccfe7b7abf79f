import { describe, expect, it } from "vitest";
import { formatRecoveryCode, readTypedCode, secondFactorRequired } from "./second-factor";

const school = (isDemo: boolean, secondFactorForManagers = false) => ({ isDemo, secondFactorForManagers });

describe("qui doit avoir un second facteur", () => {
  it("tout administrateur, sauf celui de l'établissement de démonstration", () => {
    expect(secondFactorRequired([{ role: "admin", school: school(false) }])).toBe(true);
    expect(secondFactorRequired([{ role: "admin", school: school(true) }])).toBe(false);
    expect(secondFactorRequired([{ role: "admin", school: school(true) }, { role: "teacher", school: school(false) }])).toBe(false);
    expect(secondFactorRequired([{ role: "teacher", school: school(true) }, { role: "admin", school: school(false) }])).toBe(true);
  });

  it("un responsable de formation quand son établissement l'exige ; jamais un enseignant ni un évaluateur", () => {
    expect(secondFactorRequired([{ role: "manager", school: school(false) }])).toBe(false);
    expect(secondFactorRequired([{ role: "manager", school: school(false, true) }])).toBe(true);
    expect(secondFactorRequired([{ role: "manager", school: school(true, true) }])).toBe(true);
    expect(secondFactorRequired([{ role: "teacher", school: school(false, true) }, { role: "reviewer", school: school(false, true) }])).toBe(false);
  });
});

describe("le code saisi", () => {
  it("six chiffres (espaces permis) : le code de l'application", () => {
    expect(readTypedCode(" 123 456 ")).toEqual({ kind: "totp", code: "123456" });
    expect(readTypedCode("12345")).toBeNull();
  });

  it("un code de secours : tirets, espaces et casse libres ; O lu 0, I et L lus 1", () => {
    const code = "0123456789ABCDEFGHJKMNPQ";
    expect(formatRecoveryCode(code)).toBe("0123-4567-89AB-CDEF-GHJK-MNPQ");
    expect(readTypedCode("o123-4567-89ab-cdef-ghjk-mnpq")).toEqual({ kind: "recovery", code });
    expect(readTypedCode("I123 4567 89AB CDEF GHJK MNPQ")).toEqual({ kind: "recovery", code: "1123456789ABCDEFGHJKMNPQ" });
    expect(readTypedCode("U123456789ABCDEFGHJKMNPQ")).toBeNull();
    expect(readTypedCode("")).toBeNull();
  });
});
