-- Derived from prisma/schema.prisma by `npm run db:postgresql`.
-- AlterTable
ALTER TABLE "ReferenceSheet" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'job';
