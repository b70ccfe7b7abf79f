import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { signInSchema } from "~/domain/account-forms";
import { MALFORMED_FORM, replyToRefusal } from "./form-reply";

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return parseWithZod(data, { schema: signInSchema });
};

describe("la réponse à un formulaire refusé", () => {
  it("dit en tête du formulaire qu'un champ caché est en faute (envoyé deux fois)", () => {
    const reply = replyToRefusal(form([["email", "a@exemple.fr"], ["password", "x"], ["redirectTo", "/"], ["redirectTo", "/"]]), ["email", "password"]);
    expect(reply.error?.[""]).toEqual([MALFORMED_FORM]);
  });

  it("laisse les erreurs d'un champ visible à côté de lui, sans phrase en tête", () => {
    const reply = replyToRefusal(form([["email", "pas-une-adresse"], ["password", "x"]]), ["email", "password"]);
    expect(reply.error?.email).toEqual(["Adresse électronique invalide."]);
    expect(reply.error?.[""]).toBeUndefined();
  });
});
