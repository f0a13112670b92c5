import { describe, expect, it } from "vitest";
import { errorsOf, schema, single } from "./test-support.js";

const PROCESSOR = { StartAt: "P", States: { P: { Type: "Pass", End: true } } };
const map = (extra: Record<string, unknown>, top: Record<string, unknown> = {}) => single({ Type: "Map", ItemProcessor: PROCESSOR, ...extra }, top);
const JSONATA = { QueryLanguage: "JSONata" };

describe("the item processor", () => {
  it("is required, as ItemProcessor or the deprecated Iterator, not both", () => {
    expect(errorsOf(single({ Type: "Map" }))).toEqual([schema("These fields are required: [ItemProcessor]", "/States/S")]);
    expect(errorsOf(single({ Type: "Map", Iterator: PROCESSOR }))).toEqual([]);
    expect(errorsOf(map({ Iterator: { StartAt: "Q", States: { Q: { Type: "Succeed" } } } }))).toEqual([
      schema("There should only be one of the following fields: [ItemProcessor, Iterator]", "/States/S"),
    ]);
  });

  it("is validated as a sub-machine", () => {
    expect(errorsOf(single({ Type: "Map", ItemProcessor: { StartAt: "P" } }))).toEqual([
      schema("These fields are required: [States]", "/States/S/ItemProcessor"),
    ]);
    expect(errorsOf(single({ Type: "Map", ItemProcessor: { ...PROCESSOR, Extra: 1 } }))).toEqual([
      schema("Field 'Extra' is not supported", "/States/S/ItemProcessor"),
    ]);
  });

  it("checks ProcessorConfig", () => {
    const config = (c: unknown) => single({ Type: "Map", ItemProcessor: { ...PROCESSOR, ProcessorConfig: c } });
    expect(errorsOf(config({ Mode: "INLINE" }))).toEqual([]);
    expect(errorsOf(config({ Mode: "DISTRIBUTED", ExecutionType: "EXPRESS" }))).toEqual([]);
    expect(errorsOf(config({ Mode: "DISTRIBUTED" }))).toEqual([schema("These fields are required: [ExecutionType]", "/States/S/ItemProcessor/ProcessorConfig")]);
    expect(errorsOf(config({ Mode: "LOCAL", ExecutionType: "FAST", Other: 1 }))).toEqual([
      schema("Field 'Other' is not supported", "/States/S/ItemProcessor/ProcessorConfig"),
      schema("Value should be one of the following: [INLINE, DISTRIBUTED]", "/States/S/ItemProcessor/ProcessorConfig/Mode"),
      schema("Value should be one of the following: [STANDARD, EXPRESS]", "/States/S/ItemProcessor/ProcessorConfig/ExecutionType"),
    ]);
  });
});

describe("items", () => {
  it("reads ItemsPath (context paths allowed) in JSONPath", () => {
    expect(errorsOf(map({ ItemsPath: "$.items" }))).toEqual([]);
    expect(errorsOf(map({ ItemsPath: "$$.Execution.Input.items" }))).toEqual([]);
    expect(errorsOf(map({ ItemsPath: "items" })).map((d) => d.location)).toEqual(["/States/S/ItemsPath"]);
  });

  it("takes Items as an array, an object or an expression in JSONata", () => {
    expect(errorsOf(map({ Items: [1, 2] }, JSONATA))).toEqual([]);
    expect(errorsOf(map({ Items: "{% $states.input.items %}" }, JSONATA))).toEqual([]);
    expect(errorsOf(map({ Items: 3 }, JSONATA))).toEqual([schema("Expected value of type [ARRAY]", "/States/S/Items")]);
  });

  it("checks ItemSelector as a payload template, and not together with the legacy Parameters", () => {
    expect(errorsOf(map({ ItemSelector: { "value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index" } }))).toEqual([]);
    expect(errorsOf(map({ ItemSelector: { "v.$": "Test" } })).map((d) => d.location)).toEqual(["/States/S/ItemSelector/v.$"]);
    expect(errorsOf(map({ ItemSelector: {}, Parameters: {} }))).toEqual([
      schema("There should only be one of the following fields: [ItemSelector, Parameters]", "/States/S"),
    ]);
    expect(errorsOf(map({ ItemSelector: { v: "{% $states.context.Map.Item.Value %}" } }, JSONATA))).toEqual([]);
  });
});

describe("S3 integrations Stepwise does not offer yet", () => {
  it("refuses an ItemReader, clearly", () => {
    const reader = { Resource: "arn:aws:states:::s3:getObject", ReaderConfig: { InputType: "JSON" }, Parameters: { Bucket: "b", Key: "k" } };
    expect(errorsOf(map({ ItemReader: reader }))).toEqual([
      schema("ItemReader (resource 'arn:aws:states:::s3:getObject') is not supported yet by Stepwise: it reads or writes Amazon S3", "/States/S/ItemReader"),
    ]);
  });

  it("refuses a ResultWriter", () => {
    expect(errorsOf(map({ ResultWriter: { Resource: "arn:aws:states:::s3:putObject", Parameters: { Bucket: "b" } } })).map((d) => d.location)).toEqual([
      "/States/S/ResultWriter",
    ]);
  });
});

describe("concurrency and tolerated failures", () => {
  it("takes non-negative integers, huge ones included", () => {
    expect(errorsOf(map({ MaxConcurrency: 0, ToleratedFailureCount: 3, ToleratedFailurePercentage: 12.5 }))).toEqual([]);
    expect(errorsOf(map({ MaxConcurrency: 9223372036854775807 }))).toEqual([]);
  });

  it("refuses out-of-range values (AWS wording)", () => {
    expect(errorsOf(map({ MaxConcurrency: -1 }))).toEqual([schema("Minimum value is 0", "/States/S/MaxConcurrency")]);
    expect(errorsOf(map({ ToleratedFailureCount: -1 }))).toEqual([schema("Minimum value is 0", "/States/S/ToleratedFailureCount")]);
    expect(errorsOf(map({ ToleratedFailurePercentage: -1 }))).toEqual([schema("Minimum value is 0.0", "/States/S/ToleratedFailurePercentage")]);
    expect(errorsOf(map({ ToleratedFailurePercentage: 100.5 }))).toEqual([schema("Maximum value is 100.0", "/States/S/ToleratedFailurePercentage")]);
    expect(errorsOf(map({ MaxConcurrency: 1.5 }))).toEqual([schema("Expected value of type [INTEGER]", "/States/S/MaxConcurrency")]);
  });

  it("refuses a literal with its ...Path, at the literal", () => {
    expect(errorsOf(map({ MaxConcurrency: 2, MaxConcurrencyPath: "$.limit" }))).toEqual([
      schema("There should only be one of the following fields: [MaxConcurrency, MaxConcurrencyPath]", "/States/S/MaxConcurrency"),
    ]);
  });

  it("wants the ...Path fields to be reference paths into the input", () => {
    expect(errorsOf(map({ MaxConcurrencyPath: "$.limit", ToleratedFailureCountPath: "$.n", ToleratedFailurePercentagePath: "$.p" }))).toEqual([]);
    expect(errorsOf(map({ MaxConcurrencyPath: "$.limits[*]" }))).toEqual([schema("Value is not a Reference Path", "/States/S/MaxConcurrencyPath")]);
    expect(errorsOf(map({ ToleratedFailureCountPath: "$$.Execution.Input.n" }))).toEqual([
      schema("Value is not a Reference Path", "/States/S/ToleratedFailureCountPath"),
    ]);
  });

  it("takes expressions in JSONata", () => {
    expect(errorsOf(map({ MaxConcurrency: "{% $states.input.limit %}", ToleratedFailurePercentage: "{% 5 %}" }, JSONATA))).toEqual([]);
  });
});

describe("ItemBatcher", () => {
  it("accepts its fields", () => {
    expect(errorsOf(map({ ItemBatcher: { MaxItemsPerBatch: 10, MaxInputBytesPerBatch: 1024, BatchInput: { "f.$": "$.factor" } } }))).toEqual([]);
    expect(errorsOf(map({ ItemBatcher: { MaxItemsPerBatchPath: "$.n" } }))).toEqual([]);
  });

  it("checks values, exclusive pairs and the language of its fields", () => {
    expect(errorsOf(map({ ItemBatcher: { MaxItemsPerBatch: -1 } }))).toEqual([schema("Minimum value is 0", "/States/S/ItemBatcher/MaxItemsPerBatch")]);
    expect(errorsOf(map({ ItemBatcher: { MaxItemsPerBatch: 1, MaxItemsPerBatchPath: "$.n" } }))).toEqual([
      schema("There should only be one of the following fields: [MaxItemsPerBatch, MaxItemsPerBatchPath]", "/States/S/ItemBatcher/MaxItemsPerBatch"),
    ]);
    expect(errorsOf(map({ ItemBatcher: { MaxItemsPerBatchPath: "$.n" } }, JSONATA))).toEqual([
      schema("The QueryLanguage is set to 'JSONata', but field 'MaxItemsPerBatchPath' is only supported for the 'JSONPath' QueryLanguage", "/States/S/ItemBatcher"),
    ]);
    expect(errorsOf(map({ ItemBatcher: { Size: 1 } }))).toEqual([schema("Field 'Size' is not supported", "/States/S/ItemBatcher")]);
  });
});

describe("Label", () => {
  it("takes up to 40 plain characters", () => {
    expect(errorsOf(map({ Label: "my-map_1" }))).toEqual([]);
    for (const bad of ["has space", "a".repeat(41), "a:b", "a/b", "x$"]) {
      expect(errorsOf(map({ Label: bad })).map((d) => d.location), bad).toEqual(["/States/S/Label"]);
    }
  });
});

describe("Parallel", () => {
  it("requires non-empty Branches, each a sub-machine", () => {
    expect(errorsOf(single({ Type: "Parallel" }))).toEqual([schema("These fields are required: [Branches]", "/States/S")]);
    expect(errorsOf(single({ Type: "Parallel", Branches: [] }))).toEqual([schema("Value cannot be empty", "/States/S/Branches")]);
    expect(errorsOf(single({ Type: "Parallel", Branches: [{ StartAt: "B", States: { B: { Type: "Pasz" } } }] })).map((d) => d.location)).toEqual([
      "/States/S/Branches[0]/States/B/Type",
    ]);
  });
});
