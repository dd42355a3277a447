-- CreateTable
CREATE TABLE "CimdDocumentVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cimdClientId" TEXT NOT NULL,
    "seenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "document" TEXT NOT NULL,
    "documentSha256" TEXT NOT NULL,
    "redirectUris" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "changes" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "reason" TEXT,
    CONSTRAINT "CimdDocumentVersion_cimdClientId_fkey" FOREIGN KEY ("cimdClientId") REFERENCES "CimdClient" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WorkerLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CimdClient" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "clientIdUrl" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "documentSha256" TEXT NOT NULL,
    "redirectUris" TEXT NOT NULL,
    "clientId" TEXT,
    "cimdRequestId" TEXT,
    "approvedById" TEXT,
    "approvedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME,
    "expiredAt" DATETIME,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    "revokeReason" TEXT,
    "autoApprovedDomainId" TEXT,
    "suspendedAt" DATETIME,
    "nextCheckAt" DATETIME,
    "lastCheckedAt" DATETIME,
    "lastChangedAt" DATETIME,
    "etag" TEXT,
    "lastModified" TEXT,
    "unreachableSince" DATETIME,
    "failedChecks" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "unreachableAlertAt" DATETIME
);
INSERT INTO "new_CimdClient" ("approvedAt", "approvedById", "autoApprovedDomainId", "cimdRequestId", "clientId", "clientIdUrl", "document", "documentSha256", "expiredAt", "expiresAt", "host", "id", "kind", "redirectUris", "revokeReason", "revokedAt", "revokedById", "suspendedAt") SELECT "approvedAt", "approvedById", "autoApprovedDomainId", "cimdRequestId", "clientId", "clientIdUrl", "document", "documentSha256", "expiredAt", "expiresAt", "host", "id", "kind", "redirectUris", "revokeReason", "revokedAt", "revokedById", "suspendedAt" FROM "CimdClient";
DROP TABLE "CimdClient";
ALTER TABLE "new_CimdClient" RENAME TO "CimdClient";
CREATE INDEX "CimdClient_clientIdUrl_idx" ON "CimdClient"("clientIdUrl");
CREATE INDEX "CimdClient_host_idx" ON "CimdClient"("host");
CREATE INDEX "CimdClient_revokedAt_idx" ON "CimdClient"("revokedAt");
CREATE INDEX "CimdClient_expiresAt_idx" ON "CimdClient"("expiresAt");
CREATE INDEX "CimdClient_nextCheckAt_idx" ON "CimdClient"("nextCheckAt");
CREATE INDEX "CimdClient_unreachableSince_idx" ON "CimdClient"("unreachableSince");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CimdDocumentVersion_cimdClientId_seenAt_idx" ON "CimdDocumentVersion"("cimdClientId", "seenAt");

-- CreateIndex
CREATE INDEX "CimdDocumentVersion_status_seenAt_idx" ON "CimdDocumentVersion"("status", "seenAt");


