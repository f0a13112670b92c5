/** @module Guessing a folder's runtime and handler for `stepwise functions deploy` (flags override). */
import { basename, extname } from "node:path";
import { listFiles } from "./zip-folder.js";

export interface Detected {
  readonly runtime: string;
  readonly handler: string;
}

/**
 * A `bootstrap` file: a custom runtime (provided.al2023). Else Node.js (index.mjs/js/cjs, or the
 * first .mjs/.js/.cjs at the top) with `handler`, else Python (lambda_function.py, or the first .py)
 * with `lambda_handler` / `handler`. Undefined when nothing fits.
 */
export async function detectRuntime(dir: string): Promise<Detected | undefined> {
  const top = (await listFiles(dir)).filter((f) => !f.includes("/"));
  if (top.includes("bootstrap")) return { runtime: "provided.al2023", handler: "bootstrap" };
  const node = ["index.mjs", "index.js", "index.cjs"].find((f) => top.includes(f)) ?? top.find((f) => /\.(mjs|cjs|js)$/.test(f));
  if (node) return { runtime: "nodejs20.x", handler: `${basename(node, extname(node))}.handler` };
  if (top.includes("lambda_function.py")) return { runtime: "python3.12", handler: "lambda_function.lambda_handler" };
  const py = top.find((f) => f.endsWith(".py"));
  if (py) return { runtime: "python3.12", handler: `${basename(py, ".py")}.handler` };
  return undefined;
}

/** A function name from a folder name: Lambda's characters only, at most 64. */
export const nameFromFolder = (dir: string): string => basename(dir).replace(/[^a-zA-Z0-9-_]/g, "-").slice(0, 64) || "function";
