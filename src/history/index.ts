/** @module History events: types and the recorder that numbers them. */
export type { HistoryEvent } from "./event-types.js";
export { PayloadDetails } from "./event-types.js";
export { createHistoryRecorder, type HistoryRecorder } from "./recorder.js";
