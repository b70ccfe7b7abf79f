/**
 * The browser and system a session was opened from, read from its User-Agent by a maintained
 * library (bowser), as the list of sessions shows them. Pure.
 */
import Bowser from "bowser";

export type Device = { browser: string | null; system: string | null; mobile: boolean };

export function describeUserAgent(userAgent: string): Device {
  if (!userAgent.trim()) return { browser: null, system: null, mobile: false };
  try {
    const { browser, os, platform } = Bowser.parse(userAgent.slice(0, 400));
    const name = browser.name ? `${browser.name}${browser.version ? ` ${browser.version.split(".")[0]}` : ""}` : null;
    const system = os.name ? `${os.name}${os.versionName ? ` ${os.versionName}` : os.version ? ` ${os.version}` : ""}` : null;
    return { browser: name, system, mobile: platform.type === "mobile" || platform.type === "tablet" };
  } catch {
    return { browser: null, system: null, mobile: false };
  }
}
