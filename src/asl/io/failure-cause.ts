/** @module The prefix AWS puts on runtime failure causes. */
import type { EvalScope } from "../scope.js";

/** "An error occurred while executing the state 'X' (entered at the event id #N). <detail>" */
export const failureCause = (scope: EvalScope, detail: string): string =>
  `An error occurred while executing the state '${scope.stateName}' (entered at the event id #${scope.enteredEventId}). ${detail}`;
