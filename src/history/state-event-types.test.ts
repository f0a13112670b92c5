import { describe, it, expect } from "vitest";
import { stateEnteredType, stateExitedType } from "./state-event-types.js";

describe("state event types", () => {
  it("are <Type>StateEntered and <Type>StateExited for each of the eight state types", () => {
    for (const type of ["Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"] as const) {
      expect(stateEnteredType(type)).toBe(`${type}StateEntered`);
      expect(stateExitedType(type)).toBe(`${type}StateExited`);
    }
  });
});
