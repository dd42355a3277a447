-- AlterTable
ALTER TABLE "AllowlistEntry" ADD COLUMN "autoApprovedDomainId" TEXT;
ALTER TABLE "AllowlistEntry" ADD COLUMN "suspendedAt" DATETIME;

-- CreateTable
CREATE TABLE "VerifiedDomain" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ownerId" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "scope" TEXT NOT NULL DEFAULT 'exact',
    "method" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "verifiedAt" DATETIME,
    "lastCheckedAt" DATETIME,
    "nextCheckAt" DATETIME,
    "lapsedAt" DATETIME,
    "suspendedAt" DATETIME,
    "lastError" TEXT
);

-- CreateIndex
CREATE INDEX "VerifiedDomain_domain_status_idx" ON "VerifiedDomain"("domain", "status");

-- CreateIndex
CREATE INDEX "VerifiedDomain_ownerId_idx" ON "VerifiedDomain"("ownerId");

-- CreateIndex
CREATE INDEX "VerifiedDomain_status_nextCheckAt_idx" ON "VerifiedDomain"("status", "nextCheckAt");


