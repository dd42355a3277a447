-- CreateTable
CREATE TABLE "TokenPoll" (
    "tokenId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "polledAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TokenPoll_pkey" PRIMARY KEY ("tokenId")
);

-- CreateTable
CREATE TABLE "TokenPickup" (
    "tokenId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TokenPickup_pkey" PRIMARY KEY ("tokenId","version")
);

-- CreateIndex
CREATE INDEX "TokenPickup_at_idx" ON "TokenPickup"("at");

-- AddForeignKey
ALTER TABLE "TokenPoll" ADD CONSTRAINT "TokenPoll_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "ApiToken"("id") ON DELETE CASCADE ON UPDATE CASCADE;


