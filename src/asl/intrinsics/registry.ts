/** @module Every intrinsic function by its full name. */
import { ArrayContains, ArrayGetItem, ArrayLength, ArrayOf, ArrayPartition, ArrayRange, ArrayUnique } from "./array.js";
import { Base64Decode, Base64Encode } from "./encoding.js";
import type { IntrinsicFunction } from "./function.js";
import { Hash } from "./hash.js";
import { JsonMerge, JsonToString, StringToJson } from "./json.js";
import { MathAdd, MathRandom } from "./math.js";
import { Format, StringSplit } from "./string.js";
import { UUID } from "./uuid.js";

const ALL: readonly IntrinsicFunction[] = [
  Format, StringToJson, JsonToString, ArrayOf, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem,
  ArrayLength, ArrayUnique, Base64Encode, Base64Decode, Hash, JsonMerge, MathRandom, MathAdd, StringSplit, UUID,
];

export const INTRINSIC_FUNCTIONS: ReadonlyMap<string, IntrinsicFunction> = new Map(ALL.map((f) => [f.name, f]));
