/** @module The pure Amazon States Language core: validate, compile once, evaluate state by state. */
export type {
  Plan, StatePlan, StateType, QueryLanguage, Retrier, Catcher, MapPlan, ParallelPlan, TaskPlan, ChoicePlan, ChoiceRulePlan,
  FailPlan, WaitPlan, PassPlan, SucceedPlan, DynamicValue,
} from "./plan.js";
export { compilePlan } from "./compile.js";
export { validateDefinition, formatInvalidDefinition, type Diagnostic } from "./validate/index.js";
export {
  StatesError, StatesFailure, isStatesFailure, matchesErrorEquals, isTerminalError, toAslError, MAX_PAYLOAD_BYTES, dataLimitExceeded, resultTooLarge,
  failureLocation, type AslError,
} from "./errors.js";
export { createVariableFrame, lookupVariable, type EvalScope, type Random, type VariableFrame } from "./scope.js";
export { findRetrier, retryDelayMs } from "./retry.js";
export { findCatcher, applyCatcher, errorOutputOf } from "./catch.js";
export {
  prepareInput, prepareFilteredInput, finishWithResult, finishWithoutResult, evaluateAssign, statesBinding, isPromise,
  type StateExit, type MaybePromise,
} from "./io/state-io.js";
export { applyResultPath } from "./io/jsonpath-io.js";
export { failureCause } from "./io/failure-cause.js";
export { evaluateDynamic } from "./io/dynamic-value.js";
export * from "./states/index.js";
export { buildContextObject } from "./context-object.js";
