/** An expected failure whose message may be shown to the user as it is. Anything else is logged
 *  and shown as a generic message. `fieldErrors` (keyed like a zod issue path, "uris.1") lets a
 *  form show a reason next to the field it is about. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly status = 400,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "UserError";
  }
}
