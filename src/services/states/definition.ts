/** @module Checking a definition as Create/UpdateStateMachine do: ASL validation plus what Express machines refuse. */
import { formatInvalidDefinition, validateDefinition, type Diagnostic } from "../../asl/index.js";
import { invalidDefinition, validationError } from "./errors.js";

export type StateMachineType = "STANDARD" | "EXPRESS";

const MAX_DEFINITION_LENGTH = 1048576;

/** All diagnostics (errors and warnings) for `definition` run as a `type` machine. */
export function diagnoseDefinition(definition: string, type: StateMachineType): Diagnostic[] {
  const diagnostics = [...validateDefinition(definition)];
  if (type === "EXPRESS" && !diagnostics.some((d) => d.severity === "ERROR")) diagnostics.push(...expressDiagnostics(JSON.parse(definition)));
  return diagnostics;
}

/** Throws InvalidDefinition (AWS's message) when the definition has errors. */
export function checkDefinition(definition: string, type: StateMachineType): void {
  if (definition.length > MAX_DEFINITION_LENGTH) {
    throw validationError("definition", "<definition>", `Member must have length less than or equal to ${MAX_DEFINITION_LENGTH}`);
  }
  const diagnostics = diagnoseDefinition(definition, type);
  if (diagnostics.some((d) => d.severity === "ERROR")) throw invalidDefinition(formatInvalidDefinition(diagnostics));
}

const ACTIVITY = /^arn:[a-z-]+:states:[^:]*:[^:]*:activity:/;

/**
 * Express workflows support neither activities nor the `.sync` and `.waitForTaskToken` patterns
 * (https://docs.aws.amazon.com/step-functions/latest/dg/choosing-workflow-type.html).
 */
function expressDiagnostics(definition: unknown): Diagnostic[] {
  const found: Diagnostic[] = [];
  const walk = (machine: unknown, at: string) => {
    const states = (machine as { States?: unknown } | null)?.States;
    if (!states || typeof states !== "object") return;
    for (const [name, state] of Object.entries(states as Record<string, unknown>)) {
      if (!state || typeof state !== "object") continue;
      const s = state as Record<string, unknown>;
      const here = `${at}/States/${name}`;
      if (s.Type === "Task" && typeof s.Resource === "string") {
        const problem = unsupported(s.Resource);
        if (problem) found.push({ severity: "ERROR", code: "SCHEMA_VALIDATION_FAILED", location: `${here}/Resource`, message: problem });
      }
      if (Array.isArray(s.Branches)) s.Branches.forEach((b, i) => walk(b, `${here}/Branches[${i}]`));
      if (s.ItemProcessor) walk(s.ItemProcessor, `${here}/ItemProcessor`);
      if (s.Iterator) walk(s.Iterator, `${here}/Iterator`);
    }
  };
  walk(definition, "");
  return found;
}

function unsupported(resource: string): string | undefined {
  if (ACTIVITY.test(resource)) return "Express state machine does not support Activity ARN";
  const suffix = /\.(sync(?::2)?|waitForTaskToken)$/.exec(resource)?.[1];
  return suffix ? `Express state machine does not support '.${suffix}' service integration` : undefined;
}
