import fs from "node:fs/promises";
import path from "node:path";

/**
 * Where uploaded files live. Keys are our own (`ab/abcdef…/w800.webp`: letters, digits, `-`, `_`,
 * `.` and `/`), never a user's file name. Local disk under `DATA_DIR/uploads` is the default; an
 * S3-compatible store can implement the same three calls.
 */
export interface Storage {
  readonly kind: string;
  put(key: string, data: Buffer): Promise<void>;
  /** The bytes, or null when there is no such object. */
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
}

const SAFE_KEY = /^[A-Za-z0-9_-][A-Za-z0-9_./-]*$/;

export function assertKey(key: string): void {
  if (!SAFE_KEY.test(key) || key.includes("..") || key.length > 200) throw new Error(`bad storage key: ${key}`);
}

/** Files on local disk under `root` (written to a temporary name, then renamed into place). */
export function localStorage(root: string): Storage {
  const file = (key: string) => {
    assertKey(key);
    return path.join(root, ...key.split("/"));
  };
  return {
    kind: "local",
    async put(key, data) {
      const target = file(key);
      await fs.mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
      await fs.writeFile(tmp, data);
      await fs.rename(tmp, target);
    },
    async get(key) {
      try {
        return await fs.readFile(file(key));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw e;
      }
    },
    async delete(key) {
      await fs.rm(file(key), { force: true });
    },
  };
}
