/** @module Which fields each state type accepts, per query language (AWS rejects every other field). */

export const QueryLanguage = { JSONPath: "JSONPath", JSONata: "JSONata" } as const;
export type QueryLanguage = (typeof QueryLanguage)[keyof typeof QueryLanguage];
export const QUERY_LANGUAGES: readonly string[] = [QueryLanguage.JSONPath, QueryLanguage.JSONata];

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
export const STATE_TYPES: readonly string[] = Object.values(StateType);

export const COMMON_FIELDS: ReadonlySet<string> = new Set(["Type", "Comment", "QueryLanguage"]);

const fields = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));

const TRANSITION = "Next End";
const IO_JSONPATH = "InputPath OutputPath";
const ERRORS = "Retry Catch";
const MAP_COMMON =
  "ItemProcessor Iterator ItemReader ItemBatcher ResultWriter ItemSelector MaxConcurrency ToleratedFailureCount ToleratedFailurePercentage Label";

/**
 * Fields per state type and language, from the ASL reference pages and the JSONata field table
 * (https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html): JSONata states
 * replace InputPath/Parameters/ResultSelector/ResultPath/OutputPath by Arguments and Output, and
 * take `{% %}` expressions instead of the `...Path` fields.
 */
export const STATE_FIELDS: Readonly<Record<StateType, Readonly<Record<QueryLanguage, ReadonlySet<string>>>>> = {
  Pass: {
    JSONPath: fields(`${TRANSITION} ${IO_JSONPATH} Parameters ResultPath Result Assign`),
    JSONata: fields(`${TRANSITION} Output Assign`),
  },
  Task: {
    JSONPath: fields(
      `${TRANSITION} ${IO_JSONPATH} Resource Parameters ResultPath ResultSelector ${ERRORS} TimeoutSeconds TimeoutSecondsPath HeartbeatSeconds HeartbeatSecondsPath Credentials Assign`,
    ),
    JSONata: fields(`${TRANSITION} Resource Arguments Output ${ERRORS} TimeoutSeconds HeartbeatSeconds Credentials Assign`),
  },
  Choice: {
    JSONPath: fields(`Choices Default ${IO_JSONPATH} Assign`),
    JSONata: fields("Choices Default Output Assign"),
  },
  Wait: {
    JSONPath: fields(`${TRANSITION} ${IO_JSONPATH} Seconds SecondsPath Timestamp TimestampPath Assign`),
    JSONata: fields(`${TRANSITION} Seconds Timestamp Output Assign`),
  },
  Succeed: {
    JSONPath: fields(IO_JSONPATH),
    JSONata: fields("Output"),
  },
  Fail: {
    JSONPath: fields("Error ErrorPath Cause CausePath"),
    JSONata: fields("Error Cause"),
  },
  Parallel: {
    JSONPath: fields(`${TRANSITION} ${IO_JSONPATH} Branches Parameters ResultPath ResultSelector ${ERRORS} Assign`),
    JSONata: fields(`${TRANSITION} Branches Arguments Output ${ERRORS} Assign`),
  },
  Map: {
    JSONPath: fields(
      `${TRANSITION} ${IO_JSONPATH} ${MAP_COMMON} ItemsPath Parameters MaxConcurrencyPath ToleratedFailureCountPath ToleratedFailurePercentagePath ResultPath ResultSelector ${ERRORS} Assign`,
    ),
    JSONata: fields(`${TRANSITION} ${MAP_COMMON} Items Output ${ERRORS} Assign`),
  },
};

/** States that move on with Next or End (the others end the branch or branch out with Choices). */
export const hasTransition = (type: StateType): boolean =>
  type !== StateType.Choice && type !== StateType.Succeed && type !== StateType.Fail;

export const otherLanguage = (lang: QueryLanguage): QueryLanguage =>
  lang === QueryLanguage.JSONPath ? QueryLanguage.JSONata : QueryLanguage.JSONPath;
