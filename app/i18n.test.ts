import { describe, expect, it } from "vitest";
import { catalogues, fill, formatNumber, formatPercent, translator } from "~/i18n";

describe("message catalogues", () => {
  for (const [name, catalogue] of Object.entries(catalogues)) {
    it(`${name}: French and English have exactly the same keys, none empty`, () => {
      const fr = catalogue.fr as Record<string, string>;
      const en = catalogue.en as Record<string, string>;
      expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
      for (const [key, value] of [...Object.entries(fr), ...Object.entries(en)]) expect(value.trim(), key).not.toBe("");
    });

    it(`${name}: a message has the same {slots} in both languages`, () => {
      const slots = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
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

describe("numbers in the reader's language", () => {
  it("writes decimals and percentages the French or the English way", () => {
    expect(formatNumber(7.5, "fr")).toBe("7,5");
    expect(formatNumber(7.5, "en")).toBe("7.5");
    expect(formatPercent(0.424, "fr")).toMatch(/^42\s%$/);
    expect(formatPercent(0.424, "en")).toBe("42%");
  });
});
