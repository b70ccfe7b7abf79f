-- CreateTable
CREATE TABLE "SchoolList" (
    "sheetId" TEXT NOT NULL PRIMARY KEY,
    "schoolId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "draft" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SchoolList_sheetId_fkey" FOREIGN KEY ("sheetId") REFERENCES "ReferenceSheet" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ReferenceSheet" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'job',
    "schoolId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReferenceSheet_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ReferenceSheet" ("createdAt", "id", "kind", "slug") SELECT "createdAt", "id", "kind", "slug" FROM "ReferenceSheet";
DROP TABLE "ReferenceSheet";
ALTER TABLE "new_ReferenceSheet" RENAME TO "ReferenceSheet";
CREATE UNIQUE INDEX "ReferenceSheet_slug_key" ON "ReferenceSheet"("slug");
CREATE INDEX "ReferenceSheet_schoolId_idx" ON "ReferenceSheet"("schoolId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "SchoolList_schoolId_slug_key" ON "SchoolList"("schoolId", "slug");
