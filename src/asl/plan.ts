/** @module The compiled plan: read-only tagged unions built once from a definition, evaluated many times. */
import type { JsonObject, JsonValue } from "../shared/json.js";
import type { CompiledPath, CompiledReferencePath } from "./jsonpath/index.js";
import type { CompiledTemplate } from "./jsonata/index.js";
import type { ChoicePredicate } from "./choice/index.js";
import type { CompiledIntrinsic } from "./intrinsics/index.js";
import type { PayloadTemplate } from "./io/payload-template.js";

export const StateType = {
  Pass: "Pass",
  Task: "Task",
  Choice: "Choice",
  Wait: "Wait",
  Succeed: "Succeed",
  Fail: "Fail",
  Parallel: "Parallel",
  Map: "Map",
} as const;
export type StateType = (typeof StateType)[keyof typeof StateType];

export const QueryLanguage = { JSONPath: "JSONPath", JSONata: "JSONata" } as const;
export type QueryLanguage = (typeof QueryLanguage)[keyof typeof QueryLanguage];

/** A value that is either fixed in the definition, read from a path (JSONPath) or an expression (JSONata). */
export type DynamicValue =
  | { readonly kind: "fixed"; readonly value: JsonValue }
  | { readonly kind: "path"; readonly path: CompiledPath; readonly field: string }
  | { readonly kind: "intrinsic"; readonly call: CompiledIntrinsic; readonly field: string }
  | { readonly kind: "jsonata"; readonly template: CompiledTemplate; readonly field: string };

/** Assign: JSONPath payload templates or a JSONata template; evaluated against the old variables. */
export type CompiledAssign =
  | { readonly kind: "jsonpath"; readonly template: PayloadTemplate }
  | { readonly kind: "jsonata"; readonly template: CompiledTemplate };

/** JSONPath input/output processing fields; `null` paths mean "discard" (`{}` / keep input). */
export interface JsonPathIo {
  readonly inputPath: CompiledPath | null | undefined;
  readonly parameters: PayloadTemplate | undefined;
  readonly resultSelector: PayloadTemplate | undefined;
  readonly resultPath: CompiledReferencePath | null | undefined;
  readonly outputPath: CompiledPath | null | undefined;
}

export interface JsonataIo {
  readonly arguments: CompiledTemplate | undefined;
  readonly output: CompiledTemplate | undefined;
}

export interface Retrier {
  readonly errorEquals: readonly string[];
  readonly intervalSeconds: number;
  readonly maxAttempts: number;
  readonly backoffRate: number;
  readonly maxDelaySeconds: number | undefined;
  readonly jitterStrategy: "FULL" | "NONE";
}

export interface Catcher {
  readonly errorEquals: readonly string[];
  readonly next: string;
  readonly resultPath: CompiledReferencePath | null | undefined;
  readonly output: CompiledTemplate | undefined;
  readonly assign: CompiledAssign | undefined;
}

interface StateCommon {
  readonly name: string;
  readonly queryLanguage: QueryLanguage;
  /** Undefined when the state ends its branch (End: true, Succeed, Fail). */
  readonly next: string | undefined;
  readonly assign: CompiledAssign | undefined;
  readonly jsonPath: JsonPathIo;
  readonly jsonata: JsonataIo;
}

export interface PassPlan extends StateCommon {
  readonly type: "Pass";
  readonly result: JsonValue | undefined;
  /** Size of Result in bytes (AWS fails a Pass whose Result exceeds the payload limit). */
  readonly resultBytes: number;
}

export interface TaskPlan extends StateCommon {
  readonly type: "Task";
  readonly resource: string;
  readonly timeoutSeconds: DynamicValue | undefined;
  readonly heartbeatSeconds: DynamicValue | undefined;
  readonly credentials: JsonValue | undefined;
  readonly retry: readonly Retrier[];
  readonly catch: readonly Catcher[];
}

export interface ChoiceRulePlan {
  readonly next: string;
  /** JSONPath rules compile to a predicate; JSONata rules to a Condition template. */
  readonly predicate: ChoicePredicate | undefined;
  readonly condition: CompiledTemplate | undefined;
  readonly assign: CompiledAssign | undefined;
  readonly output: CompiledTemplate | undefined;
}

export interface ChoicePlan extends StateCommon {
  readonly type: "Choice";
  readonly choices: readonly ChoiceRulePlan[];
  readonly default: string | undefined;
}

export interface WaitPlan extends StateCommon {
  readonly type: "Wait";
  readonly seconds: DynamicValue | undefined;
  readonly timestamp: DynamicValue | undefined;
}

export interface SucceedPlan extends StateCommon {
  readonly type: "Succeed";
}

export interface FailPlan extends StateCommon {
  readonly type: "Fail";
  readonly error: DynamicValue | undefined;
  readonly cause: DynamicValue | undefined;
}

export interface ParallelPlan extends StateCommon {
  readonly type: "Parallel";
  readonly branches: readonly Plan[];
  readonly retry: readonly Retrier[];
  readonly catch: readonly Catcher[];
}

export interface ItemBatcherPlan {
  readonly maxItemsPerBatch: DynamicValue | undefined;
  readonly maxInputBytesPerBatch: DynamicValue | undefined;
  readonly batchInput: PayloadTemplate | CompiledTemplate | undefined;
}

export interface MapPlan extends StateCommon {
  readonly type: "Map";
  readonly processor: Plan;
  readonly mode: "INLINE" | "DISTRIBUTED";
  readonly executionType: "STANDARD" | "EXPRESS" | undefined;
  readonly label: string | undefined;
  readonly itemsPath: CompiledPath | undefined;
  /** JSONata `Items` (an array or an expression). */
  readonly items: CompiledTemplate | undefined;
  readonly itemSelector: PayloadTemplate | CompiledTemplate | undefined;
  readonly itemBatcher: ItemBatcherPlan | undefined;
  readonly maxConcurrency: DynamicValue | undefined;
  readonly toleratedFailureCount: DynamicValue | undefined;
  readonly toleratedFailurePercentage: DynamicValue | undefined;
  readonly retry: readonly Retrier[];
  readonly catch: readonly Catcher[];
}

export type StatePlan = PassPlan | TaskPlan | ChoicePlan | WaitPlan | SucceedPlan | FailPlan | ParallelPlan | MapPlan;

/** A state machine or a branch / item processor: the states of one scope. */
export interface Plan {
  readonly startAt: string;
  readonly states: ReadonlyMap<string, StatePlan>;
  readonly timeoutSeconds: number | undefined;
  readonly queryLanguage: QueryLanguage;
  /** The definition this plan was compiled from (for the context object and history). */
  readonly source: JsonObject;
}
