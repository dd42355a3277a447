-- CreateTable
CREATE TABLE "TokenPoll" (
    "tokenId" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "polledAt" DATETIME NOT NULL,
    CONSTRAINT "TokenPoll_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "ApiToken" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TokenPickup" (
    "tokenId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,

    PRIMARY KEY ("tokenId", "version")
);

-- CreateIndex
CREATE INDEX "TokenPickup_at_idx" ON "TokenPickup"("at");


