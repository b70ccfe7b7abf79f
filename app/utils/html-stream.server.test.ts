import { PassThrough } from "node:stream";
import { createElement } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { dropNulBytes } from "~/utils/html-stream.server";

/** Many short French texts: some multi-byte character is bound to fall on a 2 KB boundary. */
const page = createElement(
  "ul",
  null,
  Array.from({ length: 600 }, (_, i) => createElement("li", { key: i, "aria-label": `UE${i} × T${i % 13} : profondeur ${i % 5}` }, `Évalué ${"é".repeat(i % 5)}`)),
);

function render(through: (stream: PassThrough) => NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const { pipe } = renderToPipeableStream(page, {
      onAllReady() {
        const body = new PassThrough();
        const chunks: Buffer[] = [];
        const out = through(body);
        out.on("data", (chunk: Buffer) => chunks.push(chunk));
        out.on("end", () => resolve(Buffer.concat(chunks)));
        out.on("error", reject);
        pipe(body);
      },
      onShellError: reject,
    });
  });
}

describe("server-rendered HTML", () => {
  it("React 18's stream alone leaves NUL bytes where a multi-byte character met a 2 KB boundary", async () => {
    const raw = await render((body) => body);
    expect(raw.includes(0)).toBe(true);
  });

  it("without the NUL bytes, the page is exactly the markup React rendered", async () => {
    const fixed = await render((body) => body.pipe(dropNulBytes()));
    expect(fixed.includes(0)).toBe(false);
    const text = fixed.toString("utf8");
    expect(text).not.toContain("\uFFFD");
    for (const i of [0, 137, 599]) expect(text).toContain(`aria-label="UE${i} × T${i % 13} : profondeur ${i % 5}"`);
  });
});
