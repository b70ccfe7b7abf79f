-- Derived from prisma/schema.prisma by `npm run db:postgresql`.
-- AlterTable
ALTER TABLE "ReferenceSheet" ADD COLUMN     "schoolId" TEXT;

-- CreateTable
CREATE TABLE "SchoolList" (
    "sheetId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "draft" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SchoolList_pkey" PRIMARY KEY ("sheetId")
);

-- CreateIndex
CREATE UNIQUE INDEX "SchoolList_schoolId_slug_key" ON "SchoolList"("schoolId", "slug");

-- CreateIndex
CREATE INDEX "ReferenceSheet_schoolId_idx" ON "ReferenceSheet"("schoolId");

-- AddForeignKey
ALTER TABLE "ReferenceSheet" ADD CONSTRAINT "ReferenceSheet_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolList" ADD CONSTRAINT "SchoolList_sheetId_fkey" FOREIGN KEY ("sheetId") REFERENCES "ReferenceSheet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security of the school tables, append-only tables
ALTER TABLE "ReferenceSheet" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "maquette_tenant" ON "ReferenceSheet" AS PERMISSIVE FOR ALL
    USING ("schoolId" = current_setting('app.school_id', true) OR "schoolId" IS NULL)
    WITH CHECK ("schoolId" = current_setting('app.school_id', true) OR "schoolId" IS NULL);
COMMENT ON POLICY "maquette_tenant" ON "ReferenceSheet" IS 'maquette:15b7279fbc9ca541';

ALTER TABLE "SchoolList" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "maquette_tenant" ON "SchoolList" AS PERMISSIVE FOR ALL
    USING ("schoolId" = current_setting('app.school_id', true))
    WITH CHECK ("schoolId" = current_setting('app.school_id', true));
COMMENT ON POLICY "maquette_tenant" ON "SchoolList" IS 'maquette:f82ff1037b3b15a6';

ALTER TABLE "ReferenceSheetVersion" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "maquette_tenant" ON "ReferenceSheetVersion" AS PERMISSIVE FOR ALL
    USING (EXISTS (SELECT 1 FROM "ReferenceSheet" AS parent WHERE parent."id" = "ReferenceSheetVersion"."sheetId"))
    WITH CHECK (EXISTS (SELECT 1 FROM "ReferenceSheet" AS parent WHERE parent."id" = "ReferenceSheetVersion"."sheetId"));
COMMENT ON POLICY "maquette_tenant" ON "ReferenceSheetVersion" IS 'maquette:f08c85ca32a8a535';

ALTER TABLE "SheetRequirement" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "maquette_tenant" ON "SheetRequirement" AS PERMISSIVE FOR ALL
    USING (EXISTS (SELECT 1 FROM "ReferenceSheetVersion" AS parent WHERE parent."id" = "SheetRequirement"."sheetVersionId"))
    WITH CHECK (EXISTS (SELECT 1 FROM "ReferenceSheetVersion" AS parent WHERE parent."id" = "SheetRequirement"."sheetVersionId"));
COMMENT ON POLICY "maquette_tenant" ON "SheetRequirement" IS 'maquette:a743c26e8a79fe9c';
