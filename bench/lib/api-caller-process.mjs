/**
 * @module Entry of a caller process: `node api-caller-process.mjs sdk|raw URL STATE_MACHINE_ARN`.
 * Makes the caller (api-env.mjs makeCaller) and answers the IPC messages `ready`, `loop` (one closed
 * loop, callers.mjs localCallers: calls, wall and CPU time, latencies, problems) and `close`.
 */
import { makeCaller } from "./api-env.mjs";
import { localCallers } from "./callers.mjs";

const [kind, url, stateMachineArn] = process.argv.slice(2);
const caller = await makeCaller(kind, url, stateMachineArn);
const callers = localCallers(caller);

process.on("disconnect", () => process.exit(0));
process.on("message", async ({ command, options }) => {
  if (command === "close") {
    caller.close();
    process.disconnect();
    return;
  }
  try {
    process.send({ value: command === "loop" ? await callers.loop(options) : true });
  } catch (e) {
    process.send({ error: e?.stack ?? String(e) });
  }
});
