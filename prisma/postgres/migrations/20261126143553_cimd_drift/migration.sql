-- AlterTable
ALTER TABLE "CimdClient" ADD COLUMN     "etag" TEXT,
ADD COLUMN     "failedChecks" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lastChangedAt" TIMESTAMP(3),
ADD COLUMN     "lastCheckedAt" TIMESTAMP(3),
ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "lastModified" TEXT,
ADD COLUMN     "nextCheckAt" TIMESTAMP(3),
ADD COLUMN     "unreachableAlertAt" TIMESTAMP(3),
ADD COLUMN     "unreachableSince" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "CimdDocumentVersion" (
    "id" TEXT NOT NULL,
    "cimdClientId" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "document" TEXT NOT NULL,
    "documentSha256" TEXT NOT NULL,
    "redirectUris" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "changes" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "reason" TEXT,

    CONSTRAINT "CimdDocumentVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkerLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkerLease_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "CimdDocumentVersion_cimdClientId_seenAt_idx" ON "CimdDocumentVersion"("cimdClientId", "seenAt");

-- CreateIndex
CREATE INDEX "CimdDocumentVersion_status_seenAt_idx" ON "CimdDocumentVersion"("status", "seenAt");

-- CreateIndex
CREATE INDEX "CimdClient_nextCheckAt_idx" ON "CimdClient"("nextCheckAt");

-- CreateIndex
CREATE INDEX "CimdClient_unreachableSince_idx" ON "CimdClient"("unreachableSince");

-- AddForeignKey
ALTER TABLE "CimdDocumentVersion" ADD CONSTRAINT "CimdDocumentVersion_cimdClientId_fkey" FOREIGN KEY ("cimdClientId") REFERENCES "CimdClient"("id") ON DELETE CASCADE ON UPDATE CASCADE;


