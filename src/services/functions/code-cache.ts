/** @module Unpacked code on this node: one read-only folder per package (by SHA-256), unpacked once, from the store when needed. */
import { randomUUID } from "node:crypto";
import { access, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Store } from "../../store/index.js";
import { serviceException } from "./errors.js";
import { unpackZip } from "./code.js";

export interface CodeCache {
  /** The folder of a package, unpacking `zip` (or the stored package) into it first when it is not there yet. */
  folder(sha256: string, zip?: Buffer): Promise<string>;
  /** Where the package would be (whether or not it is there). */
  pathOf(sha256: string): string;
}

export function createCodeCache(store: Store, root: string): CodeCache {
  const pending = new Map<string, Promise<string>>();
  const pathOf = (sha256: string) => join(root, sha256);

  async function unpack(sha256: string, zip: Buffer | undefined): Promise<string> {
    const target = pathOf(sha256);
    if (await exists(target)) return target;
    let bytes = zip;
    if (bytes === undefined) {
      const stored = await store.functions.getFunctionCode(sha256);
      if (!stored) throw serviceException(`The code package ${sha256} is missing from the store.`);
      bytes = Buffer.from(stored.zip.buffer, stored.zip.byteOffset, stored.zip.byteLength);
    }
    // Unpack beside the target and rename: a folder under its final name is always complete.
    const temp = join(root, `.unpacking-${randomUUID()}`);
    try {
      await unpackZip(bytes, temp);
      await rename(temp, target).catch(async (e: NodeJS.ErrnoException) => {
        if (e.code !== "ENOTEMPTY" && e.code !== "EEXIST") throw e;
      });
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
    return target;
  }

  return {
    pathOf,
    folder(sha256, zip) {
      let running = pending.get(sha256);
      if (!running) {
        running = unpack(sha256, zip).finally(() => pending.delete(sha256));
        pending.set(sha256, running);
      }
      return running;
    },
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
