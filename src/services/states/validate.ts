/** @module ValidateStateMachineDefinition: diagnostics as AWS returns them (location left out when there is none). */
import type { Operation } from "../operations.js";
import { diagnoseDefinition, type StateMachineType } from "./definition.js";
import { compact, optionalEnum, optionalInteger, requireString } from "./input.js";

export function validateOperations(): Record<string, Operation> {
  return {
    async ValidateStateMachineDefinition(input) {
      const definition = requireString(input, "definition", 1048576);
      const type: StateMachineType = optionalEnum(input, "type", ["STANDARD", "EXPRESS"] as const) ?? "STANDARD";
      const severity = optionalEnum(input, "severity", ["ERROR", "WARNING"] as const) ?? "ERROR";
      const max = optionalInteger(input, "maxResults", 0, 100) || 100;
      const all = diagnoseDefinition(definition, type);
      const shown = all.filter((d) => severity === "WARNING" || d.severity === "ERROR");
      return {
        result: all.some((d) => d.severity === "ERROR") ? "FAIL" : "OK",
        diagnostics: shown.slice(0, max).map((d) =>
          compact({ severity: d.severity, code: d.code, message: d.message, location: d.location === "" ? undefined : d.location })),
        truncated: shown.length > max,
      };
    },
  };
}
