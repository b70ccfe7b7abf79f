-- Derived from prisma/schema.prisma by `npm run db:postgresql`.
-- AlterTable
ALTER TABLE "Mapping" ADD COLUMN     "note" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Module" ADD COLUMN     "semesterSpan" INTEGER NOT NULL DEFAULT 1;
