-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN "programmeId" TEXT;
ALTER TABLE "Invitation" ADD COLUMN "reviewUntil" DATETIME;
