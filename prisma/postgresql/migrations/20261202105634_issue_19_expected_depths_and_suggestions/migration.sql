-- Derived from prisma/schema.prisma by `npm run db:postgresql`.
-- CreateTable
CREATE TABLE "SchoolExpectedDepth" (
    "schoolId" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "depth" INTEGER,
    "setById" TEXT,
    "setByName" TEXT NOT NULL,
    "setAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SchoolExpectedDepth_pkey" PRIMARY KEY ("schoolId","level","kind")
);

-- CreateTable
CREATE TABLE "ProgrammeExpectedDepth" (
    "programmeId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "depth" INTEGER,
    "setById" TEXT,
    "setByName" TEXT NOT NULL,
    "setAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgrammeExpectedDepth_pkey" PRIMARY KEY ("programmeId","level","kind")
);

-- CreateTable
CREATE TABLE "DismissedSuggestion" (
    "moduleId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "itemRef" TEXT NOT NULL,
    "dismissedById" TEXT,
    "dismissedByName" TEXT NOT NULL,
    "dismissedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DismissedSuggestion_pkey" PRIMARY KEY ("moduleId","itemRef")
);

-- CreateIndex
CREATE INDEX "ProgrammeExpectedDepth_schoolId_idx" ON "ProgrammeExpectedDepth"("schoolId");

-- CreateIndex
CREATE INDEX "DismissedSuggestion_schoolId_idx" ON "DismissedSuggestion"("schoolId");

-- AddForeignKey
ALTER TABLE "SchoolExpectedDepth" ADD CONSTRAINT "SchoolExpectedDepth_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeExpectedDepth" ADD CONSTRAINT "ProgrammeExpectedDepth_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DismissedSuggestion" ADD CONSTRAINT "DismissedSuggestion_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "Module"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security of the school tables, append-only tables
ALTER TABLE "SchoolExpectedDepth" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "maquette_tenant" ON "SchoolExpectedDepth" AS PERMISSIVE FOR ALL
    USING ("schoolId" = current_setting('app.school_id', true))
    WITH CHECK ("schoolId" = current_setting('app.school_id', true));
COMMENT ON POLICY "maquette_tenant" ON "SchoolExpectedDepth" IS 'maquette:f82ff1037b3b15a6';

ALTER TABLE "ProgrammeExpectedDepth" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "maquette_tenant" ON "ProgrammeExpectedDepth" AS PERMISSIVE FOR ALL
    USING ("schoolId" = current_setting('app.school_id', true))
    WITH CHECK ("schoolId" = current_setting('app.school_id', true));
COMMENT ON POLICY "maquette_tenant" ON "ProgrammeExpectedDepth" IS 'maquette:f82ff1037b3b15a6';

ALTER TABLE "DismissedSuggestion" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "maquette_tenant" ON "DismissedSuggestion" AS PERMISSIVE FOR ALL
    USING ("schoolId" = current_setting('app.school_id', true))
    WITH CHECK ("schoolId" = current_setting('app.school_id', true));
COMMENT ON POLICY "maquette_tenant" ON "DismissedSuggestion" IS 'maquette:f82ff1037b3b15a6';
