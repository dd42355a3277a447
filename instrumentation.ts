// Runs once when the server starts: check the settings, apply pending migrations, and say how to
// sign in. A bad setting stops start-up with a message that names it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Under `npm start` / `npm run dev` the portal's own server (server/main.ts) has done it already.
  if (process.env.PORTAL_STARTED_BY_SERVER === "1") return;
  const { startUp } = await import("./lib/startup/start-up");
  await startUp();
}
