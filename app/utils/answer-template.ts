/**
 * An answer kept as bytes with holes: the values that differ on every response (the CSP nonce,
 * the request's reference id) are cut out once, and each response joins the kept bytes with
 * its own values, without searching the text again. No I/O.
 */
export type AnswerTemplate = { parts: Buffer[]; holes: string[] };

/** Cuts every occurrence of each value of `holes` (non-empty, distinct) out of `text`. */
export function toTemplate(text: string, holes: Record<string, string>): AnswerTemplate {
  const names = Object.keys(holes).filter((name) => holes[name] !== "");
  const parts: Buffer[] = [];
  const order: string[] = [];
  let from = 0;
  for (;;) {
    let next = -1;
    let name = "";
    for (const candidate of names) {
      const at = text.indexOf(holes[candidate], from);
      if (at !== -1 && (next === -1 || at < next)) [next, name] = [at, candidate];
    }
    if (next === -1) break;
    parts.push(Buffer.from(text.slice(from, next)));
    order.push(name);
    from = next + holes[name].length;
  }
  parts.push(Buffer.from(text.slice(from)));
  return { parts, holes: order };
}

/** The kept bytes with this response's values in the holes. */
export function fillTemplate(template: AnswerTemplate, values: Record<string, string>): Buffer {
  const chunks: Buffer[] = [template.parts[0]];
  template.holes.forEach((name, i) => {
    chunks.push(Buffer.from(values[name] ?? ""), template.parts[i + 1]);
  });
  return Buffer.concat(chunks);
}
