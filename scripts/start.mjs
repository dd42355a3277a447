// npm start — build once (and again whenever the sources change), then serve the production build.
// The server applies pending migrations itself as it starts.
import { spawn } from "node:child_process";
import { buildIfNeeded, root, serverArgs, serverEnv } from "./build-if-needed.mjs";

await buildIfNeeded();
const server = spawn(process.execPath, serverArgs, {
  cwd: root,
  stdio: "inherit",
  env: serverEnv(),
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
