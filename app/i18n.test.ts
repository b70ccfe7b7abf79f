import { describe, expect, it } from "vitest";
import { catalogues, fill, formatNumber, formatPercent, translator } from "~/i18n";
import { formatMessage, messageVariables } from "~/domain/message-format";

describe("message catalogues", () => {
  for (const [name, catalogue] of Object.entries(catalogues)) {
    it(`${name}: French and English have exactly the same keys, none empty`, () => {
      const fr = catalogue.fr as Record<string, string>;
      const en = catalogue.en as Record<string, string>;
      expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
      for (const [key, value] of [...Object.entries(fr), ...Object.entries(en)]) expect(value.trim(), key).not.toBe("");
    });

    it(`${name}: a message has the same {slots} in both languages`, () => {
      const slots = messageVariables;
      const fr = catalogue.fr as Record<string, string>;
      const en = catalogue.en as Record<string, string>;
      for (const key of Object.keys(fr)) expect(slots(en[key] ?? ""), key).toEqual(slots(fr[key]));
    });
  }

  it("no key is defined by two catalogues (a later one would silently win)", () => {
    const seen = new Map<string, string>();
    for (const [name, catalogue] of Object.entries(catalogues)) {
      for (const key of Object.keys(catalogue.fr)) {
        expect(seen.get(key), `${key} in ${name}`).toBeUndefined();
        seen.set(key, name);
      }
    }
  });

  it("the translator answers in the chosen language", () => {
    expect(translator("fr")("prog.list.title")).toBe("Formations");
    expect(translator("en")("prog.list.title")).toBe("Programmes");
    expect(fill(translator("en")("prog.list.level"), { level: 6 })).toBe("Level 6");
  });
});

describe("counts in the reader's language", () => {
  const fr = translator("fr");
  const en = translator("en");

  it("one mechanism writes every count: « 1 exigence », « 2 exigences », \"1 requirement\", \"2 requirements\"", () => {
    expect(fr("prog.modules.requirements", { count: 1 })).toBe("1 exigence");
    expect(fr("prog.modules.requirements", { count: 2 })).toBe("2 exigences");
    expect(en("prog.modules.requirements", { count: 1 })).toBe("1 requirement");
    expect(en("prog.modules.requirements", { count: 2 })).toBe("2 requirements");
    expect(fr("prog.list.modules", { count: 1 })).toBe("1 module");
    expect(en("prog.list.modules", { count: 1 })).toBe("1 module");
    expect(en("prog.list.modules", { count: 3 })).toBe("3 modules");
  });

  it("follows each language's rules: French says « 0 exigence », English \"0 requirements\"", () => {
    expect(fr("prog.modules.requirements", { count: 0 })).toBe("0 exigence");
    expect(en("prog.modules.requirements", { count: 0 })).toBe("0 requirements");
    expect(fr("hist.count", { count: 1200 })).toMatch(/^1\s200 changements$/);
  });

  it("fills slots and several counts in one message, and exact matches before categories", () => {
    expect(fr("ref.search.results", { n: 1, total: 40, q: "veille" })).toBe("1 élément sur 40 correspond à « veille ».");
    expect(fr("ref.search.results", { n: 3, total: 40, q: "veille" })).toBe("3 éléments sur 40 correspondent à « veille ».");
    expect(formatMessage("{n, plural, =0 {aucun} one {# seul} other {#}}", { n: 0 }, "fr")).toBe("aucun");
  });

  it("refuses a count written without the reader's language", () => {
    expect(() => fill(fr("prog.list.modules"), { count: 1 })).toThrow(/t\(key, values\)/);
  });

  for (const [name, catalogue] of Object.entries(catalogues)) {
    it(`${name}: no count is written with "(s)"`, () => {
      for (const [key, value] of [...Object.entries(catalogue.fr as Record<string, string>), ...Object.entries(catalogue.en as Record<string, string>)]) {
        // The matrix's own status line belongs to the matrix page's component (it moves to t(key, values) with it).
        if (key.startsWith("mat.status.")) continue;
        expect(value, key).not.toMatch(/\w\(s\)/);
      }
    });
  }
});

describe("numbers in the reader's language", () => {
  it("writes decimals and percentages the French or the English way", () => {
    expect(formatNumber(7.5, "fr")).toBe("7,5");
    expect(formatNumber(7.5, "en")).toBe("7.5");
    expect(formatPercent(0.424, "fr")).toMatch(/^42\s%$/);
    expect(formatPercent(0.424, "en")).toBe("42%");
  });
});
