-- CreateTable
CREATE TABLE "SchoolExpectedDepth" (
    "schoolId" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "depth" INTEGER,
    "setById" TEXT,
    "setByName" TEXT NOT NULL,
    "setAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("schoolId", "level", "kind"),
    CONSTRAINT "SchoolExpectedDepth_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "setAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("programmeId", "level", "kind"),
    CONSTRAINT "ProgrammeExpectedDepth_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DismissedSuggestion" (
    "moduleId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "itemRef" TEXT NOT NULL,
    "dismissedById" TEXT,
    "dismissedByName" TEXT NOT NULL,
    "dismissedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("moduleId", "itemRef"),
    CONSTRAINT "DismissedSuggestion_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "Module" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ProgrammeExpectedDepth_schoolId_idx" ON "ProgrammeExpectedDepth"("schoolId");

-- CreateIndex
CREATE INDEX "DismissedSuggestion_schoolId_idx" ON "DismissedSuggestion"("schoolId");
