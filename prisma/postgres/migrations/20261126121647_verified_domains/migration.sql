-- AlterTable
ALTER TABLE "AllowlistEntry" ADD COLUMN     "autoApprovedDomainId" TEXT,
ADD COLUMN     "suspendedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "VerifiedDomain" (
    "id" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "scope" TEXT NOT NULL DEFAULT 'exact',
    "method" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "verifiedAt" TIMESTAMP(3),
    "lastCheckedAt" TIMESTAMP(3),
    "nextCheckAt" TIMESTAMP(3),
    "lapsedAt" TIMESTAMP(3),
    "suspendedAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "VerifiedDomain_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VerifiedDomain_domain_status_idx" ON "VerifiedDomain"("domain", "status");

-- CreateIndex
CREATE INDEX "VerifiedDomain_ownerId_idx" ON "VerifiedDomain"("ownerId");

-- CreateIndex
CREATE INDEX "VerifiedDomain_status_nextCheckAt_idx" ON "VerifiedDomain"("status", "nextCheckAt");


