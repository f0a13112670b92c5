/** @module Checks the layer rules of ARCHITECTURE.md from the import statements of every source file. */
import { describe, it, expect } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, dirname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../src");

/** Lower layers first; a folder may import only from folders at its own rank or below. */
const RANK: Record<string, number> = {
  shared: 0,
  asl: 1,
  history: 1,
  runner: 2,
  store: 2,
  runtime: 2,
  engine: 3,
  mocking: 3,
  integrations: 3,
  services: 4,
  api: 5,
  // The composition root and the configuration (files directly under src/).
  "main.ts": 6,
  "config.ts": 6,
  cli: 7,
  conformance: 7,
};
/** Node built-ins and packages each folder may use; anything else from outside is refused. */
const ALLOWED_EXTERNAL: Record<string, RegExp> = {
  shared: /^node:(crypto|path|fs|url|util)$/,
  asl: /^(jsonata|node:crypto)$/,
  history: /^$/,
  runner: /^node:(crypto|events)$/,
  // node:worker_threads and node:module: the SQLite WAL checkpoints run on a worker thread that loads the driver.
  store: /^(better-sqlite3|pg|node:(fs|path|crypto|module|worker_threads))$/,
  runtime: /^node:(child_process|http|fs|fs\/promises|path|os|crypto|net|url|events)$/,
  engine: /^$/,
  integrations: /^$/,
  mocking: /^node:(fs|path|events)$/,
  // yauzl: unpacking Lambda deployment packages; yazl: making them (templates, `stepwise functions deploy`, tests); node:os: a temp folder in test support.
  services: /^(yauzl|yazl|node:(crypto|fs|fs\/promises|os|path|stream\/promises))$/,
  api: /^node:(http|crypto|stream|buffer|net)$/,
  "main.ts": /^node:(crypto|process|path|fs|url)$/,
  "config.ts": /^node:(process|path|util)$/,
  cli: /^node:(fs|fs\/promises|path|url|util|process)$/,
  // The AWS SDK (a dev dependency) drives the server in `--via-api` runs; it is loaded only then.
  conformance: /^(@aws-sdk\/client-(sfn|lambda)|node:(fs|fs\/promises|path|url|util|worker_threads|os|process|readline|crypto))$/,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") && !path.endsWith(".test.ts") && !path.endsWith(".contract.ts") ? [path] : [];
  });
}

const topFolder = (file: string) => relative(SRC, file).split(sep)[0]!;
const importsOf = (text: string) => [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^"';]*?from\s+"([^"]+)"/g)].map((m) => m[1]!);

const files = sourceFiles(SRC).filter((f) => topFolder(f) !== "index.ts");

describe("layer rules", () => {
  it("every top-level folder has a rank", () => {
    const folders = new Set(files.map(topFolder));
    for (const f of folders) expect(RANK, `folder src/${f} needs a rank in this test and a row in ARCHITECTURE.md`).toHaveProperty(f);
  });

  for (const file of files) {
    const rel = relative(SRC, file);
    it(`${rel} imports only what its layer may`, () => {
      const from = topFolder(file);
      for (const spec of importsOf(readFileSync(file, "utf8"))) {
        if (!spec.startsWith(".")) {
          expect(spec, `${rel} imports package ${spec}`).toMatch(ALLOWED_EXTERNAL[from]!);
          continue;
        }
        const target = resolve(dirname(file), spec);
        const to = relative(SRC, target).split(sep)[0]!.replace(/\.js$/, ".ts");
        if (to === from) continue;
        expect(RANK[to]! <= RANK[from]!, `${rel} imports ${spec}: ${from} may not import from ${to}, a higher layer`).toBe(true);
        if (to !== "shared" && !to.endsWith(".ts")) {
          expect(relative(join(SRC, to), target), `${rel} imports ${spec}: use ${to}/index.js, not its internals`).toBe("index.js");
        }
      }
    });
  }
});

describe("the language core is pure", () => {
  const aslFiles = files.filter((f) => topFolder(f) === "asl");
  for (const file of aslFiles) {
    it(`${relative(SRC, file)} reads no clock and draws no randomness`, () => {
      const text = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      expect(text).not.toMatch(/Date\.now\(|Math\.random\(|new Date\(\)|randomUUID|randomBytes|performance\.now/);
    });
  }
});
