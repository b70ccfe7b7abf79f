-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN "programmeId" TEXT;

-- CreateTable
CREATE TABLE "ProgrammeVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "snapshot" TEXT NOT NULL,
    "snapshotHash" TEXT NOT NULL,
    "publishedById" TEXT,
    "publishedByName" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewStatus" TEXT,
    "submittedAt" DATETIME,
    "submittedByName" TEXT,
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    "decidedByName" TEXT,
    "decisionNote" TEXT,
    CONSTRAINT "ProgrammeVersion_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReviewComment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "versionNumber" INTEGER,
    "authorId" TEXT,
    "authorName" TEXT NOT NULL,
    "authorRole" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "moduleCode" TEXT,
    "itemRef" TEXT,
    "sheetSlug" TEXT,
    "parentId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editedAt" DATETIME,
    CONSTRAINT "ReviewComment_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReviewCommentRevision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "commentId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "writtenAt" DATETIME NOT NULL,
    CONSTRAINT "ReviewCommentRevision_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "ReviewComment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ProgrammeTarget" (
    "programmeId" TEXT NOT NULL,
    "sheetSlug" TEXT NOT NULL,
    "sheetVersion" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("programmeId", "sheetSlug"),
    CONSTRAINT "ProgrammeTarget_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Existing targets are pinned to the newest version of their sheet (the one they were checked against).
INSERT INTO "new_ProgrammeTarget" ("position", "programmeId", "sheetSlug", "sheetVersion")
SELECT t."position", t."programmeId", t."sheetSlug",
       COALESCE((SELECT MAX(v."version") FROM "ReferenceSheetVersion" v JOIN "ReferenceSheet" s ON v."sheetId" = s."id" WHERE s."slug" = t."sheetSlug"), 1)
FROM "ProgrammeTarget" t;
DROP TABLE "ProgrammeTarget";
ALTER TABLE "new_ProgrammeTarget" RENAME TO "ProgrammeTarget";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ProgrammeVersion_schoolId_idx" ON "ProgrammeVersion"("schoolId");

-- CreateIndex
CREATE UNIQUE INDEX "ProgrammeVersion_programmeId_number_key" ON "ProgrammeVersion"("programmeId", "number");

-- CreateIndex
CREATE INDEX "ReviewComment_programmeId_createdAt_idx" ON "ReviewComment"("programmeId", "createdAt");

-- CreateIndex
CREATE INDEX "ReviewComment_schoolId_idx" ON "ReviewComment"("schoolId");

-- CreateIndex
CREATE INDEX "ReviewCommentRevision_commentId_idx" ON "ReviewCommentRevision"("commentId");

-- CreateIndex
CREATE INDEX "AuditLog_programmeId_id_idx" ON "AuditLog"("programmeId", "id");

-- A published version is evidence: its snapshot, hash, number and publication never change.
CREATE TRIGGER "ProgrammeVersion_snapshot_immutable" BEFORE UPDATE OF "snapshot", "snapshotHash", "number", "programmeId", "publishedAt", "publishedByName" ON "ProgrammeVersion"
BEGIN
    SELECT RAISE(ABORT, 'Une version publiée ne change pas : modification refusée.');
END;

-- The earlier texts of a review comment are kept as written.
CREATE TRIGGER "ReviewCommentRevision_no_update" BEFORE UPDATE ON "ReviewCommentRevision"
BEGIN
    SELECT RAISE(ABORT, 'L''historique d''un commentaire ne change pas : modification refusée.');
END;
