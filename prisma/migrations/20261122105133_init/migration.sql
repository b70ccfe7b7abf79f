-- CreateTable
CREATE TABLE "School" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "TransversalResource" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "label" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "sourceFile" TEXT NOT NULL,
    "sourceQuote" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "KnowledgeDomain" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "label" TEXT NOT NULL,
    "nsf" TEXT,
    "formacode" TEXT,
    "sourceFile" TEXT NOT NULL,
    "sourceQuote" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "ReferenceSheet" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ReferenceSheetVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sheetId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "publisher" TEXT NOT NULL,
    "sourceFile" TEXT NOT NULL,
    "cncpMin" INTEGER NOT NULL,
    "cncpMax" INTEGER NOT NULL,
    "origin" TEXT NOT NULL DEFAULT 'seed',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReferenceSheetVersion_sheetId_fkey" FOREIGN KEY ("sheetId") REFERENCES "ReferenceSheet" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SheetRequirement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sheetVersionId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "required" BOOLEAN NOT NULL,
    "requiredDepth" INTEGER,
    "editorial" BOOLEAN NOT NULL,
    "editorialReason" TEXT,
    "sourceFile" TEXT NOT NULL,
    "sourceQuote" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "SheetRequirement_sheetVersionId_fkey" FOREIGN KEY ("sheetVersionId") REFERENCES "ReferenceSheetVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "School_slug_key" ON "School"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "ReferenceSheet_slug_key" ON "ReferenceSheet"("slug");

-- CreateIndex
CREATE INDEX "ReferenceSheetVersion_sheetId_contentHash_idx" ON "ReferenceSheetVersion"("sheetId", "contentHash");

-- CreateIndex
CREATE UNIQUE INDEX "ReferenceSheetVersion_sheetId_version_key" ON "ReferenceSheetVersion"("sheetId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "SheetRequirement_sheetVersionId_code_key" ON "SheetRequirement"("sheetVersionId", "code");
