/**
 * How the command line writes files, so that it never loses what a user has:
 *
 * - an output that is one of the inputs — by name, through a symbolic link, or
 *   as a hard link to the same file — is refused before anything is written
 *   (`outputClash`);
 * - an output is written to a temporary file beside it and renamed into place
 *   only when the run has something to write (`openAtomicFile`), so a reader
 *   never sees half a file, and an existing output survives a run that fails.
 *
 * An output reached through a symbolic link is written where the link points
 * (the link stays). A device or pipe (`/dev/null`, `/dev/stdout`) is written
 * directly: there is nothing to rename onto it.
 */
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { lstat, open, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** The file an existing path is (after symbolic links), or null when there is none. */
async function identity(file: string): Promise<{ dev: number; ino: number; real: string } | null> {
  try {
    const info = await stat(file);
    return { dev: info.dev, ino: info.ino, real: await realpath(file) };
  } catch {
    return null;
  }
}

/**
 * Which input `output` would overwrite, or null. Compares real paths and, for
 * hard links, device and inode; `-` (standard input) is no file.
 */
export async function outputClash(output: string, inputs: readonly string[]): Promise<string | null> {
  const out = await identity(output);
  if (!out) return null;
  for (const input of inputs) {
    if (input === '-') continue;
    const id = await identity(input);
    if (id && ((id.dev === out.dev && id.ino === out.ino) || id.real === out.real)) return input;
  }
  return null;
}

export interface AtomicFile {
  /** Where the bytes go until `commit` (the target itself for a device or pipe). */
  readonly handle: FileHandle;
  /** Moves the written file into place (`closed`: the handle was closed by a stream on it). */
  commit(closed?: boolean): Promise<void>;
  /** Throws the written file away; an existing target is left as it was. */
  discard(): Promise<void>;
}

/** Temporary files not yet committed or discarded, removed if the process is interrupted. */
const pending = new Set<string>();
let signalsHooked = false;

function hookSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(signal, () => {
      for (const file of pending) {
        try {
          unlinkSync(file);
        } catch {
          // already gone
        }
      }
      process.exit(code);
    });
  }
}

/** A one-line reason for a failure to create or write a file. */
export function writeReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' ? 'no such directory'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'EISDIR' ? 'is a directory'
    : code === 'ENOSPC' ? 'no space left on the device'
    : code === 'EROFS' ? 'read-only file system'
    : `cannot write (${((error as Error)?.message ?? String(error)).replace(/\s+/g, ' ').trim()})`;
}

/**
 * Opens a temporary file beside `target` (beside the file a symbolic link points
 * to), to be renamed onto it by `commit`. Rejects with an errno error when the
 * folder cannot be written.
 */
export async function openAtomicFile(target: string): Promise<AtomicFile> {
  let destination = target;
  let mode = 0o666;
  try {
    const link = await lstat(target);
    const info = link.isSymbolicLink() ? await stat(target).catch(() => null) : link;
    if (info?.isDirectory()) throw Object.assign(new Error(`${target} is a directory`), { code: 'EISDIR' });
    if (info && !info.isFile()) {
      // A device, pipe or socket: written in place, nothing to rename.
      const handle = await open(target, 'w');
      const close = async (closed?: boolean) => {
        if (!closed && handle.fd !== -1) await handle.close();
      };
      return { handle, commit: close, discard: () => close(handle.fd === -1) };
    }
    if (info) {
      destination = link.isSymbolicLink() ? await realpath(target) : target;
      mode = info.mode & 0o7777;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const dir = path.dirname(destination);
  const temporary = path.join(dir, `.${path.basename(destination)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', mode);
  pending.add(temporary);
  hookSignals();
  let settled = false;
  const settle = async (keep: boolean, closed = false) => {
    if (settled) return;
    settled = true;
    let moved = false;
    try {
      if (!closed) {
        if (keep) await handle.datasync();
        await handle.close();
      }
      if (keep) {
        await rename(temporary, destination);
        moved = true;
      }
    } finally {
      if (!moved) {
        if (!closed) await handle.close().catch(() => {});
        await unlink(temporary).catch(() => {});
      }
      pending.delete(temporary);
    }
  };
  return { handle, commit: (closed) => settle(true, closed), discard: () => settle(false, handle.fd === -1) };
}

/**
 * Writes several files into place together: each to a temporary file beside it,
 * then all renamed. When any write fails, every temporary file is removed and no
 * target is touched.
 */
export async function writeFilesAtomically(files: readonly { path: string; data: string | Uint8Array }[]): Promise<void> {
  const opened: AtomicFile[] = [];
  try {
    for (const file of files) {
      try {
        const atomic = await openAtomicFile(file.path);
        opened.push(atomic);
        await atomic.handle.writeFile(file.data);
      } catch (error) {
        throw Object.assign(error as Error, { path: file.path });
      }
    }
  } catch (error) {
    await Promise.all(opened.map((f) => f.discard()));
    throw error;
  }
  for (const file of opened) await file.commit();
}
