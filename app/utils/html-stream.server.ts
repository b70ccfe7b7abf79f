import { Transform, type TransformCallback } from "node:stream";

/**
 * React 18.3's Node renderer (react-dom/server, writeStringChunk) copies its text into 2 KB
 * buffers; when a multi-byte character does not fit at the end of one, it sends the whole
 * buffer anyway, unused last bytes included, and the character again at the start of the next:
 * the HTML then holds one to three NUL bytes before it (a "×" or an "é" shown as "�×").
 * HTML never carries a raw NUL (the parser would replace it with U+FFFD, and forms refuse
 * it), so dropping every NUL byte gives back exactly the page React meant to send.
 */
export function dropNulBytes() {
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      callback(null, chunk.includes(0) ? Buffer.from(chunk.filter((byte) => byte !== 0)) : chunk);
    },
  });
}
