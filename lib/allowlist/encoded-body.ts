// A response body and its compressed forms. Compression runs on libuv's thread pool (zlib's async
// API), never on the event loop, and each form is made once, when first asked for: gzip is asked
// for eagerly by the feed before it publishes a version, brotli only once a client accepts br.
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export type Encoding = "gzip" | "br";

export class EncodedBody {
  private readonly ready: Partial<Record<Encoding, Buffer>> = {};
  private readonly pending: Partial<Record<Encoding, Promise<Buffer>>> = {};

  /** `makeGzip` makes the gzip another way (chunked-gzip.ts for snapshots); gunzipped, the same JSON. */
  constructor(
    readonly json: Buffer,
    private readonly makeGzip?: () => Promise<Buffer>,
  ) {}

  /** The compressed bytes if they are made, else null (without starting anything). */
  ifReady(encoding: Encoding): Buffer | null {
    return this.ready[encoding] ?? null;
  }

  /** The compressed bytes, now if made, else a promise (starting the work once). */
  get(encoding: Encoding): Buffer | Promise<Buffer> {
    return this.ready[encoding] ?? (this.pending[encoding] ??= this.compress(encoding));
  }

  private async compress(encoding: Encoding): Promise<Buffer> {
    const bytes =
      encoding === "gzip"
        ? await (this.makeGzip?.() ?? gzipAsync(this.json, { level: 6 }))
        : await brotliAsync(this.json, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 5,
              [constants.BROTLI_PARAM_SIZE_HINT]: this.json.length,
            },
          });
    this.ready[encoding] = bytes;
    delete this.pending[encoding];
    return bytes;
  }

  /** Bytes held, for the delta cache's memory bound. */
  get size(): number {
    return this.json.length + (this.ready.gzip?.length ?? 0) + (this.ready.br?.length ?? 0);
  }
}
