import { describe, expect, it } from "vitest";
import { fillTemplate, toTemplate } from "./answer-template";

describe("réponse gardée avec des trous", () => {
  it("remet les valeurs de chaque réponse à la place de celles de la réponse gardée", () => {
    const html = '<script nonce="AAA">x</script><p>réf. 1234-uuid</p><script nonce="AAA">y</script>';
    const template = toTemplate(html, { nonce: "AAA", requestId: "1234-uuid" });
    expect(template.holes).toEqual(["nonce", "requestId", "nonce"]);
    expect(fillTemplate(template, { nonce: "BBB", requestId: "9999-uuid" }).toString()).toBe(
      '<script nonce="BBB">x</script><p>réf. 9999-uuid</p><script nonce="BBB">y</script>',
    );
  });

  it("rend le texte tel quel quand il n'a pas de trou, accents compris", () => {
    const template = toTemplate('{"titre":"Compétences"}', { nonce: "" });
    expect(template.holes).toEqual([]);
    expect(fillTemplate(template, { nonce: "x" }).toString()).toBe('{"titre":"Compétences"}');
  });
});
