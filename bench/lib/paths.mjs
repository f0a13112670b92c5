/** @module Where things are: the repository root, the shared benchmark folder, the built library. */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The repository root (the folder holding package.json and bench/). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The shared benchmark material lives beside the repository, in ../shared/bench. */
export const SHARED_BENCH = resolve(ROOT, "..", "shared", "bench");
export const WORKLOADS_DIR = join(SHARED_BENCH, "workloads");
export const TASK_IMPLS = join(SHARED_BENCH, "task-impls.mjs");
export const DIST_INDEX = join(ROOT, "dist", "index.js");
export const BENCH_DIR = join(ROOT, "bench");

export const sharedBenchPresent = () => existsSync(WORKLOADS_DIR) && existsSync(TASK_IMPLS);

/** Imports a module by file path (ESM needs URLs for absolute paths). */
export const importFile = (path) => import(pathToFileURL(path).href);
