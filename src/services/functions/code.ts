/**
 * @module Deployment packages: decoding ZipFile, AWS's size limits, and unpacking safely (no path
 * leaves the target folder, symlinks stay inside it, sizes are checked before and while inflating).
 */
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, symlink } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";
import { isServiceError } from "../service-error.js";
import { invalidParameter, requestTooLarge } from "./errors.js";

/** A package uploaded directly (ZipFile) may be 50 MB zipped. https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
export const MAX_ZIPPED_BYTES = 50 * 1024 * 1024;
/** ... and 250 MB unzipped. */
export const MAX_UNZIPPED_BYTES = 262_144_000;
/** AWS's figure for the request: 50 MB as base64 (4/3 of it). */
export const MAX_CODE_REQUEST_BYTES = 69_905_067;

const cannotUnzip = () => invalidParameter("Could not unzip uploaded file. Please check your file, then try to upload again.");

export interface DecodedZip {
  readonly zip: Buffer;
  /** Hex SHA-256 (the store's key; shown as base64 CodeSha256). */
  readonly sha256: string;
}

/** ZipFile as the JSON body carries it (base64) → bytes and their SHA-256, within AWS's limit. */
export function decodeZipFile(base64: string, operation: "CreateFunction" | "UpdateFunctionCode"): DecodedZip {
  if (base64.length > MAX_CODE_REQUEST_BYTES) throw requestTooLarge(MAX_CODE_REQUEST_BYTES, operation);
  if (!/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/.test(base64)) throw invalidParameter("Could not decode the ZipFile: it is not base64.");
  const zip = Buffer.from(base64, "base64");
  if (zip.byteLength > MAX_ZIPPED_BYTES) throw requestTooLarge(MAX_CODE_REQUEST_BYTES, operation);
  if (zip.byteLength === 0) throw cannotUnzip();
  return { zip, sha256: createHash("sha256").update(zip).digest("hex") };
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** The Unix mode in a zip entry's external attributes (0 when the zip was not made on Unix). */
const modeOf = (entry: yauzl.Entry): number => (entry.externalFileAttributes >>> 16) & 0xffff;

/** `path` inside `root` (never root itself escaping via `..` or an absolute path). */
function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== "" && !rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel);
}

function openZip(zip: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolvePromise, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, file) => (err ? reject(err) : resolvePromise(file!)));
  });
}

function readEntries(file: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolvePromise, reject) => {
    const entries: yauzl.Entry[] = [];
    file.on("entry", (entry: yauzl.Entry) => {
      entries.push(entry);
      file.readEntry();
    });
    file.once("end", () => resolvePromise(entries));
    file.once("error", reject);
    file.readEntry();
  });
}

function openEntry(file: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolvePromise, reject) => file.openReadStream(entry, (err, stream) => (err ? reject(err) : resolvePromise(stream!))));
}

async function readText(file: yauzl.ZipFile, entry: yauzl.Entry): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await openEntry(file, entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Unpacks `zip` into the (new, empty) folder `dir`, keeping executable bits (a custom runtime's
 * `bootstrap`) and symlinks that point inside the package. Refuses entries that would land outside
 * `dir`, more than 250 MB unzipped, and anything that is not a readable zip.
 */
export async function unpackZip(zip: Buffer, dir: string): Promise<{ files: number; bytes: number }> {
  let file: yauzl.ZipFile;
  let entries: yauzl.Entry[];
  try {
    file = await openZip(zip);
    entries = await readEntries(file);
  } catch {
    throw cannotUnzip();
  }
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > MAX_UNZIPPED_BYTES) throw invalidParameter(`Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes`);
  const root = resolve(dir);
  await mkdir(root, { recursive: true });
  let files = 0;
  try {
    for (const entry of entries) {
      const target = resolve(root, entry.fileName);
      if (!inside(root, target)) throw invalidParameter(`The deployment package has an entry outside its root: ${entry.fileName}`);
      if (entry.fileName.endsWith("/")) {
        await mkdir(target, { recursive: true });
        continue;
      }
      await mkdir(dirname(target), { recursive: true });
      const mode = modeOf(entry);
      if ((mode & S_IFMT) === S_IFLNK) {
        const link = await readText(file, entry);
        if (isAbsolute(link) || !inside(root, resolve(dirname(target), link))) {
          throw invalidParameter(`The deployment package has a symbolic link pointing outside its root: ${entry.fileName} -> ${link}`);
        }
        await symlink(link, target);
      } else {
        const stream = await openEntry(file, entry);
        await pipeline(stream, createWriteStream(target, { mode: mode & 0o111 ? 0o755 : 0o644, flags: "wx" }));
      }
      files++;
    }
  } catch (e) {
    if (isServiceError(e)) throw e;
    throw cannotUnzip();
  } finally {
    file.close();
  }
  return { files, bytes: declared };
}

export const joinCode = (root: string, sha256: string): string => join(root, sha256);
