/**
 * A QR code drawn on the server (the `qrcode` library), as an SVG image in a data: address:
 * no outside service sees the secret it carries, and the page's Content-Security-Policy allows
 * `img-src data:` already.
 */
import QRCode from "qrcode";

export async function qrCodeImage(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
