import { it } from "vitest";
import { runMachine } from "./test-machine.js";
it("scratch", async () => {
  const r = await runMachine({ StartAt: "M", States: { M: { Type: "Map", ItemProcessor: { StartAt: "P", States: { P: { Type: "Pass", End: true } } }, ResultSelector: { "all.$": "$", "first.$": "$[0]" }, ResultPath: "$.r", OutputPath: "$.r", End: true } } }, [3, 4]);
  console.log(JSON.stringify(r));
});
