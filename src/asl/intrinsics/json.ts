/** @module JSON intrinsics: States.StringToJson, States.JsonToString, States.JsonMerge. */
import type { JsonValue } from "../../shared/json.js";
import { invalidArguments } from "./failure.js";
import { expectObject, expectString, type IntrinsicFunction } from "./function.js";

const BLANK = /^[ \t\n\r]*$/;

/** Parses JSON text. Recorded on AWS: an empty or blank string gives null, `"-0"` gives 0. */
export const StringToJson: IntrinsicFunction = {
  name: "States.StringToJson",
  minArgs: 1,
  maxArgs: 1,
  apply(args, scope, call) {
    const text = expectString(args[0]!, scope, call);
    if (BLANK.test(text)) return null;
    let parsed: JsonValue;
    try {
      parsed = JSON.parse(text) as JsonValue;
    } catch {
      throw invalidArguments(scope, call);
    }
    return parsed === 0 ? 0 : parsed;
  },
};

/** Compact JSON text of any value. */
export const JsonToString: IntrinsicFunction = {
  name: "States.JsonToString",
  minArgs: 1,
  maxArgs: 1,
  apply: (args) => JSON.stringify(args[0]!),
};

/**
 * Shallow merge: keys of the second object replace those of the first.
 * "Currently, Step Functions only supports the shallow merging mode; therefore, you must specify
 * the boolean value as false." https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
 */
export const JsonMerge: IntrinsicFunction = {
  name: "States.JsonMerge",
  minArgs: 3,
  maxArgs: 3,
  apply(args, scope, call) {
    const left = expectObject(args[0]!, scope, call);
    const right = expectObject(args[1]!, scope, call);
    if (args[2] !== false) throw invalidArguments(scope, call);
    // Spread defines own properties, so a "__proto__" key stays data.
    return { ...left, ...right };
  },
};
