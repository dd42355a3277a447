/** An expected failure whose message may be shown to the user as it is. Anything else is logged
 *  and shown as a generic message. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = "UserError";
  }
}
