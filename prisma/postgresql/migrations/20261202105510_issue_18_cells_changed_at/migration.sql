-- Derived from prisma/schema.prisma by `npm run db:postgresql`.
-- AlterTable
ALTER TABLE "Mapping" ADD COLUMN     "changedAt" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Module" ADD COLUMN     "cellsKnownFrom" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "cellsVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ClearedCell" (
    "moduleId" TEXT NOT NULL,
    "itemRef" TEXT NOT NULL,
    "clearedAt" INTEGER NOT NULL,

    CONSTRAINT "ClearedCell_pkey" PRIMARY KEY ("moduleId","itemRef")
);

-- AddForeignKey
ALTER TABLE "ClearedCell" ADD CONSTRAINT "ClearedCell_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "Module"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security of the school tables, append-only tables
ALTER TABLE "ClearedCell" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "maquette_tenant" ON "ClearedCell" AS PERMISSIVE FOR ALL
    USING (EXISTS (SELECT 1 FROM "Module" AS parent WHERE parent."id" = "ClearedCell"."moduleId"))
    WITH CHECK (EXISTS (SELECT 1 FROM "Module" AS parent WHERE parent."id" = "ClearedCell"."moduleId"));
COMMENT ON POLICY "maquette_tenant" ON "ClearedCell" IS 'maquette:8af0858f615c16dc';
