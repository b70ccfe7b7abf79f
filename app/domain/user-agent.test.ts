import { describe, expect, it } from "vitest";
import { describeUserAgent } from "./user-agent";

describe("appareil d'une session", () => {
  it("lit le navigateur et le système", () => {
    expect(describeUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0")).toEqual({ browser: "Firefox 128", system: "Windows 10", mobile: false });
    expect(describeUserAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1")).toEqual({ browser: "Safari 17", system: "iOS 17.0", mobile: true });
  });

  it("un User-Agent vide ou inconnu ne donne rien, sans erreur", () => {
    expect(describeUserAgent("")).toEqual({ browser: null, system: null, mobile: false });
    expect(describeUserAgent("\u0000\ud800".repeat(500)).browser).toBeNull();
  });
});
