-- Derived from prisma/schema.prisma by `npm run db:postgresql`.
-- CreateTable
CREATE TABLE "School" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "School_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TransversalResource" (
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "sourceFile" TEXT NOT NULL,
    "sourceQuote" TEXT NOT NULL,

    CONSTRAINT "TransversalResource_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "KnowledgeDomain" (
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "nsf" TEXT,
    "formacode" TEXT,
    "sourceFile" TEXT NOT NULL,
    "sourceQuote" TEXT NOT NULL,

    CONSTRAINT "KnowledgeDomain_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "ReferenceSheet" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReferenceSheet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferenceSheetVersion" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReferenceSheetVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SheetRequirement" (
    "id" TEXT NOT NULL,
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

    CONSTRAINT "SheetRequirement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Programme" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "diplomaType" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "entryEcts" INTEGER NOT NULL,
    "semesters" INTEGER NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Programme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgrammeTarget" (
    "programmeId" TEXT NOT NULL,
    "sheetSlug" TEXT NOT NULL,
    "sheetVersion" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "ProgrammeTarget_pkey" PRIMARY KEY ("programmeId","sheetSlug")
);

-- CreateTable
CREATE TABLE "Module" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "semester" INTEGER NOT NULL,
    "ects" DOUBLE PRECISION NOT NULL,
    "hoursLectures" INTEGER NOT NULL DEFAULT 0,
    "hoursTutorials" INTEGER NOT NULL DEFAULT 0,
    "hoursPractical" INTEGER NOT NULL DEFAULT 0,
    "hoursProjects" INTEGER NOT NULL DEFAULT 0,
    "assessmentMethod" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Module_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Mapping" (
    "moduleId" TEXT NOT NULL,
    "itemRef" TEXT NOT NULL,
    "depth" INTEGER NOT NULL,
    "assessed" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Mapping_pkey" PRIMARY KEY ("moduleId","itemRef")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "schoolId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invitation" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "invitedById" TEXT NOT NULL,
    "programmeId" TEXT,
    "reviewUntil" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "schoolId" TEXT,
    "userId" TEXT,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT,
    "programmeId" TEXT,
    "before" TEXT,
    "after" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitHit" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RateLimitHit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModuleTeacher" (
    "moduleId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "ModuleTeacher_pkey" PRIMARY KEY ("moduleId","userId")
);

-- CreateTable
CREATE TABLE "ProgrammeReviewer" (
    "programmeId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgrammeReviewer_pkey" PRIMARY KEY ("programmeId","userId")
);

-- CreateTable
CREATE TABLE "ProgrammeVersion" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "snapshot" TEXT NOT NULL,
    "snapshotHash" TEXT NOT NULL,
    "publishedById" TEXT,
    "publishedByName" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewStatus" TEXT,
    "submittedAt" TIMESTAMP(3),
    "submittedByName" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "decidedByName" TEXT,
    "decisionNote" TEXT,

    CONSTRAINT "ProgrammeVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewComment" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editedAt" TIMESTAMP(3),

    CONSTRAINT "ReviewComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewCommentRevision" (
    "id" SERIAL NOT NULL,
    "commentId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "writtenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewCommentRevision_pkey" PRIMARY KEY ("id")
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

-- CreateIndex
CREATE INDEX "Programme_schoolId_idx" ON "Programme"("schoolId");

-- CreateIndex
CREATE INDEX "Module_schoolId_idx" ON "Module"("schoolId");

-- CreateIndex
CREATE UNIQUE INDEX "Module_programmeId_code_key" ON "Module"("programmeId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Membership_schoolId_idx" ON "Membership"("schoolId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_userId_schoolId_key" ON "Membership"("userId", "schoolId");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- CreateIndex
CREATE INDEX "Invitation_schoolId_idx" ON "Invitation"("schoolId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE INDEX "AuditLog_schoolId_createdAt_idx" ON "AuditLog"("schoolId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_entity_entityId_idx" ON "AuditLog"("entity", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_programmeId_id_idx" ON "AuditLog"("programmeId", "id");

-- CreateIndex
CREATE INDEX "RateLimitHit_key_createdAt_idx" ON "RateLimitHit"("key", "createdAt");

-- CreateIndex
CREATE INDEX "ModuleTeacher_userId_idx" ON "ModuleTeacher"("userId");

-- CreateIndex
CREATE INDEX "ProgrammeReviewer_userId_idx" ON "ProgrammeReviewer"("userId");

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

-- AddForeignKey
ALTER TABLE "ReferenceSheetVersion" ADD CONSTRAINT "ReferenceSheetVersion_sheetId_fkey" FOREIGN KEY ("sheetId") REFERENCES "ReferenceSheet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SheetRequirement" ADD CONSTRAINT "SheetRequirement_sheetVersionId_fkey" FOREIGN KEY ("sheetVersionId") REFERENCES "ReferenceSheetVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Programme" ADD CONSTRAINT "Programme_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeTarget" ADD CONSTRAINT "ProgrammeTarget_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Module" ADD CONSTRAINT "Module_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mapping" ADD CONSTRAINT "Mapping_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "Module"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModuleTeacher" ADD CONSTRAINT "ModuleTeacher_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "Module"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModuleTeacher" ADD CONSTRAINT "ModuleTeacher_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeReviewer" ADD CONSTRAINT "ProgrammeReviewer_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeReviewer" ADD CONSTRAINT "ProgrammeReviewer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeVersion" ADD CONSTRAINT "ProgrammeVersion_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewComment" ADD CONSTRAINT "ReviewComment_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewCommentRevision" ADD CONSTRAINT "ReviewCommentRevision_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "ReviewComment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security of the school tables, append-only tables
ALTER TABLE "Programme" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "maquette_tenant" ON "Programme" AS PERMISSIVE FOR ALL
    USING ("schoolId" = current_setting('app.school_id', true))
    WITH CHECK ("schoolId" = current_setting('app.school_id', true));
COMMENT ON POLICY "maquette_tenant" ON "Programme" IS 'maquette:f82ff1037b3b15a6';

ALTER TABLE "ProgrammeTarget" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "maquette_tenant" ON "ProgrammeTarget" AS PERMISSIVE FOR ALL
    USING (EXISTS (SELECT 1 FROM "Programme" AS parent WHERE parent."id" = "ProgrammeTarget"."programmeId"))
    WITH CHECK (EXISTS (SELECT 1 FROM "Programme" AS parent WHERE parent."id" = "ProgrammeTarget"."programmeId"));
COMMENT ON POLICY "maquette_tenant" ON "ProgrammeTarget" IS 'maquette:ddadff2560226551';

ALTER TABLE "Module" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "maquette_tenant" ON "Module" AS PERMISSIVE FOR ALL
    USING ("schoolId" = current_setting('app.school_id', true))
    WITH CHECK ("schoolId" = current_setting('app.school_id', true));
COMMENT ON POLICY "maquette_tenant" ON "Module" IS 'maquette:f82ff1037b3b15a6';

ALTER TABLE "Mapping" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "maquette_tenant" ON "Mapping" AS PERMISSIVE FOR ALL
    USING (EXISTS (SELECT 1 FROM "Module" AS parent WHERE parent."id" = "Mapping"."moduleId"))
    WITH CHECK (EXISTS (SELECT 1 FROM "Module" AS parent WHERE parent."id" = "Mapping"."moduleId"));
COMMENT ON POLICY "maquette_tenant" ON "Mapping" IS 'maquette:86f1088c16a58483';

ALTER TABLE "Membership" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "maquette_tenant" ON "Membership" AS PERMISSIVE FOR ALL
    USING ("schoolId" = current_setting('app.school_id', true) OR "userId" = current_setting('app.user_id', true))
    WITH CHECK ("schoolId" = current_setting('app.school_id', true) OR "userId" = current_setting('app.user_id', true));
COMMENT ON POLICY "maquette_tenant" ON "Membership" IS 'maquette:d85371b572fe3451';

ALTER TABLE "Session" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "maquette_tenant" ON "Session" AS PERMISSIVE FOR ALL
    USING ("schoolId" = current_setting('app.school_id', true) OR "userId" = current_setting('app.user_id', true) OR "id" = current_setting('app.secret', true))
    WITH CHECK ("schoolId" = current_setting('app.school_id', true) OR "schoolId" IS NULL OR "userId" = current_setting('app.user_id', true) OR "id" = current_setting('app.secret', true));
COMMENT ON POLICY "maquette_tenant" ON "Session" IS 'maquette:89a904af7e447e76';

ALTER TABLE "Invitation" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "maquette_tenant" ON "Invitation" AS PERMISSIVE FOR ALL
    USING ("schoolId" = current_setting('app.school_id', true) OR "tokenHash" = current_setting('app.secret', true))
    WITH CHECK ("schoolId" = current_setting('app.school_id', true) OR "tokenHash" = current_setting('app.secret', true));
COMMENT ON POLICY "maquette_tenant" ON "Invitation" IS 'maquette:c235bb6d45c4938d';

ALTER TABLE "ApiToken" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "maquette_tenant" ON "ApiToken" AS PERMISSIVE FOR ALL
    USING ("schoolId" = current_setting('app.school_id', true) OR "userId" = current_setting('app.user_id', true) OR "tokenHash" = current_setting('app.secret', true))
    WITH CHECK ("schoolId" = current_setting('app.school_id', true) OR "userId" = current_setting('app.user_id', true) OR "tokenHash" = current_setting('app.secret', true));
COMMENT ON POLICY "maquette_tenant" ON "ApiToken" IS 'maquette:9f67bdc6eaee6f5f';

ALTER TABLE "AuditLog" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "maquette_tenant" ON "AuditLog" AS PERMISSIVE FOR ALL
    USING ("schoolId" = current_setting('app.school_id', true))
    WITH CHECK ("schoolId" = current_setting('app.school_id', true) OR "schoolId" IS NULL);
COMMENT ON POLICY "maquette_tenant" ON "AuditLog" IS 'maquette:ce98e3d849afb179';

ALTER TABLE "ModuleTeacher" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "maquette_tenant" ON "ModuleTeacher" AS PERMISSIVE FOR ALL
    USING (EXISTS (SELECT 1 FROM "Module" AS parent WHERE parent."id" = "ModuleTeacher"."moduleId"))
    WITH CHECK (EXISTS (SELECT 1 FROM "Module" AS parent WHERE parent."id" = "ModuleTeacher"."moduleId"));
COMMENT ON POLICY "maquette_tenant" ON "ModuleTeacher" IS 'maquette:48f09e5250543251';

ALTER TABLE "ProgrammeReviewer" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "maquette_tenant" ON "ProgrammeReviewer" AS PERMISSIVE FOR ALL
    USING (EXISTS (SELECT 1 FROM "Programme" AS parent WHERE parent."id" = "ProgrammeReviewer"."programmeId"))
    WITH CHECK (EXISTS (SELECT 1 FROM "Programme" AS parent WHERE parent."id" = "ProgrammeReviewer"."programmeId"));
COMMENT ON POLICY "maquette_tenant" ON "ProgrammeReviewer" IS 'maquette:13b659233b93ca58';

ALTER TABLE "ProgrammeVersion" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "maquette_tenant" ON "ProgrammeVersion" AS PERMISSIVE FOR ALL
    USING ("schoolId" = current_setting('app.school_id', true))
    WITH CHECK ("schoolId" = current_setting('app.school_id', true));
COMMENT ON POLICY "maquette_tenant" ON "ProgrammeVersion" IS 'maquette:f82ff1037b3b15a6';

ALTER TABLE "ReviewComment" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "maquette_tenant" ON "ReviewComment" AS PERMISSIVE FOR ALL
    USING ("schoolId" = current_setting('app.school_id', true))
    WITH CHECK ("schoolId" = current_setting('app.school_id', true));
COMMENT ON POLICY "maquette_tenant" ON "ReviewComment" IS 'maquette:f82ff1037b3b15a6';

ALTER TABLE "ReviewCommentRevision" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "maquette_tenant" ON "ReviewCommentRevision" AS PERMISSIVE FOR ALL
    USING ("schoolId" = current_setting('app.school_id', true))
    WITH CHECK ("schoolId" = current_setting('app.school_id', true));
COMMENT ON POLICY "maquette_tenant" ON "ReviewCommentRevision" IS 'maquette:f82ff1037b3b15a6';

CREATE OR REPLACE FUNCTION "maquette_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = TG_ARGV[0], ERRCODE = 'P0001';
END
$$;

CREATE TRIGGER "AuditLog_no_update" BEFORE UPDATE ON "AuditLog"
    FOR EACH ROW EXECUTE FUNCTION "maquette_refuse_change"('Le journal d''audit est en ajout seul : modification refusée.');
COMMENT ON TRIGGER "AuditLog_no_update" ON "AuditLog" IS 'maquette:85b4add5734a0502';

CREATE TRIGGER "AuditLog_no_delete" BEFORE DELETE ON "AuditLog"
    FOR EACH ROW EXECUTE FUNCTION "maquette_refuse_change"('Le journal d''audit est en ajout seul : suppression refusée.');
COMMENT ON TRIGGER "AuditLog_no_delete" ON "AuditLog" IS 'maquette:9ca47e4856cc4705';

CREATE TRIGGER "AuditLog_no_delete_truncate" BEFORE TRUNCATE ON "AuditLog"
    FOR EACH STATEMENT EXECUTE FUNCTION "maquette_refuse_change"('Le journal d''audit est en ajout seul : suppression refusée.');
COMMENT ON TRIGGER "AuditLog_no_delete_truncate" ON "AuditLog" IS 'maquette:97328e5e07de5b97';

CREATE TRIGGER "ProgrammeVersion_snapshot_immutable" BEFORE UPDATE OF "snapshot", "snapshotHash", "number", "programmeId", "publishedAt", "publishedByName" ON "ProgrammeVersion"
    FOR EACH ROW EXECUTE FUNCTION "maquette_refuse_change"('Une version publiée ne change pas : modification refusée.');
COMMENT ON TRIGGER "ProgrammeVersion_snapshot_immutable" ON "ProgrammeVersion" IS 'maquette:434247d01140b33b';

CREATE TRIGGER "ReviewCommentRevision_no_update" BEFORE UPDATE ON "ReviewCommentRevision"
    FOR EACH ROW EXECUTE FUNCTION "maquette_refuse_change"('L''historique d''un commentaire ne change pas : modification refusée.');
COMMENT ON TRIGGER "ReviewCommentRevision_no_update" ON "ReviewCommentRevision" IS 'maquette:c0fb3bfdd6716f3a';
