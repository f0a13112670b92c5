/** @module `<Type>StateEntered` and `<Type>StateExited`, the event types of a state's entry and exit. */

/** The eight ASL state types (the language core's StateType; history uses no other layer). */
type StateType = "Task" | "Pass" | "Choice" | "Wait" | "Succeed" | "Fail" | "Parallel" | "Map";

/*
 * Switches over the eight types, returning constant strings: a lookup in an object keyed by type went
 * megamorphic in the runner's loop (7% of a short Task-heavy run), and a template string built a new
 * string for every event.
 */

export function stateEnteredType(type: StateType): string {
  switch (type) {
    case "Task": return "TaskStateEntered";
    case "Pass": return "PassStateEntered";
    case "Choice": return "ChoiceStateEntered";
    case "Wait": return "WaitStateEntered";
    case "Succeed": return "SucceedStateEntered";
    case "Fail": return "FailStateEntered";
    case "Parallel": return "ParallelStateEntered";
    case "Map": return "MapStateEntered";
  }
}

export function stateExitedType(type: StateType): string {
  switch (type) {
    case "Task": return "TaskStateExited";
    case "Pass": return "PassStateExited";
    case "Choice": return "ChoiceStateExited";
    case "Wait": return "WaitStateExited";
    case "Succeed": return "SucceedStateExited";
    case "Fail": return "FailStateExited";
    case "Parallel": return "ParallelStateExited";
    case "Map": return "MapStateExited";
  }
}
