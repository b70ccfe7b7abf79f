-- CreateTable
CREATE TABLE "Programme" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "schoolId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "diplomaType" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "entryEcts" INTEGER NOT NULL,
    "semesters" INTEGER NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Programme_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProgrammeTarget" (
    "programmeId" TEXT NOT NULL,
    "sheetSlug" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("programmeId", "sheetSlug"),
    CONSTRAINT "ProgrammeTarget_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Module" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "semester" INTEGER NOT NULL,
    "ects" REAL NOT NULL,
    "hoursLectures" INTEGER NOT NULL DEFAULT 0,
    "hoursTutorials" INTEGER NOT NULL DEFAULT 0,
    "hoursPractical" INTEGER NOT NULL DEFAULT 0,
    "hoursProjects" INTEGER NOT NULL DEFAULT 0,
    "assessmentMethod" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Module_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Mapping" (
    "moduleId" TEXT NOT NULL,
    "itemRef" TEXT NOT NULL,
    "depth" INTEGER NOT NULL,
    "assessed" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("moduleId", "itemRef"),
    CONSTRAINT "Mapping_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "Module" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Programme_schoolId_idx" ON "Programme"("schoolId");

-- CreateIndex
CREATE INDEX "Module_schoolId_idx" ON "Module"("schoolId");

-- CreateIndex
CREATE UNIQUE INDEX "Module_programmeId_code_key" ON "Module"("programmeId", "code");
