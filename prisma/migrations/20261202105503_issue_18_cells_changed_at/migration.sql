-- CreateTable
CREATE TABLE "ClearedCell" (
    "moduleId" TEXT NOT NULL,
    "itemRef" TEXT NOT NULL,
    "clearedAt" INTEGER NOT NULL,

    PRIMARY KEY ("moduleId", "itemRef"),
    CONSTRAINT "ClearedCell_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "Module" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Mapping" (
    "moduleId" TEXT NOT NULL,
    "itemRef" TEXT NOT NULL,
    "depth" INTEGER NOT NULL,
    "assessed" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT NOT NULL DEFAULT '',
    "changedAt" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("moduleId", "itemRef"),
    CONSTRAINT "Mapping_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "Module" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Mapping" ("assessed", "depth", "itemRef", "moduleId", "note") SELECT "assessed", "depth", "itemRef", "moduleId", "note" FROM "Mapping";
DROP TABLE "Mapping";
ALTER TABLE "new_Mapping" RENAME TO "Mapping";
CREATE TABLE "new_Module" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "semester" INTEGER NOT NULL,
    "semesterSpan" INTEGER NOT NULL DEFAULT 1,
    "ects" REAL NOT NULL,
    "hoursLectures" INTEGER NOT NULL DEFAULT 0,
    "hoursTutorials" INTEGER NOT NULL DEFAULT 0,
    "hoursPractical" INTEGER NOT NULL DEFAULT 0,
    "hoursProjects" INTEGER NOT NULL DEFAULT 0,
    "assessmentMethod" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "cellsVersion" INTEGER NOT NULL DEFAULT 0,
    "cellsKnownFrom" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Module_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Module" ("assessmentMethod", "code", "createdAt", "description", "ects", "hoursLectures", "hoursPractical", "hoursProjects", "hoursTutorials", "id", "position", "programmeId", "schoolId", "semester", "semesterSpan", "title", "updatedAt", "version") SELECT "assessmentMethod", "code", "createdAt", "description", "ects", "hoursLectures", "hoursPractical", "hoursProjects", "hoursTutorials", "id", "position", "programmeId", "schoolId", "semester", "semesterSpan", "title", "updatedAt", "version" FROM "Module";
DROP TABLE "Module";
ALTER TABLE "new_Module" RENAME TO "Module";
CREATE INDEX "Module_schoolId_idx" ON "Module"("schoolId");
CREATE UNIQUE INDEX "Module_programmeId_code_key" ON "Module"("programmeId", "code");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
