/** @module Finds and reads the conformance corpus and the comparator that sits beside it. */
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { CasesFile, CompareCase, ConformanceCase } from "./types.js";

/** The repository root: this file lives in src/conformance/ (tests) or dist/conformance/ (built). */
export const packageRoot = (): string => resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** `../shared/conformance/cases.json` next to the repository, whatever the working directory. */
export const defaultCasesPath = (): string => resolve(packageRoot(), "..", "shared", "conformance", "cases.json");

/**
 * Reads a cases file: `{"meta": {...}, "cases": [ ... ]}` (one case per line, but any JSON layout
 * is accepted). Throws with a readable message when the file is missing or malformed.
 */
export async function loadCases(path: string): Promise<CasesFile> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new Error(`cannot read the cases file ${path}: ${(e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  const file = parsed as { meta?: unknown; cases?: unknown };
  if (!file || typeof file !== "object" || !Array.isArray(file.cases)) {
    throw new Error(`${path} has no "cases" array`);
  }
  file.cases.forEach((c: unknown, i: number) => {
    const k = c as Partial<ConformanceCase> | null;
    if (!k || typeof k.id !== "string" || typeof k.input !== "string" || !k.expected || typeof k.expected.status !== "string") {
      throw new Error(`${path}: case #${i} lacks an id, an input string or expected.status`);
    }
  });
  const meta = file.meta && typeof file.meta === "object" ? (file.meta as Record<string, unknown>) : {};
  return { meta, cases: file.cases as ConformanceCase[] };
}

/** Imports `compareCase` from the `compare.mjs` beside the cases file. */
export async function loadComparator(casesPath: string): Promise<CompareCase> {
  const comparePath = join(dirname(resolve(casesPath)), "compare.mjs");
  let mod: { compareCase?: unknown };
  try {
    mod = (await import(pathToFileURL(comparePath).href)) as { compareCase?: unknown };
  } catch (e) {
    throw new Error(`cannot load the comparator ${comparePath}: ${(e as Error).message}`);
  }
  if (typeof mod.compareCase !== "function") throw new Error(`${comparePath} does not export compareCase`);
  return mod.compareCase as CompareCase;
}
