/**
 * The web import's requests (docs/import-format.md "Web import"): the preview (a dry run) and
 * the commit, whose answer streams progress as NDJSON lines. Both send the files as
 * multipart/form-data with the session's CSRF token.
 */
import type { ImportAnswer, ImportCommitLine } from '../../../common/importAnswer';
import { ApiError, messageFor } from '../api';
import { CSRF_HEADER, csrfToken } from '../auth';
import { t } from '../i18n';

/** A file to upload: the name a person sees (with its folder, for a dragged folder). */
export interface UploadFile {
  name: string;
  file: Blob;
}

function formOf(files: readonly UploadFile[]): FormData {
  const fd = new FormData();
  for (const f of files) fd.append('files', f.file, f.name);
  return fd;
}

async function post(path: string, files: readonly UploadFile[]): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      headers: { [CSRF_HEADER]: csrfToken() },
      credentials: 'same-origin',
      body: formOf(files),
    });
  } catch {
    throw new ApiError(t('err.network'), 'NETWORK');
  }
  if (res.ok) return res;
  let body: { errors?: Array<{ message?: string; extensions?: { code?: string } }> } | undefined;
  try {
    body = (await res.json()) as typeof body;
  } catch {
    body = undefined;
  }
  const first = body?.errors?.[0];
  const code = first?.extensions?.code ?? `HTTP_${res.status}`;
  // The upload's own refusals (size, zip bomb, encoding) say exactly what to do: show them.
  if ((code === 'PAYLOAD_TOO_LARGE' || code === 'BAD_USER_INPUT') && first?.message)
    throw new ApiError(first.message, code);
  // A coordinator's import outside their regions names the node: show that too.
  if (code === 'FORBIDDEN' && first?.message && /担当地域|regions/.test(first.message))
    throw new ApiError(first.message, code);
  throw new ApiError(first ? messageFor(first).message : t('err.server'), code);
}

/** What the files would change (nothing is written). */
export async function previewImport(files: readonly UploadFile[]): Promise<ImportAnswer> {
  const res = await post('/api/import/preview', files);
  return (await res.json()) as ImportAnswer;
}

/** Imports the files in one transaction; `onProgress` hears each step. */
export async function commitImport(
  files: readonly UploadFile[],
  onProgress: (p: { phase: string; done: number; total: number }) => void,
): Promise<ImportAnswer> {
  const res = await post('/api/import/commit', files);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  let answer: ImportAnswer | null = null;
  const take = (line: string) => {
    if (line.trim() === '') return;
    const msg = JSON.parse(line) as ImportCommitLine;
    if ('progress' in msg) onProgress(msg.progress);
    else if ('result' in msg) answer = msg.result;
    else throw new ApiError(msg.error.message, msg.error.code);
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    let nl = buffered.indexOf('\n');
    while (nl >= 0) {
      take(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
      nl = buffered.indexOf('\n');
    }
  }
  take(buffered);
  if (!answer) throw new ApiError(t('err.server'), 'INCOMPLETE');
  return answer;
}
