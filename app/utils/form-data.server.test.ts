import { describe, expect, it } from "vitest";
import { readForm, UNREADABLE_FORM } from "./form-data.server";

const post = (body: BodyInit, type: string) => new Request("http://localhost/programmes/nouveau", { method: "POST", body, headers: { "Content-Type": type } });

async function refusal(request: Request) {
  try {
    await readForm(request);
  } catch (thrown) {
    return thrown instanceof Response ? { status: thrown.status, text: await thrown.text() } : thrown;
  }
  return "lu";
}

describe("la lecture d'un formulaire", () => {
  it("lit un formulaire encodé ou multipart", async () => {
    expect((await readForm(post("title=Licence&level=6", "application/x-www-form-urlencoded"))).get("title")).toBe("Licence");
    const form = new FormData();
    form.append("title", "Master");
    expect((await readForm(new Request("http://localhost/", { method: "POST", body: form }))).get("title")).toBe("Master");
  });

  it("refuse en 400, avec une phrase, un corps qui n'est pas un formulaire", async () => {
    for (const request of [
      post('{"title":"x"}', "application/json"),
      post("n'importe quoi", "multipart/form-data; boundary=abc"),
      post("a,b\n1,2", "text/csv"),
      new Request("http://localhost/", { method: "POST", body: new Uint8Array([0, 1, 2]) }),
    ]) {
      expect(await refusal(request)).toEqual({ status: 400, text: UNREADABLE_FORM });
    }
  });
});
