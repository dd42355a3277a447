-- CreateTable
CREATE TABLE "CimdRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "clientIdUrl" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "documentSha256" TEXT NOT NULL,
    "redirectUris" TEXT NOT NULL,
    "fetchDetails" TEXT NOT NULL,
    "checks" TEXT NOT NULL,
    "decision" TEXT NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "decidedAt" DATETIME,
    CONSTRAINT "CimdRequest_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "Request" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CimdClient" (
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
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    "revokeReason" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "CimdRequest_requestId_key" ON "CimdRequest"("requestId");

-- CreateIndex
CREATE INDEX "CimdRequest_clientIdUrl_idx" ON "CimdRequest"("clientIdUrl");

-- CreateIndex
CREATE INDEX "CimdClient_clientIdUrl_idx" ON "CimdClient"("clientIdUrl");

-- CreateIndex
CREATE INDEX "CimdClient_host_idx" ON "CimdClient"("host");

-- CreateIndex
CREATE INDEX "CimdClient_revokedAt_idx" ON "CimdClient"("revokedAt");


