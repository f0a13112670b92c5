/** @module Per-state semantics that need more than the shared input/output phases. */
export { resolveWaitUntil } from "./wait.js";
export { resolveFailure } from "./fail.js";
export { chooseRule, finishChoice } from "./choice.js";
export {
  resolveItems, selectItemInput, resolveMaxConcurrency, resolveToleratedFailure, exceedsTolerance, batchItems,
  type ToleratedFailure,
} from "./map.js";
export { parseOffsetDateTime } from "./timestamp.js";
export { resolveSeconds } from "./task.js";
