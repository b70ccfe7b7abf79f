/**
 * Reading a national-size RNCP export (about 0.5 GB of XML): time and peak memory of each
 * reading, in a process of its own, against the reference of reading the same bytes with no
 * parsing, in the same run. Not part of the test suite (it writes half a gigabyte).
 *
 *   npm run bench:rncp [-- --megabytes 512] [-- --keep]
 *
 * The export is generated from the real fiches of tests/fixtures/rncp (renumbered copies, the
 * fiche RNCP37873 itself last, so that finding it means reading the whole file), under
 * data/bench/rncp/, then zipped with Debian's `zip` when it is there.
 */
import { spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { ficheToSheet } from "~/domain/rncp-fiche";
import { readRncpFiche, scanRncpExport, type ExportFile } from "~/utils/rncp-export.server";

const NAME = "export_fiches_RNCP_V4_1_2026-08-16.xml";
const ZIP = "export-fiches-rncp-v4-1-2026-08-16.zip";
const WANTED = "RNCP37873";

type Task = "reference" | "scan" | "fiche";
type Measure = { task: Task; file: string; ms: number; peakMb: number; detail: string };

function file(path: string): ExportFile {
  return { path, name: path.split("/").pop()!, size: statSync(path).size };
}

/** One reading, measured in this process (started on its own by the parent). */
async function measure(task: Task, path: string): Promise<Measure> {
  const start = performance.now();
  let detail = "";
  if (task === "reference") {
    let bytes = 0;
    for await (const chunk of createReadStream(path)) bytes += (chunk as Buffer).length;
    detail = `${bytes} bytes read`;
  } else if (task === "scan") {
    const scanned = await scanRncpExport(file(path));
    if (!scanned.ok) throw new Error(JSON.stringify(scanned.errors));
    detail = `${scanned.fiches.length} fiches listed`;
  } else {
    const read = await readRncpFiche(file(path), WANTED);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const sheet = ficheToSheet(read.fiche, read.info);
    if (!sheet.ok) throw new Error(JSON.stringify(sheet.errors));
    detail = `${WANTED}: ${sheet.data.certification!.blocs.length} blocs, ${sheet.data.requirements.length} requirements`;
  }
  const ms = performance.now() - start;
  return { task, file: path.split("/").pop()!, ms, peakMb: process.resourceUsage().maxRSS / 1024, detail };
}

/** The generated export: renumbered copies of the real fiches, the wanted one last. */
async function generate(path: string, megabytes: number) {
  const source = readFileSync("tests/fixtures/rncp/export_fiches_RNCP_V4_1_2026-08-16.xml", "utf8");
  const fiches = [...source.matchAll(/ {2}<FICHE>\n[\s\S]*?\n {2}<\/FICHE>\n/g)].map((m) => m[0]);
  const wanted = fiches.find((f) => f.includes(`<NUMERO_FICHE>${WANTED}</NUMERO_FICHE>`))!;
  const others = fiches.filter((f) => f !== wanted);
  const out = createWriteStream(path);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once("drain", () => resolve())));
  await write(source.slice(0, source.indexOf("  <FICHE>")));
  let written = 0;
  for (let i = 0; written < megabytes * 1024 * 1024; i++) {
    const copy = others[i % others.length].replace(/<NUMERO_FICHE>RNCP\d+<\/NUMERO_FICHE>/, `<NUMERO_FICHE>RNCP${900000 + i}</NUMERO_FICHE>`);
    await write(copy);
    written += Buffer.byteLength(copy);
  }
  await write(wanted);
  await write("</FICHES>\n");
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === "--run") {
    console.log(JSON.stringify(await measure(args[1] as Task, args[2])));
    return;
  }
  const megabytes = Number(args[args.indexOf("--megabytes") + 1]) || 512;
  const dir = "data/bench/rncp";
  mkdirSync(dir, { recursive: true });
  const xml = join(dir, NAME);
  const zip = join(dir, ZIP);
  if (!existsSync(xml) || Math.abs(statSync(xml).size / 1024 / 1024 - megabytes) > 2) {
    const started = performance.now();
    await generate(xml, megabytes);
    console.log(`Generated ${NAME}: ${(statSync(xml).size / 1024 / 1024).toFixed(0)} MiB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    rmSync(zip, { force: true });
  }
  const zipped = existsSync(zip) || spawnSync("zip", ["-q", "-j", zip, xml]).status === 0;
  const runs: [Task, string][] = [["reference", xml], ["scan", xml], ["fiche", xml], ...(zipped ? ([["fiche", zip]] as [Task, string][]) : [])];
  const results: Measure[] = [];
  for (const [task, path] of runs) {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], "--run", task, path], { encoding: "utf8", maxBuffer: 1 << 20 });
    if (child.status !== 0) throw new Error(child.stderr);
    results.push(JSON.parse(child.stdout.trim().split("\n").pop()!) as Measure);
  }
  const reference = results[0].ms;
  console.log(`Export: ${(statSync(xml).size / 1024 / 1024).toFixed(0)} MiB of XML${zipped ? `, ${(statSync(zip).size / 1024 / 1024).toFixed(0)} MiB zipped` : " (no zip: `zip` not installed)"}`);
  console.log("| reading | file | time | ratio to the reference | peak memory (RSS of its process) | result |");
  console.log("|---|---|---|---|---|---|");
  for (const r of results) console.log(`| ${r.task} | ${r.file} | ${(r.ms / 1000).toFixed(1)} s | ${(r.ms / reference).toFixed(1)} | ${r.peakMb.toFixed(0)} MiB | ${r.detail} |`);
  if (!args.includes("--keep")) rmSync(dir, { recursive: true, force: true });
}

void main();
