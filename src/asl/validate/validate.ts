/** @module validateDefinition, the checks CreateStateMachine makes, and the InvalidDefinition message AWS builds from them. */
import type { Diagnostic } from "./index.js";
import { Code, Diagnostics } from "./diagnostics.js";
import { parseDefinitionText } from "./json-text.js";
import { MachineKind, validateMachine } from "./machine.js";
import { checkMachineLanguage } from "./query-language.js";
import { isJsonObject } from "./values.js";

/**
 * Validates a definition: its JSON text, or an already parsed value. Returns every diagnostic
 * (ERRORs refuse the definition, WARNINGs do not), in the order AWS reports them where known.
 * Never throws, whatever the input.
 */
export function validateDefinition(definition: unknown): Diagnostic[] {
  const out = new Diagnostics();
  try {
    run(out, definition);
  } catch (e) {
    // A bug here must not crash CreateStateMachine; report it rather than accept silently.
    out.schema(`The definition could not be validated: ${e instanceof Error ? e.message : String(e)}`, "");
  }
  return out.list;
}

function run(out: Diagnostics, definition: unknown): void {
  let text: string;
  if (typeof definition === "string") text = definition;
  else {
    // An in-memory value is normalised through JSON (drops undefined, refuses cycles and BigInt).
    if (definition === undefined) text = "";
    else {
      try {
        text = JSON.stringify(definition) ?? "";
      } catch (e) {
        out.error(Code.InvalidJson, e instanceof Error ? e.message : String(e), "");
        return;
      }
    }
  }
  if (text.trim() === "" || text.trim() === "null") {
    out.error(Code.MissingDescription, "The state machine definition is empty", "");
    return;
  }
  const parsed = parseDefinitionText(text);
  if (parsed.error !== undefined) {
    out.error(Code.InvalidJson, parsed.error, "");
    return;
  }
  if (!isJsonObject(parsed.value)) {
    out.schema("Expected value of type [OBJECT]", "/");
    return;
  }
  for (const d of parsed.duplicateStates) out.error(Code.DuplicateStateName, `Duplicate State name: ${d.name}`, d.location);
  const machineLanguage = checkMachineLanguage(out, parsed.value);
  validateMachine({ out, machineLanguage, stateNames: new Map(), depth: 0 }, parsed.value, "", MachineKind.Root);
}

/**
 * The message of CreateStateMachine's InvalidDefinition error, as AWS words it:
 * `Invalid State Machine Definition: 'CODE: message at /location, CODE: message at /location'`
 * (a diagnostic without a location prints "at null"). Only errors refuse a definition; warnings
 * are left out.
 */
export function formatInvalidDefinition(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "ERROR");
  const parts = errors.map((d) => `${d.code}: ${d.message} at ${d.location === "" ? "null" : d.location}`);
  return `Invalid State Machine Definition: '${parts.join(", ")}'`;
}
