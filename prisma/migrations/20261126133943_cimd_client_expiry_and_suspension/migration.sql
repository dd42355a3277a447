-- AlterTable
ALTER TABLE "CimdClient" ADD COLUMN "autoApprovedDomainId" TEXT;
ALTER TABLE "CimdClient" ADD COLUMN "expiredAt" DATETIME;
ALTER TABLE "CimdClient" ADD COLUMN "suspendedAt" DATETIME;

-- CreateIndex
CREATE INDEX "CimdClient_expiresAt_idx" ON "CimdClient"("expiresAt");


