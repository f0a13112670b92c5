#!/usr/bin/env node
// The `stepwise` command. The CLI itself is TypeScript compiled to dist/ (npm install builds it).
let main;
try {
  ({ main } = await import("../dist/cli/main.js"));
} catch (e) {
  if (e?.code === "ERR_MODULE_NOT_FOUND" && String(e.message).includes("dist/cli/main.js")) {
    process.stderr.write("stepwise: not built yet. Run `npm run build` (or `npm install`) in the Stepwise folder first.\n");
    process.exit(2);
  }
  throw e;
}
const code = await main(process.argv.slice(2));
// Exit once stdout is flushed, even if a task handler left timers or sockets open.
process.stdout.write("", () => process.exit(code));
