import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatInvalidDefinition, validateDefinition } from "./index.js";
import { err, errorsOf, machine, schema, single } from "./test-support.js";

describe("the definition as a whole", () => {
  it("accepts a minimal machine, as text or as a value", () => {
    const def = single({ Type: "Pass" });
    expect(validateDefinition(def)).toEqual([]);
    expect(validateDefinition(JSON.stringify(def))).toEqual([]);
  });

  it("reports text that is not JSON (INVALID_JSON_DESCRIPTION, no location)", () => {
    const [d, ...rest] = validateDefinition('{"StartAt": "A",');
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: "ERROR", code: "INVALID_JSON_DESCRIPTION", location: "" });
  });

  it("reports an empty or null definition (MISSING_DESCRIPTION)", () => {
    for (const input of ["", "   ", "null", null, undefined]) {
      expect(errorsOf(input).map((d) => d.code)).toEqual(["MISSING_DESCRIPTION"]);
    }
  });

  it("wants a JSON object", () => {
    for (const input of [5, "5", [], "[]", true, '"text"']) {
      expect(errorsOf(input)).toEqual([schema("Expected value of type [OBJECT]", "/")]);
    }
  });

  it("refuses a value that is not JSON (a cycle) instead of looping", () => {
    const def: Record<string, unknown> = single({ Type: "Pass" });
    def.self = def;
    expect(errorsOf(def).map((d) => d.code)).toEqual(["INVALID_JSON_DESCRIPTION"]);
  });
});

describe("top-level fields", () => {
  it("requires StartAt and States", () => {
    expect(errorsOf({})).toEqual([schema("These fields are required: [StartAt, States]", "/")]);
  });

  it("rejects unknown fields at the root", () => {
    expect(errorsOf({ ...single({ Type: "Pass" }), Coment: "typo" })).toEqual([schema("Field 'Coment' is not supported", "/")]);
  });

  it("checks Comment, Version and TimeoutSeconds", () => {
    const def = single({ Type: "Pass" }, { Comment: 1, Version: "2.0", TimeoutSeconds: 0 });
    expect(errorsOf(def)).toEqual([
      schema("Expected value of type [STRING]", "/Comment"),
      schema("Value should be one of the following: [1.0]", "/Version"),
      schema("Minimum value is 1", "/TimeoutSeconds"),
    ]);
    expect(errorsOf(single({ Type: "Pass" }, { Version: "1.0", TimeoutSeconds: 3600 }))).toEqual([]);
    expect(errorsOf(single({ Type: "Pass" }, { TimeoutSeconds: 1.5 }))).toEqual([schema("Expected value of type [INTEGER]", "/TimeoutSeconds")]);
  });

  it("wants States to be a non-empty object", () => {
    expect(errorsOf({ StartAt: "A", States: {} })).toEqual([schema("Value cannot be empty", "/States")]);
    expect(errorsOf({ StartAt: "A", States: [] })).toEqual([schema("Expected value of type [OBJECT]", "/States")]);
  });
});

describe("state names", () => {
  it("refuses names longer than 80 characters (INVALID_STATE_NAME)", () => {
    const name = "n".repeat(81);
    expect(errorsOf(machine({ [name]: { Type: "Succeed" } }))).toEqual([
      err("INVALID_STATE_NAME", `State names must be 1 to 80 characters long: "${name}"`, `/States/${name}`),
    ]);
    expect(errorsOf(machine({ ["n".repeat(80)]: { Type: "Succeed" } }))).toEqual([]);
  });

  it("refuses a name used twice in the whole machine, also across scopes (DUPLICATE_STATE_NAME)", () => {
    const def = machine({
      P: { Type: "Parallel", Branches: [{ StartAt: "P", States: { P: { Type: "Succeed" } } }], End: true },
    });
    expect(errorsOf(def)).toEqual([err("DUPLICATE_STATE_NAME", "Duplicate State name: P", "/States/P/Branches[0]/States/P")]);
  });

  it("finds a name repeated in one States object of the definition text", () => {
    const text = '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true},"A":{"Type":"Succeed"}}}';
    expect(errorsOf(text)).toEqual([err("DUPLICATE_STATE_NAME", "Duplicate State name: A", "/States/A")]);
    // Repeated keys elsewhere are not state names.
    expect(errorsOf('{"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"k":1,"k":2},"End":true}}}')).toEqual([]);
  });
});

describe("formatInvalidDefinition", () => {
  it("words the InvalidDefinition message as AWS does, one code per diagnostic", () => {
    const def = machine({ A: { Type: "Pass", Next: "B", Foo: 1 } });
    expect(formatInvalidDefinition(validateDefinition(def))).toBe(
      "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Field 'Foo' is not supported at /States/A, " +
        "MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next, " +
        "MISSING_END_STATE: Workflow has no terminal state at null'",
    );
  });

  it("leaves warnings out", () => {
    const def = single({ Type: "Pass", Result: { "x.$": "$.a" } });
    const diagnostics = validateDefinition(def);
    expect(diagnostics.map((d) => d.code)).toEqual(["PASS_RESULT_IS_STATIC"]);
    expect(formatInvalidDefinition([...diagnostics, err("MISSING_END_STATE", "Workflow has no terminal state", "")])).toBe(
      "Invalid State Machine Definition: 'MISSING_END_STATE: Workflow has no terminal state at null'",
    );
  });
});

describe("defensiveness", () => {
  it("never throws and never reports an internal failure, whatever the input", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const ds = validateDefinition(value);
        expect(ds.some((d) => d.message.startsWith("The definition could not be validated"))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("never reports an internal failure for machine-shaped random definitions", () => {
    const names = ["A", "B", "C"];
    const anyValue = fc.jsonValue({ maxDepth: 2 });
    const state = fc.record(
      {
        Type: fc.constantFrom("Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map", "Nope"),
        Next: fc.constantFrom(...names, "Z"),
        End: fc.boolean(),
        QueryLanguage: fc.constantFrom("JSONPath", "JSONata", "x"),
        Resource: fc.constantFrom("arn:aws:states:::lambda:invoke", "x"),
        Choices: fc.array(fc.record({ Variable: fc.constantFrom("$.x", "x"), IsPresent: fc.boolean(), Condition: fc.constantFrom("{% true %}", "{% ( %}"), Next: fc.constantFrom(...names) }, { requiredKeys: [] }), { maxLength: 3 }),
        Output: anyValue,
        Parameters: anyValue,
        Assign: anyValue,
        Retry: anyValue,
        Catch: fc.array(fc.record({ ErrorEquals: fc.array(fc.constantFrom("States.ALL", "E")), Next: fc.constantFrom(...names) }, { requiredKeys: [] }), { maxLength: 3 }),
        Branches: fc.array(fc.record({ StartAt: fc.constant("A"), States: fc.dictionary(fc.constantFrom(...names), fc.record({ Type: fc.constant("Succeed") })) }), { maxLength: 2 }),
        ItemProcessor: anyValue,
        Seconds: anyValue,
      },
      { requiredKeys: ["Type"] },
    );
    const definition = fc.record(
      { StartAt: fc.constantFrom(...names), States: fc.dictionary(fc.constantFrom(...names), state), QueryLanguage: fc.constantFrom("JSONPath", "JSONata") },
      { requiredKeys: ["StartAt", "States"] },
    );
    fc.assert(
      fc.property(definition, (def) => {
        const ds = validateDefinition(def);
        expect(ds.some((d) => d.message.startsWith("The definition could not be validated"))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("accepts any chain of well-formed states", () => {
    const step = fc.oneof(
      fc.constant({ Type: "Pass" }),
      fc.record({ Type: fc.constant("Wait"), Seconds: fc.nat(1000) }),
      fc.record({ Type: fc.constant("Pass"), Result: fc.jsonValue({ maxDepth: 2 }), ResultPath: fc.constantFrom("$.r", null) }),
      fc.record({ Type: fc.constant("Task"), Resource: fc.constant("arn:aws:states:::lambda:invoke"), TimeoutSeconds: fc.integer({ min: 2, max: 1000 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), (steps) => {
        const states: Record<string, unknown> = {};
        steps.forEach((s, i) => (states[`S${i}`] = { ...s, ...(i === steps.length - 1 ? { End: true } : { Next: `S${i + 1}` }) }));
        expect(validateDefinition({ StartAt: "S0", States: states }).filter((d) => d.severity === "ERROR")).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("survives garbage in every field of every state type", () => {
    const garbage = [null, 0, -1, 1.5, "", "$..[", "{% %}", [], [null], {}, { "a.$": 1 }, true];
    const fields = ["Type", "Next", "End", "Resource", "Choices", "Default", "Branches", "ItemProcessor", "Iterator", "Retry", "Catch", "Parameters", "ResultPath", "InputPath", "Seconds", "Timestamp", "Assign", "Output", "Arguments", "QueryLanguage", "ItemBatcher", "MaxConcurrency", "Credentials", "Items"];
    for (const type of ["Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"]) {
      for (const field of fields) {
        for (const g of garbage) {
          for (const lang of ["JSONPath", "JSONata"]) {
            const ds = validateDefinition(machine({ S: { Type: type, End: true, [field]: g } }, { QueryLanguage: lang }));
            expect(ds.some((d) => d.message.startsWith("The definition could not be validated"))).toBe(false);
          }
        }
      }
    }
  });

  it("bounds the nesting of machines and payloads", () => {
    let inner: Record<string, unknown> = { StartAt: "X", States: { X: { Type: "Succeed" } } };
    for (let i = 0; i < 300; i++) {
      inner = { StartAt: `P${i}`, States: { [`P${i}`]: { Type: "Parallel", Branches: [inner], End: true } } };
    }
    expect(errorsOf(inner).map((d) => d.message)).toContain("The states are nested more than 100 levels deep");
    const depth = 50_000;
    const payload = '{"a":'.repeat(depth) + '{"deep.$":"$.x"}' + "}".repeat(depth);
    const text = `{"StartAt":"S","States":{"S":{"Type":"Pass","End":true,"Parameters":${payload}}}}`;
    expect(errorsOf(text)).toEqual([]);
    const bad = text.replace('"$.x"', '"$..["');
    expect(errorsOf(bad).map((d) => d.location.endsWith("/a/deep.$"))).toEqual([true]);
  });
});
