-- Derived from prisma/schema.prisma by `npm run db:postgresql`.
-- AlterTable
ALTER TABLE "School" ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'Europe/Paris';
