/** @module Zipping a folder as a Lambda deployment package (files with their modes, symlinks as links; .git left out). */
import { lstat, readdir, readlink, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import yazl from "yazl";

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

/** Zips `files` (path → content) or the folder `dir`; fixed timestamps, so the same content gives the same CodeSha256. */
export async function zipFolder(dir: string): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const mtime = new Date(Date.UTC(2000, 0, 1));
  for (const path of await listFiles(dir)) {
    const full = join(dir, path);
    const info = await lstat(full);
    if (info.isSymbolicLink()) zip.addBuffer(Buffer.from(await readlink(full)), path, { mode: S_IFLNK | 0o777, mtime });
    else zip.addBuffer(await readFile(full), path, { mode: info.mode & 0o111 ? 0o100755 : 0o100644, mtime });
  }
  return finish(zip);
}

export async function zipFiles(files: Readonly<Record<string, string>>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const mtime = new Date(Date.UTC(2000, 0, 1));
  for (const [path, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), path, { mode: 0o100644, mtime });
  return finish(zip);
}

function finish(zip: yazl.ZipFile): Promise<Buffer> {
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on("error", reject);
  });
}
