/**
 * The files a person hands the import page: chosen with the file picker or a folder picker, or
 * dragged — files, or a folder (read through the File and Directory Entries API, with the
 * folder's path in each name). Only what the import reads (.csv, .xlsx, .json) is kept from a
 * folder; the server skips the rest anyway.
 */
import type { UploadFile } from './api';

const READ = /\.(csv|xlsx|json|xls)$/i;

/** Files of an <input type=file> (with `webkitdirectory`, their folder path is in the name). */
export function filesOfInput(list: FileList | null): UploadFile[] {
  return [...(list ?? [])].map((f) => ({
    name: (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name,
    file: f,
  }));
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function entriesOf(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const out: FileSystemEntry[] = [];
  // readEntries answers in batches until an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return out;
    out.push(...batch);
  }
}

async function walk(entry: FileSystemEntry, out: UploadFile[], depth: number): Promise<void> {
  if (entry.isFile) {
    if (depth === 0 || READ.test(entry.name)) {
      const file = await fileOf(entry as FileSystemFileEntry);
      out.push({ name: entry.fullPath.replace(/^\//, '') || file.name, file });
    }
    return;
  }
  if (entry.isDirectory && depth < 3) {
    for (const child of await entriesOf(entry as FileSystemDirectoryEntry))
      await walk(child, out, depth + 1);
  }
}

/** The files of a drop: the files dropped, and those inside dropped folders. */
export async function filesOfDrop(data: DataTransfer): Promise<UploadFile[]> {
  const entries = [...data.items]
    .map((i) => (i.kind === 'file' ? i.webkitGetAsEntry?.() : null))
    .filter((e): e is FileSystemEntry => !!e);
  if (entries.length === 0) return filesOfInput(data.files);
  const out: UploadFile[] = [];
  for (const e of entries) await walk(e, out, 0);
  return out;
}

/** Bytes of all files together. */
export function totalBytes(files: readonly UploadFile[]): number {
  return files.reduce((n, f) => n + f.file.size, 0);
}
