-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ReferenceSheet" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'job',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_ReferenceSheet" ("createdAt", "id", "slug") SELECT "createdAt", "id", "slug" FROM "ReferenceSheet";
DROP TABLE "ReferenceSheet";
ALTER TABLE "new_ReferenceSheet" RENAME TO "ReferenceSheet";
CREATE UNIQUE INDEX "ReferenceSheet_slug_key" ON "ReferenceSheet"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
