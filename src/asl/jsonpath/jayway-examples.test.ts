import { describe, it, expect } from "vitest";
import type { JsonValue } from "../../shared/json.js";
import { compilePath, compileReferencePath } from "./compile.js";
import { testScope } from "./test-scope.js";

const scope = testScope();
const read = (path: string, input: unknown): unknown => compilePath(path).evaluate(input as JsonValue, scope);

// The store document from Jayway JsonPath's README (https://github.com/json-path/JsonPath).
const store = {
  store: {
    book: [
      { category: "reference", author: "Nigel Rees", title: "Sayings of the Century", price: 8.95 },
      { category: "fiction", author: "Evelyn Waugh", title: "Sword of Honour", price: 12.99 },
      { category: "fiction", author: "Herman Melville", title: "Moby Dick", isbn: "0-553-21311-3", price: 8.99 },
      { category: "fiction", author: "J. R. R. Tolkien", title: "The Lord of the Rings", isbn: "0-395-19395-8", price: 22.99 },
    ],
    bicycle: { color: "red", price: 19.95 },
  },
  expensive: 10,
};
const books = store.store.book;
const authors = books.map((b) => b.author);

describe("Jayway README examples", () => {
  it("selects authors, prices and books", () => {
    expect(read("$.store.book[*].author", store)).toEqual(authors);
    expect(read("$..author", store)).toEqual(authors);
    expect(read("$.store.*", store)).toEqual([books, store.store.bicycle]);
    expect(read("$.store..price", store)).toEqual([8.95, 12.99, 8.99, 22.99, 19.95]);
    expect(read("$..book[2]", store)).toEqual([books[2]]);
    expect(read("$..book[-2]", store)).toEqual([books[2]]);
    expect(read("$..book[0,1]", store)).toEqual([books[0], books[1]]);
    expect(read("$..book[:2]", store)).toEqual([books[0], books[1]]);
    expect(read("$..book[1:2]", store)).toEqual([books[1]]);
    expect(read("$..book[-2:]", store)).toEqual([books[2], books[3]]);
    expect(read("$..book[2:]", store)).toEqual([books[2], books[3]]);
    expect(read("$..book[?(@.isbn)]", store)).toEqual([books[2], books[3]]);
    expect(read("$.store.book[?(@.price < 10)]", store)).toEqual([books[0], books[2]]);
    expect(read("$..book[?(@.price <= $['expensive'])]", store)).toEqual([books[0], books[2]]);
    expect(read("$..book[?(@.author =~ /.*REES/i)]", store)).toEqual([books[0]]);
    // 2 root values + book and bicycle + 4 books + 18 book fields + 2 bicycle fields, parents first.
    const all = read("$..*", store) as JsonValue[];
    expect(all.length).toBe(28);
    expect(all.slice(0, 4)).toEqual([store.store, 10, books, store.store.bicycle]);
  });
});

describe("AWS Step Functions documentation examples", () => {
  // https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html
  it("reference paths on the Paths page", () => {
    const input = { foo: 123, bar: ["a", "b", "c"], car: { cdr: true } };
    expect(read("$.foo", input)).toBe(123);
    expect(read("$.bar", input)).toEqual(["a", "b", "c"]);
    expect(read("$.car.cdr", input)).toBe(true);
  });
  // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html
  it("InputPath selects a dataset; a slice yields a list", () => {
    const input = {
      comment: "Example for InputPath.",
      dataset1: { val1: 1, val2: 2, val3: 3 },
      dataset2: { val1: "a", val2: "b", val3: "c" },
    };
    expect(read("$.dataset2", input)).toEqual({ val1: "a", val2: "b", val3: "c" });
    expect(read("$.a[0:2]", { a: [1, 2, 3, 4] })).toEqual([1, 2]);
  });
  it("Parameters select values from the input", () => {
    const input = {
      comment: "Example for Parameters.",
      product: { details: { color: "blue", size: "small", material: "cotton" }, availability: "in stock", sku: "2317", cost: "$23" },
    };
    expect(read("$.product.details.size", input)).toBe("small");
    expect(read("$.product.availability", input)).toBe("in stock");
  });
  // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html
  it("ResultPath examples", () => {
    const input = { comment: "This is a test", details: "Default example", who: "Step Functions" };
    const result = "Hello, Step Functions!";
    expect(compileReferencePath("$").assign(input, result)).toBe(result);
    expect(compileReferencePath("$.taskresult").assign(input, result)).toEqual({ ...input, taskresult: result });
    const input2 = { comment: "An input comment.", strings: { string1: "foo", string2: "bar", string3: "baz" }, who: "AWS Step Functions" };
    expect(compileReferencePath("$.strings.lambdaresult").assign(input2, "Hello, AWS Step Functions!")).toEqual({
      ...input2,
      strings: { ...input2.strings, lambdaresult: "Hello, AWS Step Functions!" },
    });
    expect(compileReferencePath("$.master.detail").assign({ master: { detail: [1, 2, 3] } }, [4, 5, 6])).toEqual({
      master: { detail: [4, 5, 6] },
    });
  });
  // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-example.html
  it("InputPath, ResultPath and OutputPath together", () => {
    const input = { comment: "An input comment.", data: { val1: 23, val2: 17 }, extra: "foo", lambda: { who: "AWS Step Functions" } };
    expect(read("$.lambda", input)).toEqual({ who: "AWS Step Functions" });
    const combined = compileReferencePath("$.data.lambdaresult").assign(input, "Hello, AWS Step Functions!")!;
    expect(read("$.data", combined)).toEqual({ val1: 23, val2: 17, lambdaresult: "Hello, AWS Step Functions!" });
  });
  it("wildcards and slices over missing input yield empty lists (conformance: test_json_path_array_wildcard_or_slice_with_no_input)", () => {
    for (const p of ["$[*]", "$.items[*]", "$.items[1:]", "$.items[:1]", "$.item.items[*]", "$.item.items[1:]",
      "$.items[1:].itemValue", "$.items[:1].itemValue", "$.item.items[1:5].itemValue"]) {
      expect(read(p, {}), p).toEqual([]);
    }
  });
  it("a final list of names merges into one object (AWS, Jayway)", () => {
    const input = { a: { v: 1 }, b: { v: 2 }, c: { v: 3 } };
    expect(read("$['a', 'b']", input)).toEqual({ a: { v: 1 }, b: { v: 2 } });
  });
});
