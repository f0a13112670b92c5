/** @module History events: types and the recorder that numbers them. */
export type { HistoryEvent } from "./event-types.js";
export { PayloadDetails, type PayloadEncoder } from "./event-types.js";
export { createHistoryRecorder, type HistoryRecorder } from "./recorder.js";
export { enteredDetails, exitedDetails, errorDetails, evaluationFailedDetails } from "./event-details.js";
export { describeResource, type ResourceKind } from "./resource-kind.js";
export { stateEnteredType, stateExitedType } from "./state-event-types.js";
export { scheduledDetails, startedDetails, succeededDetails, failedDetails } from "./task-event-details.js";
