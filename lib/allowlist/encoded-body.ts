// A response body and its compressed forms. Compression runs on libuv's thread pool (zlib's async
// API), never on the event loop, and each form is made once, when first asked for: gzip is asked
// for eagerly by the feed before it publishes a version, brotli only once a client accepts br.
//
// A snapshot's uncompressed JSON (20 MB at 100,000 entries) need not stay in memory once its gzip
// is made: authorization servers accept gzip. Given a way to remake it, the body lets it go as
// soon as the gzip is made, and remakes it only for a client that asks for it uncompressed or in
// brotli (and for the signed feed).
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export type Encoding = "gzip" | "br";

type MaybePromise<T> = T | Promise<T>;

export interface EncodedBodyOptions {
  /** Makes the gzip another way (chunked-gzip.ts for snapshots); gunzipped, the same JSON. */
  makeGzip?: (json: Buffer) => Promise<Buffer>;
  /** Makes the same JSON again, so that it is released once gzipped. */
  remakeJson?: () => Promise<Buffer>;
}

export class EncodedBody {
  /** The uncompressed length in bytes, whether or not the JSON is held. */
  readonly length: number;
  private json: Buffer | null;
  private remaking: Promise<Buffer> | null = null;
  private readonly ready: Partial<Record<Encoding, Buffer>> = {};
  private readonly pending: Partial<Record<Encoding, Promise<Buffer>>> = {};

  constructor(
    json: Buffer,
    private readonly options: EncodedBodyOptions = {},
  ) {
    this.json = json;
    this.length = json.length;
  }

  /** The uncompressed JSON: now if held, else remade (once at a time). */
  identity(): MaybePromise<Buffer> {
    if (this.json) return this.json;
    this.remaking ??= this.options.remakeJson!().finally(() => {
      this.remaking = null;
    });
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
        ? await (this.options.makeGzip?.(json) ?? gzipAsync(json, { level: 6 }))
        : await brotliAsync(json, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 5,
              [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
            },
          });
    this.ready[encoding] = bytes;
    delete this.pending[encoding];
    if (encoding === "gzip" && this.options.remakeJson) this.json = null;
    return bytes;
  }

  /** Bytes held, for the delta cache's memory bound. */
  get size(): number {
    return (this.json?.length ?? 0) + (this.ready.gzip?.length ?? 0) + (this.ready.br?.length ?? 0);
  }
}
