// A response body and its compressed forms. Compression runs on libuv's thread pool (zlib's async
// API), never on the event loop, and each form is made once, when first asked for: gzip is asked
// for eagerly by the feed before it publishes a version, brotli only once a client accepts br.
//
// A snapshot's uncompressed JSON (20 MB at 100,000 entries) need not be in memory at all:
// authorization servers accept gzip, and the snapshot's gzip is made from cached blocks
// (chunked-gzip.ts, `EncodedBody.gzipped`). Given a way to remake it, a body holds its JSON only
// while it is needed: for a client that asks for it uncompressed or in brotli, and for the signed feed.
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export type Encoding = "gzip" | "br";

type MaybePromise<T> = T | Promise<T>;

export interface EncodedBodyOptions {
  /** Makes the same JSON again, so that it is released once compressed. */
  remakeJson?: () => Promise<Buffer>;
}

export class EncodedBody {
  private json: Buffer | null;
  private jsonLength: number;
  private remaking: Promise<Buffer> | null = null;
  /** The last JSON remade, until the garbage collector wants its memory back: a client that asks
   * for identity every few seconds does not have it remade every time. */
  private remade: WeakRef<Buffer> | null = null;
  private readonly ready: Partial<Record<Encoding, Buffer>> = {};
  private readonly pending: Partial<Record<Encoding, Promise<Buffer>>> = {};

  constructor(
    json: Buffer,
    private readonly options: EncodedBodyOptions = {},
  ) {
    this.json = json;
    this.jsonLength = json.length;
  }

  /** A body whose gzip is made already, of `length` bytes of JSON that `remakeJson` makes when asked. */
  static gzipped(gzip: Buffer, length: number, remakeJson: () => Promise<Buffer>): EncodedBody {
    const body = new EncodedBody(Buffer.alloc(0), { remakeJson });
    body.json = null;
    body.jsonLength = length;
    body.ready.gzip = gzip;
    return body;
  }

  /** The uncompressed length in bytes, whether or not the JSON is held. */
  get length(): number {
    return this.jsonLength;
  }

  /** The uncompressed JSON: now if held, else remade (once at a time). */
  identity(): MaybePromise<Buffer> {
    const held = this.json ?? this.remade?.deref();
    if (held) return held;
    this.remaking ??= this.options.remakeJson!().then(
      (json) => {
        this.remaking = null;
        this.remade = new WeakRef(json);
        return json;
      },
      (error: unknown) => {
        this.remaking = null;
        throw error;
      },
    );
    return this.remaking;
  }

  /** The compressed bytes if they are made, else null (without starting anything). */
  ifReady(encoding: Encoding): Buffer | null {
    return this.ready[encoding] ?? null;
  }

  /** The compressed bytes, now if made, else a promise (starting the work once). */
  get(encoding: Encoding): MaybePromise<Buffer> {
    return this.ready[encoding] ?? (this.pending[encoding] ??= this.compress(encoding));
  }

  private async compress(encoding: Encoding): Promise<Buffer> {
    const json = await this.identity();
    const bytes =
      encoding === "gzip"
        ? await gzipAsync(json, { level: 6 })
        : await brotliAsync(json, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 5,
              [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
            },
          });
    this.ready[encoding] = bytes;
    delete this.pending[encoding];
    if (this.options.remakeJson) this.json = null;
    return bytes;
  }

  /** Bytes held, for the delta cache's memory bound. */
  get size(): number {
    return (this.json?.length ?? 0) + (this.ready.gzip?.length ?? 0) + (this.ready.br?.length ?? 0);
  }
}
