import { describe, it, expect } from "vitest";
import type { JsonValue } from "../../shared/json.js";
import { isStatesFailure } from "../errors.js";
import type { EvalScope } from "../scope.js";
import { compileTemplate } from "./index.js";
import { javaRandomDouble } from "./java-random.js";

const NOW = Date.UTC(2024, 0, 2, 3, 4, 5, 678);

function scope(): EvalScope {
  let n = 0;
  return {
    context: {},
    variables: undefined,
    random: { uuid: () => `uuid-${++n}`, float: () => 0.125 * ++n },
    now: NOW,
    stateName: "State_0",
    enteredEventId: 2,
  };
}

const run = (expr: string, input: JsonValue = {}, s = scope()) =>
  compileTemplate(`{% ${expr} %}`).evaluate({ input, context: {} }, s, "Output");

/** The cause the expression fails with. */
async function causeOf(expr: string, input: JsonValue = {}): Promise<string> {
  try {
    await run(expr, input);
  } catch (e) {
    if (isStatesFailure(e)) return e.cause ?? "";
    throw e;
  }
  throw new Error(`${expr} did not fail`);
}

const PREFIX = "An error occurred while executing the state 'State_0' (entered at the event id #2). ";

describe("$partition", () => {
  it("chunks an array (AWS docs and test_array_partition recordings)", async () => {
    expect(await run("$partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)")).toEqual([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    expect(await run("$partition([1,2,3,4], $states.input.chunkSize)", { chunkSize: 2 })).toEqual([[1, 2], [3, 4]]);
    const recorded: [JsonValue[], number, JsonValue][] = [
      [[0], 1, [[0]]], [[0], 4, [[0]]], [[0, 1], 1, [[0], [1]]], [[0, 1], 5, [[0, 1]]],
      [[0, 1, 2], 2, [[0, 1], [2]]], [[0, 1, 2, 3], 3, [[0, 1, 2], [3]]], [[0, 1, 2, 3], 4, [[0, 1, 2, 3]]],
    ];
    for (const [fst, snd, expected] of recorded) {
      expect(await run("$partition($states.input.fst, $states.input.snd)", { fst, snd })).toEqual(expected);
    }
  });

  it("rounds the size towards zero and refuses a negative one", async () => {
    expect(await run("$partition([1,2,3], 2.9)")).toEqual([[1, 2], [3]]);
    expect(await causeOf("$partition([1,2,3], -2)")).toBe(
      `${PREFIX}The JSONata expression '$partition([1,2,3], -2)' specified for the field 'Output' threw an error during evaluation. D3137: Second argument must be zero or greater`,
    );
    expect(await causeOf("$partition([1], 'a')")).toContain(`T0410: Argument 2 of function "partition" does not match function signature`);
    expect(await causeOf("$partition([1], 1, 2)")).toContain(`T0410: Argument 3 of function "partition" does not match function signature`);
  });
});

describe("$range", () => {
  it("includes the end when the step lands on it (test_array_range recordings)", async () => {
    expect(await run("$range(0, 9, 3)")).toEqual([0, 3, 6, 9]);
    expect(await run("$range(0, 10, 3)")).toEqual([0, 3, 6, 9]);
    expect(await run("$range(0, 10, 2)")).toEqual([0, 2, 4, 6, 8, 10]);
    expect(await run("$range(10, 0, -5)")).toEqual([10, 5, 0]);
  });

  it("answers a one-element range with the element (recorded: $range(1, 9, 9) is 1)", async () => {
    expect(await run("$range(1, 9, 9)")).toBe(1);
  });

  it("returns nothing for a step of zero or the wrong sign", async () => {
    expect(await causeOf("$range(1, 5, 0)")).toContain("returned nothing (undefined).");
    expect(await causeOf("$range(5, 1, 1)")).toContain("returned nothing (undefined).");
  });

  it("refuses ranges past AWS's memory limit", async () => {
    expect(await causeOf("$range(1, 360146, 1)")).toBe(
      `${PREFIX}The JSONata expression '$range(1, 360146, 1)' specified for the field 'Output' threw an error during evaluation: Expression evaluation memory limit exceeded: Check for excessive memory usage`,
    );
  });
});

describe("$hash", () => {
  it("hex-digests with the five algorithms", async () => {
    expect(await run("$hash('input', 'SHA-1')")).toBe("140f86aae51ab9e1cda9b4254fe98a74eb54c1a1");
    // States.Hash's documented example, same data and algorithm.
    expect(await run("$hash($states.input.Data, 'SHA-1')", { Data: "input data" })).toBe("aaff4a450a104cd177d28d18d74485e8cae074b7");
    expect(await run("$hash('', 'MD5')")).toBe("d41d8cd98f00b204e9800998ecf8427e");
    expect(await run("$hash('abc', 'SHA-256')")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(((await run("$hash('abc', 'SHA-384')")) as string).length).toBe(96);
    expect(((await run("$hash('abc', 'SHA-512')")) as string).length).toBe(128);
  });

  it("refuses other algorithm names (case-sensitive) and non-string data", async () => {
    expect(await causeOf("$hash('a', 'sha-1')")).toContain(
      "threw an error during evaluation. D3137: Hash algorithm 'sha-1' must be one of SHA-1, SHA-384, SHA-256, SHA-512, MD5",
    );
    expect(await causeOf("$hash(1, 'MD5')")).toContain(`T0410: Argument 1 of function "hash" does not match function signature`);
  });
});

describe("$random, $uuid", () => {
  it("draws from the scope without a seed", async () => {
    const s = scope();
    expect(await run("[$random(), $random()]", {}, s)).toEqual([0.125, 0.25]);
    expect(await run("$uuid()", {}, s)).toBe("uuid-3");
  });

  it("is java.util.Random with a seed: $random(42) is 0.7275636800328681 on AWS", async () => {
    expect(await run("$random(42)")).toBe(0.7275636800328681);
    expect(await run("$random(42.9)")).toBe(0.7275636800328681);
    expect(javaRandomDouble(0)).toBe(0.730967787376657); // new Random(0).nextDouble()
    expect(javaRandomDouble(-1)).toBe(await run("$random(-1)"));
  });

  it("checks arity and types", async () => {
    expect(await causeOf("$uuid(1)")).toContain(`T0410: Argument 1 of function "uuid" does not match function signature`);
    expect(await causeOf("$random('x')")).toContain(`T0410: Argument 1 of function "random" does not match function signature`);
  });
});

describe("$parse", () => {
  it("reads JSON text (test_parse recordings)", async () => {
    const cases: [string, JsonValue][] = [
      ["-0", 0], ["1", 1], ["1.1", 1.1], ['"HelloWorld"', "HelloWorld"], ['{"Arg1": 1, "Arg2": []}', { Arg1: 1, Arg2: [] }], ["[1]", [1]],
    ];
    for (const [text, expected] of cases) expect(await run("$parse($states.input.FunctionInput)", { FunctionInput: text })).toEqual(expected);
  });

  it("refuses text that is not JSON", async () => {
    expect(await causeOf("$parse('{')")).toContain("threw an error during evaluation. D3137: Invalid JSON");
    expect(await causeOf("$parse('')")).toContain("D3137: Invalid JSON");
  });
});

describe("$now, $millis", () => {
  it("use the scope's clock, not the machine's", async () => {
    expect(await run("$now()")).toBe("2024-01-02T03:04:05.678Z");
    expect(await run("$millis()")).toBe(NOW);
    expect(await run("$now('[Y0001]-[M01]-[D01]')")).toBe("2024-01-02");
    expect(await run("$now('[H01]:[m01]', '+0200')")).toBe("05:04");
  });
});

describe("$eval is not available", () => {
  it("fails as calling a non-function, as AWS does (T1006)", async () => {
    expect(await causeOf("$eval('1+1')")).toBe(
      `${PREFIX}The JSONata expression '$eval('1+1')' specified for the field 'Output' threw an error during evaluation. T1006: Attempted to invoke a non-function`,
    );
    expect(await run("$exists($eval)")).toBe(false);
  });

  it("leaves a function the expression binds to $eval itself alone", async () => {
    expect(await run("($eval := function($x){ $x + 1 }; $eval(1))")).toBe(2);
  });
});
