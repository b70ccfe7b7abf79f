/**
 * The backup tests compare a restored database with the live one as it was when the copy was
 * made: the writes made after it, each with its audit row, are undone on the live tables.
 */
export type Row = Record<string, unknown>;
export type AuditEntry = { id: number; action: string; entity: string; entityId: string; before: string | null };

/**
 * Undoes `entries` on `tables` (changed in place), newest first: a programme made by
 * `programmeAction` with its targets and modules, a module created, a matrix cell set (its
 * previous value back, the module's version one lower). Any other write throws: it would be
 * unaccounted for. `assessed` writes a cell's "assessed" as the database stores it. Gives the
 * modules whose last change time and per-cell bookkeeping the undo cannot give back (compare
 * through `comparableRows`).
 */
/** Columns of a touched module's rows that the undo cannot give back (decision 035's per-cell bookkeeping, the last change time). */
export const UNDONE_WITHOUT: Record<string, string[]> = { Module: ["updatedAt", "cellsVersion", "cellsKnownFrom"], Mapping: ["changedAt"] };

function blankCellBookkeeping(name: string, row: Row, touched: Set<unknown>): Row {
  const owner = name === "Module" ? row.id : row.moduleId;
  if (!UNDONE_WITHOUT[name] || !touched.has(owner)) return row;
  return Object.fromEntries(Object.entries(row).filter(([column]) => !UNDONE_WITHOUT[name].includes(column)));
}

/**
 * Rows of `name` to compare: the cells cleared in a touched module are bookkeeping of the
 * matrix's per-cell conflicts (decision 035) that the audit rows cannot give back.
 */
export function comparableRows(name: string, rows: readonly Row[], touched: Set<unknown>): Row[] {
  const kept = name === "ClearedCell" ? rows.filter((row) => !touched.has(row.moduleId)) : rows;
  return kept.map((row) => blankCellBookkeeping(name, row, touched));
}

export function undoAuditedWrites(
  tables: Map<string, Row[]>,
  entries: readonly AuditEntry[],
  { programmeAction, assessed }: { programmeAction: "create" | "import"; assessed: (value: boolean) => unknown },
): Set<unknown> {
  const rows = (name: string) => tables.get(name)!;
  const remove = (name: string, drop: (row: Row) => boolean) => tables.set(name, rows(name).filter((row) => !drop(row)));
  const removeModules = (ids: Set<unknown>) => {
    remove("Module", (m) => ids.has(m.id));
    remove("Mapping", (x) => ids.has(x.moduleId));
    remove("ModuleTeacher", (t) => ids.has(t.moduleId));
  };
  const touched = new Set<unknown>();
  for (const entry of [...entries].sort((a, b) => b.id - a.id)) {
    if (entry.action === programmeAction && entry.entity === "programme") {
      remove("Programme", (p) => p.id === entry.entityId);
      remove("ProgrammeTarget", (t) => t.programmeId === entry.entityId);
      removeModules(new Set(rows("Module").filter((m) => m.programmeId === entry.entityId).map((m) => m.id)));
    } else if (entry.action === "create" && entry.entity === "module") {
      removeModules(new Set([entry.entityId]));
    } else if (entry.action === "set_mapping") {
      const before = JSON.parse(entry.before!) as { itemRef: string; depth: number; assessed: boolean; note?: string };
      remove("Mapping", (x) => x.moduleId === entry.entityId && x.itemRef === before.itemRef);
      // `changedAt` is the matrix's bookkeeping per cell (decision 035): the audit row does not
      // hold it, so it is left out here and compared on neither side (`UNDONE_WITHOUT`).
      if (before.depth > 0) rows("Mapping").push({ moduleId: entry.entityId, itemRef: before.itemRef, depth: before.depth, assessed: assessed(before.assessed), note: before.note ?? "" });
      for (const m of rows("Module")) if (m.id === entry.entityId) m.version = (m.version as number) - 1;
      touched.add(entry.entityId);
    } else {
      throw new Error(`Écriture imprévue pendant la charge : ${entry.action} ${entry.entity}`);
    }
  }
  return touched;
}
