import { describe, it, expect } from "vitest";
import fc from "fast-check";
import type { JsonObject, JsonValue } from "../../shared/json.js";
import { compilePath, compileReferencePath, PathSyntaxError } from "./compile.js";
import { testScope } from "./test-scope.js";

const scope = testScope();
const assign = (path: string, target: JsonValue, value: JsonValue) => compileReferencePath(path).assign(target, value);

describe("compileReferencePath", () => {
  it("$ replaces the whole value", () => {
    expect(assign("$", { a: 1 }, "x")).toBe("x");
    expect(assign("$", "text", { b: 2 })).toEqual({ b: 2 });
  });
  it("sets a property, creating missing objects on the way", () => {
    expect(assign("$.a", { b: 1 }, 2)).toEqual({ b: 1, a: 2 });
    expect(assign("$.a.b.c", {}, 1)).toEqual({ a: { b: { c: 1 } } });
    expect(assign("$.a.b", { a: { x: 1 } }, 2)).toEqual({ a: { x: 1, b: 2 } });
    expect(assign("$['a b'].c", {}, 1)).toEqual({ "a b": { c: 1 } });
    expect(assign("$.a", { a: "old" }, null)).toEqual({ a: null });
  });
  it("keeps the key order of the copied objects", () => {
    expect(Object.keys(assign("$.b", { a: 1, b: 2, c: 3 }, 9) as JsonObject)).toEqual(["a", "b", "c"]);
  });
  it("sets array elements by index (copying the array)", () => {
    const target = { list: [{ v: 1 }, { v: 2 }] };
    const out = assign("$.list[1].v", target, 5) as { list: { v: number }[] };
    expect(out).toEqual({ list: [{ v: 1 }, { v: 5 }] });
    expect(out.list).not.toBe(target.list);
    expect(out.list[0]).toBe(target.list[0]);
    expect(assign("$.list[-1]", target, 0)).toEqual({ list: [{ v: 1 }, 0] });
    expect(assign("$[0]", [1, 2], 9)).toEqual([9, 2]);
  });
  it("never mutates the target and shares untouched branches", () => {
    const target = { a: { b: { c: 1 }, keep: { deep: [1, 2] } }, other: { x: 1 } };
    const snapshot = JSON.parse(JSON.stringify(target));
    const out = assign("$.a.b.c", target, 2) as typeof target;
    expect(target).toEqual(snapshot);
    expect(out.a.b.c).toBe(2);
    expect(out).not.toBe(target);
    expect(out.a).not.toBe(target.a);
    expect(out.a.keep).toBe(target.a.keep);
    expect(out.other).toBe(target.other);
  });
  it("fails (undefined) when a node on the way is not an object", () => {
    expect(assign("$.a", "text", 1)).toBeUndefined();
    expect(assign("$.a", 5, 1)).toBeUndefined();
    expect(assign("$.a", null, 1)).toBeUndefined();
    expect(assign("$.a", [1], 1)).toBeUndefined();
    expect(assign("$.a.b", { a: "text" }, 1)).toBeUndefined();
    expect(assign("$.a.b", { a: 3 }, 1)).toBeUndefined();
    expect(assign("$.a.b", { a: null }, 1)).toBeUndefined();
    expect(assign("$.a.b", { a: [] }, 1)).toBeUndefined();
  });
  it("fails (undefined) for an index outside the array, or into a non-array", () => {
    expect(assign("$.l[2]", { l: [1, 2] }, 1)).toBeUndefined();
    expect(assign("$.l[-3]", { l: [1, 2] }, 1)).toBeUndefined();
    expect(assign("$.l[0]", { l: { 0: 1 } }, 1)).toBeUndefined();
    expect(assign("$.missing[0]", {}, 1)).toBeUndefined();
  });
  it("handles keys that are Object.prototype members", () => {
    const out = assign("$.__proto__.x", {}, 1) as JsonObject;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(out, "__proto__")).toBe(true);
    expect(compilePath("$.__proto__.x").evaluate(out, scope)).toBe(1);
    expect(assign("$.constructor", {}, 1)).toEqual({ constructor: 1 });
    expect(({} as { x?: number }).x).toBeUndefined();
  });
  it("rejects paths that do not name a single node of the input", () => {
    const cases: [string, RegExp][] = [
      ["$$.a", /context object/],
      ["$var.a", /variable '\$var'/],
      ["$.a[*]", /wildcard/],
      ["$.a.*", /wildcard/],
      ["$..a", /deep scan/],
      ["$.a[0,1]", /list of indexes/],
      ["$['a','b']", /list of names/],
      ["$.a[1:]", /slice/],
      ["$.a[?(@.b)]", /filter/],
      ["$.a.", /must not end/],
      ["a", /must start with '\$'/],
    ];
    for (const [p, reason] of cases) {
      expect(() => compileReferencePath(p), p).toThrow(PathSyntaxError);
      expect(() => compileReferencePath(p), p).toThrow(reason);
    }
  });
});

// Definite paths built from the keys (and indexes) of a random JSON value.
const json = fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<JsonValue>;
const quotableKey = fc.string().filter((k) => !/['\\]/.test(k));

function pathsOf(value: JsonValue, prefix = "$", out: string[] = []): string[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, `${prefix}[${i}]`, out));
  else if (value !== null && typeof value === "object") {
    // A quoted name cannot hold ' or \ in AWS's JSONPath (backslashes stay in the name): skip such keys.
    for (const k of Object.keys(value)) if (!/['\\]/.test(k)) pathsOf(value[k]!, `${prefix}['${k}']`, out);
  }
  return out;
}

const withPath = json.chain((v) => fc.tuple(fc.constant(v), fc.constantFrom(...pathsOf(v)), json));
const objectWithNewPath = fc
  .tuple(fc.dictionary(fc.string(), json), fc.array(quotableKey, { minLength: 1, maxLength: 4 }), json)
  .map(([obj, keys, v]) => [obj, "$" + keys.map((k) => `['${k}']`).join(""), v] as const);

describe("reference paths: properties", () => {
  it("reading back an assigned existing path yields the value; the input is untouched", () => {
    fc.assert(
      fc.property(withPath, ([obj, path, v]) => {
        const before = JSON.stringify(obj);
        const out = compileReferencePath(path).assign(obj, v);
        expect(out).not.toBeUndefined();
        expect(compilePath(path).evaluate(out!, scope)).toBe(v);
        expect(JSON.stringify(obj)).toBe(before);
      }),
      { numRuns: 300 },
    );
  });
  it("assigning along new or existing keys of an object reads back, or fails only on a non-object", () => {
    fc.assert(
      fc.property(objectWithNewPath, ([obj, path, v]) => {
        const before = JSON.stringify(obj);
        const out = compileReferencePath(path).assign(obj, v);
        if (out !== undefined) expect(compilePath(path).evaluate(out, scope)).toBe(v);
        else expect(pathHitsNonObject(obj, path)).toBe(true);
        expect(JSON.stringify(obj)).toBe(before);
      }),
      { numRuns: 300 },
    );
  });
  it("every quoted key of a random object reads its value", () => {
    fc.assert(
      fc.property(json, (obj) => {
        for (const p of pathsOf(obj)) expect(compilePath(p).evaluate(obj, scope)).not.toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });
});

/** Whether some existing node strictly before the end of `path` is not an object. */
function pathHitsNonObject(obj: JsonValue, path: string): boolean {
  // Walk prefixes: the first missing prefix means creation would have succeeded from there.
  for (const prefix of pathsPrefixes(path).slice(0, -1)) {
    const node = compilePath(prefix).evaluate(obj, scope);
    if (node === undefined) return false;
    if (node === null || typeof node !== "object" || Array.isArray(node)) return true;
  }
  return false;
}

function pathsPrefixes(path: string): string[] {
  const out = ["$"];
  const re = /\['((?:[^'\\]|\\.)*)'\]/g;
  let m: RegExpExecArray | null;
  let acc = "$";
  while ((m = re.exec(path))) out.push((acc += m[0]));
  return out;
}
