-- AlterTable
ALTER TABLE "CimdClient" ADD COLUMN     "autoApprovedDomainId" TEXT,
ADD COLUMN     "expiredAt" TIMESTAMP(3),
ADD COLUMN     "suspendedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "CimdClient_expiresAt_idx" ON "CimdClient"("expiresAt");


