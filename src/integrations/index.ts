/** @module How Task resources are carried out by other services (Lambda first). */
export { lambdaTaskOf, runLambdaTask, type LambdaTask } from "./lambda-task.js";
export { LambdaServiceError, type InvokeFunction, type LambdaInvocation, type LambdaResponse } from "./lambda-types.js";
