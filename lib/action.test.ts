// The action wrapper: a bad call is refused cleanly, expected failures become messages with their
// field errors, and pages are revalidated from parsed values only.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

const revalidated: string[] = [];
vi.mock("next/cache", () => ({ revalidatePath: (path: string) => revalidated.push(path) }));
vi.mock("@/lib/auth/guards", () => ({
  requireActionRole: async () => ({ id: "u1", email: "a@example.test", name: null, role: "admin" }),
}));
vi.mock("@/lib/request-ip", () => ({ requestIp: async () => "192.0.2.1" }));

const { validatedAction } = await import("./action");
const { UserError } = await import("./user-error");

const schema = z.object({
  requestId: z.string().trim().min(1),
  items: z.preprocess((v) => (typeof v === "string" ? JSON.parse(v) : v), z.array(z.string())),
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

describe("validatedAction", () => {
  beforeEach(() => {
    revalidated.length = 0;
  });
  const run = vi.fn(async (data: z.output<typeof schema>) => ({ message: `saved ${data.items.length}` }));
  const action = validatedAction({ role: "admin", schema, run, revalidate: ({ requestId }) => [`/r/${requestId}`] });

  it("runs with the parsed values and revalidates with them", async () => {
    const result = await action(null, form({ requestId: "  r1 ", items: '["a","b"]' }));
    expect(result).toEqual({ ok: true, message: "saved 2" });
    expect(revalidated).toEqual(["/r/r1"]);
  });

  it.each([[undefined], [[]], ["text"], [{ get: 1 }]])("refuses a call without a form (%j)", async (arg) => {
    const result = await action(null, arg as unknown as FormData);
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("could not be read") });
    expect(revalidated).toEqual([]);
  });

  it("refuses a form whose JSON does not parse, without running", async () => {
    run.mockClear();
    const result = await action(null, form({ requestId: "r1", items: "{not json" }));
    expect(result.ok).toBe(false);
    expect(run).not.toHaveBeenCalled();
  });

  it("returns the schema's field errors", async () => {
    const result = await action(null, form({ requestId: " ", items: "[]" }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { requestId: [expect.any(String)] } });
  });

  it("turns a UserError into its message and field errors", async () => {
    const failing = validatedAction({
      role: "admin",
      schema,
      run: async () => {
        throw new UserError("Some rows are wrong.", 400, { "items.1": ["bad"] });
      },
    });
    expect(await failing(null, form({ requestId: "r1", items: '["a","b"]' }))).toEqual({
      ok: false,
      message: "Some rows are wrong.",
      fieldErrors: { "items.1": ["bad"] },
    });
    // A refused change leaves the page as it is, so the form that says why stays on screen.
    expect(revalidated).toEqual([]);
  });

  it("hides an unexpected error behind a generic message", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const failing = validatedAction({
      role: "admin",
      schema,
      run: async () => {
        throw new Error("database exploded");
      },
    });
    const result = await failing(null, form({ requestId: "r1", items: "[]" }));
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("Nothing was changed") });
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});
