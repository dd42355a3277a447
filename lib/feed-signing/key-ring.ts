// The signing keys as this process uses them: read from the database, decrypted once, and
// re-read every little while so that `portal keys rotate` (another process) reaches every
// instance within KEY_REFRESH_MS — well within the next key's head start.
import { createPrivateKey, type JsonWebKey, type KeyObject } from "node:crypto";
import type { JWK } from "jose";
import type { Db } from "@/lib/db";
import { decryptPrivateKey, deriveWrappingKey } from "./key-crypto";
import { ensureKeys, loadKeys, type SigningAlg } from "./key-store";

export const KEY_REFRESH_MS = 30_000;

export interface Signer {
  kid: string;
  key: KeyObject;
  alg: SigningAlg;
}

interface Loaded {
  signer: Signer;
  jwks: { keys: JWK[] };
  at: number;
}

export class KeyRing {
  private readonly wrappingKey: Buffer;
  private loaded: Loaded | null = null;
  private loading: Promise<Loaded> | null = null;
  private readonly privateKeys = new Map<string, KeyObject>();

  constructor(
    private readonly db: Db,
    secret: string,
    private readonly lifetimeSeconds: number,
    /** For keys this ring has to make (the first start); rotation makes the others. */
    private readonly newKeyAlg: SigningAlg = "ES256",
  ) {
    this.wrappingKey = deriveWrappingKey(secret);
  }

  async signer(): Promise<Signer> {
    return (await this.get()).signer;
  }

  /** The public keys to publish: current, next and recently retired. */
  async jwks(): Promise<{ keys: JWK[] }> {
    return (await this.get()).jwks;
  }

  /** Forget what was read, e.g. after a rotation by this process. */
  invalidate(): void {
    this.loaded = null;
  }

  private async get(): Promise<Loaded> {
    const loaded = this.loaded;
    if (loaded && Date.now() - loaded.at < KEY_REFRESH_MS) return loaded;
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    try {
      return await this.loading;
    } catch (error) {
      // The database is briefly unreachable: keep signing with the keys already read.
      if (loaded) return loaded;
      throw error;
    }
  }

  private async load(): Promise<Loaded> {
    let keys = await loadKeys(this.db, this.lifetimeSeconds);
    if (!keys.some((key) => key.slot === "current") || !keys.some((key) => key.slot === "next")) {
      await ensureKeys(this.db, this.wrappingKey, this.newKeyAlg);
      keys = await loadKeys(this.db, this.lifetimeSeconds);
    }
    const current = keys.find((key) => key.slot === "current")!;
    let privateKey = this.privateKeys.get(current.kid);
    if (!privateKey) {
      const jwk = JSON.parse(decryptPrivateKey(this.wrappingKey, current.kid, current.encryptedPrivate)) as JWK;
      privateKey = createPrivateKey({ key: jwk as JsonWebKey, format: "jwk" });
      this.privateKeys.clear(); // only the current key signs
      this.privateKeys.set(current.kid, privateKey);
    }
    // Keys made before EdDSA was an option carry alg ES256 too.
    const alg = ((JSON.parse(current.publicJwk) as JWK).alg ?? "ES256") as SigningAlg;
    this.loaded = {
      signer: { kid: current.kid, key: privateKey, alg },
      jwks: { keys: keys.map((key) => JSON.parse(key.publicJwk) as JWK) },
      at: Date.now(),
    };
    return this.loaded;
  }
}
