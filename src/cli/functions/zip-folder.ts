/** @module Zipping a folder as a Lambda deployment package (files with their modes, symlinks as links; .git left out). */
import { lstat, readdir, readlink, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { zipEntries, type ZipEntry } from "../../services/index.js";

const SKIP = new Set([".git"]);
const S_IFLNK = 0o120000;

/** The files of `dir`, recursively, as paths relative to it (with "/"), sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(current: string): Promise<void> {
    for (const entry of (await readdir(current, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (SKIP.has(entry.name)) continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path);
      else out.push(relative(dir, path).split(sep).join("/"));
    }
  }
  await walk(dir);
  return out;
}

/** Zips the folder `dir` (files with their modes, symlinks as links); fixed timestamps, so the same content gives the same CodeSha256. */
export async function zipFolder(dir: string): Promise<Buffer> {
  const entries: ZipEntry[] = [];
  for (const path of await listFiles(dir)) {
    const full = join(dir, path);
    const info = await lstat(full);
    if (info.isSymbolicLink()) entries.push({ path, data: Buffer.from(await readlink(full)), mode: S_IFLNK | 0o777 });
    else entries.push({ path, data: await readFile(full), mode: info.mode & 0o111 ? 0o100755 : 0o100644 });
  }
  return zipEntries(entries);
}
