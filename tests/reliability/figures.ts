/**
 * The figures of a reliability run (cases, 5xx seen, writes lost, time), printed, and written
 * as JSON to RELIABILITY_REPORT when it is set (the long runs' command collects them for
 * docs/reliability.md).
 */
import { appendFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";

export function reportFigures(suite: string, figures: Record<string, number | string>) {
  const line = { suite, ...figures, machine: `${cpus().length} cœurs ${cpus()[0]?.model ?? ""}, ${Math.round(totalmem() / 2 ** 30)} Gio, Node ${process.version}`, at: new Date().toISOString() };
  console.log(`Chiffres ${suite} : ${JSON.stringify(line)}`);
  if (process.env.RELIABILITY_REPORT) appendFileSync(process.env.RELIABILITY_REPORT, `${JSON.stringify(line)}\n`);
}
