/**
 * The files of a web-import upload (multipart/form-data), read into memory within the limits by
 * busboy: at most `maxBytes` in all (a 50 MB file is refused while it arrives, not after),
 * at most `maxFiles` files. A file's name may carry the folder path the browser gives for a
 * dragged folder (`region/Person.csv`); only its plain segments are kept, for messages.
 */
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { UploadRefused, megabytes, type UploadLimits } from './limits';
import type { NamedBytes } from './read';

function cleanName(name: string): string {
  const parts = name
    .split(/[\\/]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '' && p !== '.' && p !== '..');
  return parts.join('/').slice(0, 300) || 'upload';
}

function tooLarge(limits: UploadLimits): UploadRefused {
  return new UploadRefused(
    `The upload is larger than ${megabytes(limits.maxBytes)}; import the files in parts. / ファイルが大きすぎます（上限 ${megabytes(limits.maxBytes)}）。分けて取り込んでください。`,
    413,
  );
}

/** The uploaded files; rejects with UploadRefused when the request breaks a limit. */
export function readUpload(req: IncomingMessage, limits: UploadLimits): Promise<NamedBytes[]> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    // The multipart framing adds a little to the files; a body far past the limit is refused at once.
    if (Number.isFinite(declared) && declared > limits.maxBytes + 64 * 1024) {
      reject(tooLarge(limits));
      return;
    }
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        preservePath: true,
        defParamCharset: 'utf8',
        limits: {
          fileSize: limits.maxBytes + 1,
          files: limits.maxFiles,
          fields: 20,
          fieldSize: 10_000,
          parts: limits.maxFiles + 20,
        },
      });
    } catch {
      reject(
        new UploadRefused(
          'The request must be multipart/form-data with the files to import. / ファイルを選んでください。',
        ),
      );
      return;
    }
    const files: NamedBytes[] = [];
    let total = 0;
    let failed: UploadRefused | null = null;
    const fail = (e: UploadRefused) => {
      if (!failed) failed = e;
    };
    bb.on('file', (_field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > limits.maxBytes) {
          fail(tooLarge(limits));
          return;
        }
        if (!failed) chunks.push(chunk);
      });
      stream.on('limit', () => fail(tooLarge(limits)));
      stream.on('end', () => {
        if (!failed)
          files.push({ name: cleanName(info.filename ?? ''), bytes: Buffer.concat(chunks) });
      });
    });
    bb.on('filesLimit', () =>
      fail(
        new UploadRefused(
          `At most ${limits.maxFiles} files can be imported at once. / 一度に取り込めるファイルは ${limits.maxFiles} 個までです。`,
        ),
      ),
    );
    bb.on('partsLimit', () =>
      fail(new UploadRefused('The upload has too many parts. / 不正なリクエストです。')),
    );
    bb.on('error', (err: Error) =>
      reject(
        failed ??
          new UploadRefused(
            `The upload could not be read (${err.message}). / アップロードを読み込めませんでした。`,
          ),
      ),
    );
    bb.on('close', () => {
      if (failed) reject(failed);
      else resolve(files);
    });
    req.pipe(bb);
  });
}
