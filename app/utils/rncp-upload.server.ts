/**
 * An RNCP export arriving over HTTP, written to a scratch folder as it arrives (the national
 * XML file is about 0.5 GB; a zip must be read from its end, its central directory), then
 * removed once read. Also the answer that reports the reading's progress as it goes: one JSON
 * line per step (application/x-ndjson), the result on the last line.
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  unstable_composeUploadHandlers,
  unstable_createFileUploadHandler,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  NodeOnDiskFile,
} from "@remix-run/node";
import type { ExportFile } from "./rncp-export.server";

/** The largest export accepted: the national XML file is about 0.5 GB. */
export const MAX_EXPORT_BYTES = 1024 ** 3;

/** A file name kept as sent (the export's date is read from it), without any folder. */
function safeName(name: string): string {
  const printable = [...basename(name.replace(/\\/g, "/"))].filter((c) => c.charCodeAt(0) >= 32).join("");
  return printable.slice(0, 200) || "export";
}

export type ReceivedExport = { file: ExportFile | null; fields: FormData; dispose: () => Promise<void>; tooLarge: boolean };

/** A multipart form whose field `file` is an export: the file on disk, the other fields in memory. */
export async function receiveExportForm(request: Request): Promise<ReceivedExport> {
  const directory = await mkdtemp(join(tmpdir(), "maquette-rncp-"));
  const dispose = () => rm(directory, { recursive: true, force: true });
  const handler = unstable_composeUploadHandlers(
    unstable_createFileUploadHandler({
      directory,
      maxPartSize: MAX_EXPORT_BYTES,
      avoidFileConflicts: false,
      file: ({ filename }) => safeName(filename),
      filter: ({ name }) => name === "file",
    }),
    unstable_createMemoryUploadHandler({ maxPartSize: 64 * 1024 }),
  );
  let fields: FormData;
  try {
    fields = await unstable_parseMultipartFormData(request, handler);
  } catch {
    return { file: null, fields: new FormData(), dispose, tooLarge: true };
  }
  const upload = fields.get("file");
  if (!(upload instanceof NodeOnDiskFile) || upload.size === 0) return { file: null, fields, dispose, tooLarge: false };
  return { file: { path: upload.getFilePath(), name: upload.name, size: upload.size }, fields, dispose, tooLarge: false };
}

/** A request whose body is the export itself (the API), under the name given or a default one. */
export async function receiveExportBody(request: Request, name: string): Promise<ReceivedExport> {
  const directory = await mkdtemp(join(tmpdir(), "maquette-rncp-"));
  const dispose = () => rm(directory, { recursive: true, force: true });
  const path = join(directory, safeName(name));
  if (!request.body) return { file: null, fields: new FormData(), dispose, tooLarge: false };
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > MAX_EXPORT_BYTES ? new Error("too large") : null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(request.body as import("node:stream/web").ReadableStream), limit, createWriteStream(path));
  } catch {
    return { file: null, fields: new FormData(), dispose, tooLarge: size > MAX_EXPORT_BYTES };
  }
  const written = (await stat(path)).size;
  return { file: written ? { path, name: safeName(name), size: written } : null, fields: new FormData(), dispose, tooLarge: false };
}

export type ProgressReport = (read: number, total: number) => void;

/**
 * The answer of a long reading: a line `{"progress":{"read":…,"total":…}}` now and then, then
 * `{"result":…}`; `work` runs once the answer has started, `done` after it (however it ends).
 */
export function progressAnswer(work: (report: ProgressReport) => Promise<unknown>, done: () => Promise<void>): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const line = (value: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
      try {
        line({ result: await work((read, total) => line({ progress: { read, total } })) });
      } catch (error) {
        line({ failure: true });
        console.error(error);
      } finally {
        controller.close();
        await done();
      }
    },
  });
  return new Response(body, {
    headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store, no-transform", "X-Accel-Buffering": "no" },
  });
}
