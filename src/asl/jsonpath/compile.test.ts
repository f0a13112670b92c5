import { describe, it, expect } from "vitest";
import fc from "fast-check";
import type { JsonValue } from "../../shared/json.js";
import { createVariableFrame } from "../scope.js";
import { compilePath, isPathSyntaxValid, PathSyntaxError } from "./compile.js";
import { testScope } from "./test-scope.js";

const scope = testScope(
  { Execution: { Id: "arn:exec", Input: { a: 1 } }, Map: { Item: { Index: 3, Value: { k: "v" } } } },
  { order: { id: 7, lines: [{ sku: "a" }, { sku: "b" }] }, n: 0, nothing: null },
);
const read = (path: string, input: unknown, s = scope): unknown => compilePath(path).evaluate(input as JsonValue, s);

describe("roots", () => {
  const input = { a: { b: 1 } };
  it("$ is the input, returned by identity (no copy)", () => {
    expect(read("$", input)).toBe(input);
    expect(read("$.a", input)).toBe(input.a);
  });
  it("$$ is the context object", () => {
    const p = compilePath("$$.Execution.Id");
    expect(p.root).toBe("context");
    expect(p.evaluate(input, scope)).toBe("arn:exec");
    expect(read("$$", input)).toBe(scope.context);
    expect(read("$$.Map.Item.Value.k", input)).toBe("v");
    expect(read("$$['Execution']['Input'].a", input)).toBe(1);
  });
  it("$name is a variable, read through parent frames", () => {
    const p = compilePath("$order.lines[1].sku");
    expect(p.root).toBe("variable");
    expect(p.variable).toBe("order");
    expect(p.evaluate(input, scope)).toBe("b");
    expect(read("$order", input)).toEqual({ id: 7, lines: [{ sku: "a" }, { sku: "b" }] });
    expect(read("$n", input)).toBe(0);
    expect(read("$nothing", input)).toBe(null);
    const child = { ...scope, variables: createVariableFrame(scope.variables) };
    expect(read("$order.id", input, child)).toBe(7);
  });
  it("a variable name is letters, digits and underscores", () => {
    expect(compilePath("$my_var2.x").variable).toBe("my_var2");
    expect(compilePath("$_x").variable).toBe("_x");
    expect(compilePath("$x[0]").variable).toBe("x");
  });
  it("an unassigned variable reads as missing", () => {
    expect(read("$unknown", input)).toBeUndefined();
    expect(read("$unknown.x", input)).toBeUndefined();
    expect(read("$unknown[*]", input)).toEqual([]);
  });
  it("the root kinds and definiteness are reported", () => {
    expect(compilePath("$").definite).toBe(true);
    expect(compilePath("$").root).toBe("input");
    expect(compilePath("$").variable).toBeUndefined();
    expect(compilePath("$$").root).toBe("context");
  });
});

describe("definite paths", () => {
  const input = { a: { b: [10, 20, { c: "x" }] }, "my-key": 1, "ключ": 2, "a b": 3, "": 4, "x.y": 5, nul: null, f: false, z: 0 };
  it("reads names in dot and bracket notation", () => {
    expect(read("$.a.b[2].c", input)).toBe("x");
    expect(read("$['a']['b'][2]['c']", input)).toBe("x");
    expect(read('$["a"]["b"][2]["c"]', input)).toBe("x");
    expect(read("$.a['b'][0]", input)).toBe(10);
    expect(read("$.[\"a\"].b[1]", input)).toBe(20);
  });
  it("accepts Jayway's dot-notation names with '-' and unicode", () => {
    expect(read("$.my-key", input)).toBe(1);
    expect(read("$.ключ", input)).toBe(2);
  });
  it("reads names that need brackets", () => {
    expect(read("$['a b']", input)).toBe(3);
    expect(read("$['']", input)).toBe(4);
    expect(read("$['x.y']", input)).toBe(5);
  });
  it("keeps backslashes in quoted names, as AWS does (they only stop the quote from closing the name)", () => {
    // Recorded against AWS: $['Test\""Name"'] reads the key Test\""Name" (conformance: test_escape_sequence_parsing).
    const data = { 'Test\\""Name"': "v", "it\\'s": 1, "back\\\\slash": 3, "é": 5 };
    expect(read(`$['Test\\""Name"']`, data)).toBe("v");
    expect(read("$['it\\'s']", data)).toBe(1);
    expect(read("$['back\\\\slash']", data)).toBe(3);
    expect(read("$['é']", data)).toBe(5);
  });
  it("returns null, false and 0 values as themselves", () => {
    expect(read("$.nul", input)).toBe(null);
    expect(read("$.f", input)).toBe(false);
    expect(read("$.z", input)).toBe(0);
  });
  it("counts negative indexes from the end", () => {
    expect(read("$.a.b[-1].c", input)).toBe("x");
    expect(read("$.a.b[-3]", input)).toBe(10);
    expect(read("$.a.b[-4]", input)).toBeUndefined();
  });
  it("returns undefined for missing data, never throwing", () => {
    for (const p of ["$.nope", "$.a.nope", "$.a.b[3]", "$.a.b.c", "$.a[0]", "$.nul.x", "$.f.x", "$.my-key.x", "$.a.b[2].c.d", "$[0]"]) {
      expect(read(p, input), p).toBeUndefined();
    }
    expect(read("$.a", "text")).toBeUndefined();
    expect(read("$[0]", { 0: 1 })).toBeUndefined();
    expect(read("$.length", [1, 2])).toBeUndefined();
  });
  it("does not read inherited Object.prototype members", () => {
    for (const p of ["$.constructor", "$.toString", "$.__proto__", "$['hasOwnProperty']", "$.a.constructor.name"]) {
      expect(read(p, input), p).toBeUndefined();
    }
    const own = JSON.parse('{"constructor": 1, "__proto__": 2}') as JsonValue;
    expect(read("$.constructor", own)).toBe(1);
    expect(read("$.__proto__", own)).toBe(2);
  });
  it("is marked definite", () => {
    for (const p of ["$", "$.a", "$.a.b[0]", "$['a']", "$[-1]", "$$.x", "$v.y[2]", "$['a','b']"]) {
      expect(compilePath(p).definite, p).toBe(true);
    }
  });
  it("merges a final list of names into one object, as Jayway does", () => {
    const data = { a: { v: 1 }, b: { v: 2 }, c: { v: 3 } };
    expect(read("$['a', 'b']", data)).toEqual({ a: { v: 1 }, b: { v: 2 } });
    expect(read("$['a','zz']", data)).toEqual({ a: { v: 1 } });
    expect(read("$['a','b']", [1])).toBeUndefined();
  });
});

describe("indefinite paths", () => {
  const input = {
    arr: [{ n: 1 }, { n: 2 }, { n: 3 }, { m: 4 }],
    obj: { x: 1, y: [2], z: { w: 3 } },
    nums: [0, 1, 2, 3, 4, 5],
    empty: [],
  };
  it("are marked indefinite", () => {
    for (const p of ["$[*]", "$.a.*", "$[0,1]", "$[1:]", "$[?(@.a)]", "$..a", "$..[0]", "$.a[*].b"]) {
      expect(compilePath(p).definite, p).toBe(false);
    }
  });
  it("wildcards list array elements and object values in order", () => {
    expect(read("$.arr[*].n", input)).toEqual([1, 2, 3]);
    expect(read("$.arr.*.n", input)).toEqual([1, 2, 3]);
    expect(read("$.obj.*", input)).toEqual([1, [2], { w: 3 }]);
    expect(read("$.obj[ * ]", input)).toEqual([1, [2], { w: 3 }]);
    expect((read("$.arr[*]", input) as JsonValue[])[0]).toBe(input.arr[0]);
    expect(read("$.nums[*]", input)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(read("$.obj.x.*", input)).toEqual([]);
  });
  it("unions list indexes and names in the order written", () => {
    expect(read("$.nums[4,0,-1]", input)).toEqual([4, 0, 5]);
    expect(read("$.nums[1, 9]", input)).toEqual([1]);
    expect(read("$.arr[*]['n','m']", input)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { m: 4 }]);
  });
  it("slices like Jayway", () => {
    expect(read("$.nums[1:3]", input)).toEqual([1, 2]);
    expect(read("$.nums[:2]", input)).toEqual([0, 1]);
    expect(read("$.nums[4:]", input)).toEqual([4, 5]);
    expect(read("$.nums[-2:]", input)).toEqual([4, 5]);
    expect(read("$.nums[:-2]", input)).toEqual([0, 1, 2, 3]);
    expect(read("$.nums[-3:-1]", input)).toEqual([3, 4]);
    expect(read("$.nums[2:100]", input)).toEqual([2, 3, 4, 5]);
    expect(read("$.nums[3:1]", input)).toEqual([]);
    expect(read("$.nums[10:]", input)).toEqual([]);
    expect(read("$.nums[-100:]", input)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(read("$.empty[0:1]", input)).toEqual([]);
    // Jayway reads only start and end; a step part is accepted and ignored.
    expect(read("$.nums[0:4:2]", input)).toEqual([0, 1, 2, 3]);
  });
  it("returns an empty list when nothing matches", () => {
    for (const p of ["$.nope[*]", "$.arr[*].zz", "$.obj.x[*]", "$.empty[*]", "$.nope[1:]", "$.nope..x", "$.arr[?(@.zz)]", "$.obj[0,1]"]) {
      expect(read(p, input), p).toEqual([]);
    }
    expect(read("$[*]", {})).toEqual([]);
    expect(read("$[*]", "str")).toEqual([]);
  });
  it("deep-scans names, wildcards and indexes in document order", () => {
    const doc = { a: 1, b: { a: 2, c: [{ a: 3 }, { d: { a: 4 } }] }, e: [[5, 6], [7]] };
    expect(read("$..a", doc)).toEqual([1, 2, 3, 4]);
    expect(read("$.b..a", doc)).toEqual([2, 3, 4]);
    expect(read("$..['a']", doc)).toEqual([1, 2, 3, 4]);
    expect(read("$..*", { x: { y: 1 }, z: [2] })).toEqual([{ y: 1 }, [2], 1, 2]);
    expect(read("$..[0]", doc)).toEqual([{ a: 3 }, [5, 6], 5, 7]);
    expect(read("$..[-1]", { e: [[5, 6], [7]] })).toEqual([[7], 6, 7]);
    expect(read("$..zz", doc)).toEqual([]);
  });
  it("deep-scans with a following step applied to every element of each array (Jayway)", () => {
    const doc = { items: [{ name: "a" }, { name: "b" }] };
    expect(read("$..[*].name", doc)).toEqual(["a", "b"]);
    expect(read("$..[0].name", doc)).toEqual(["a", "b"]);
  });
});

describe("syntax errors", () => {
  const bad = [
    "", "a.b", "$.", "$..", "$[", "$]", "$['a'", "$['a]", "$[a]", "$.a[", "$.a]", "$.a..", "$...a", "$a-b", "$1",
    "$$$", "$.a b", "$[1", "$[1.5]", "$[:]", "$[1:2:3:4]", "$[?(@.a]", "$[?@.a]", "$[?()]", "$[?(@.a ==)]",
    "$[?(@.a === )]", "$[?(@.a <> 1)]", "$[?(@.a == 'x)]", "$[?(@.a =~ /x)]", "$[?(@.a =~ /(/)]", "$[?(1)]",
    "$[?(@.a) && @.b]", "$[?(@.a == [1,)]", "$.a.length()", "$['a','b'].c", "$['a',]", "$['a' 'b']", "$.*a",
    "x$", " $", "$[99999999999]",
  ];
  for (const p of bad) {
    it(`rejects ${JSON.stringify(p)}`, () => {
      expect(() => compilePath(p)).toThrow(PathSyntaxError);
    });
  }
  it("names the path and the reason in the message", () => {
    try {
      compilePath("$.a.");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PathSyntaxError);
      const err = e as PathSyntaxError;
      expect(err.message).toBe("Invalid JSONPath '$.a.': a path must not end with '.' or '..'");
      expect(err.path).toBe("$.a.");
      expect(err.name).toBe("PathSyntaxError");
    }
    expect(() => compilePath("$['a','b'].v")).toThrow(/can only be the last selector/);
    expect(() => compilePath("$[?(@.a == $$.x)]")).toThrow(
      "Invalid JSONPath '$[?(@.a == $$.x)]': in the filter path '$$.x': unexpected character '$' at position 1; expected '.' or '['",
    );
    expect(() => compilePath("$.a.length()")).toThrow(/functions such as 'length\(\)' are not supported/);
  });
  it("isPathSyntaxValid returns the message or undefined", () => {
    expect(isPathSyntaxValid("$.a[?(@.b > 1)]", "path")).toBeUndefined();
    expect(isPathSyntaxValid("$.a[", "path")).toMatch(/^Invalid JSONPath '\$\.a\['/);
    expect(isPathSyntaxValid("$.a.b", "reference")).toBeUndefined();
    expect(isPathSyntaxValid("$.a[*]", "reference")).toMatch(/wildcard/);
    expect(isPathSyntaxValid("$$.a", "reference")).toMatch(/context object/);
  });
});

describe("robustness", () => {
  const pieces = ["$", "@", ".", "..", "[", "]", "*", "?", "(", ")", "'", '"', "a", "b", "0", "-1", ":", ",", " ", "==", "<", "=~", "/x/", "&&", "||", "!", "in", "true", "null", "\\"];
  const pathLike = fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((xs) => "$" + xs.join(""));
  it("compiles any text or throws PathSyntaxError, and compiled paths evaluate without throwing", () => {
    fc.assert(
      fc.property(fc.oneof(pathLike, fc.string()), fc.jsonValue({ maxDepth: 3 }), (path, input) => {
        let compiled;
        try {
          compiled = compilePath(path);
        } catch (e) {
          expect(e).toBeInstanceOf(PathSyntaxError);
          return;
        }
        const out = compiled.evaluate(input as JsonValue, scope);
        if (!compiled.definite) expect(Array.isArray(out)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
