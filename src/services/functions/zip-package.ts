/** @module Making deployment packages: zips with fixed timestamps, so the same files give the same CodeSha256. */
import yazl from "yazl";

export interface ZipEntry {
  readonly path: string;
  readonly data: Buffer;
  /** Unix mode with the file type (0o100644 a file, 0o100755 an executable, 0o120777 a symlink whose data is its target). */
  readonly mode: number;
}

const MTIME = new Date(Date.UTC(2000, 0, 1));

export function zipEntries(entries: Iterable<ZipEntry>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const { path, data, mode } of entries) zip.addBuffer(data, path, { mode, mtime: MTIME });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on("error", reject);
  });
}

/** A package of `files`: path → content (a plain file), or `{ content, mode }`. */
export function zipFiles(files: Readonly<Record<string, string | { readonly content: string; readonly mode: number }>>): Promise<Buffer> {
  return zipEntries(Object.entries(files).map(([path, file]) =>
    typeof file === "string" ? { path, data: Buffer.from(file), mode: 0o100644 } : { path, data: Buffer.from(file.content), mode: file.mode }));
}
