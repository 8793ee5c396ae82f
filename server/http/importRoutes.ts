/**
 * The web import (SPEC §10, docs/import-format.md "Web import"): REST routes, since they carry
 * files (multipart/form-data) rather than GraphQL arguments.
 *
 * - `POST /api/import/preview` — the uploaded CSV / .xlsx / JSON files read and imported as a
 *   dry run: what would be created, updated and left unchanged per label and type, every bad
 *   row (file or sheet, row, column, reason), and likely duplicate persons among the rows
 *   (server/import/duplicates.ts). Nothing is written.
 * - `POST /api/import/commit` — the same files imported in one transaction through the write
 *   path; once writing starts the answer streams progress as NDJSON lines (`{"progress": …}`)
 *   and ends with `{"result": …}` (the preview's shape, not a dry run) or, if the transaction
 *   was rolled back after all, `{"error": {message, code}}`. A refusal before any write (not
 *   signed in, not a writer, outside one's regions, an upload past the limits) is a plain JSON
 *   error with its status, as the preview's.
 * - `GET /api/import/template.xlsx` — the import templates as one workbook.
 * - `GET /api/export/region.xlsx?regionId=…` — a region in the import format.
 *
 * Every route needs a signed-in writer (admin, coordinator); a cookie session must echo its
 * CSRF token on the POSTs (server/auth/http.ts). A coordinator imports with their regions: the
 * write path refuses any row that would write outside them (AccessDenied), and exports only
 * their regions.
 */
import type { Express, Request, Response } from 'express';
import { z } from 'zod';
import type { ImportAnswer } from '../../common/importAnswer';
import { AccessDenied, assertCanWrite, assertReadRegion, requireViewer } from '../../common/roles';
import { authErrorOf, sendError, viewerOf } from '../auth/http';
import type { Database } from '../db/driver';
import { writerOf } from '../graphql/mutations';
import { isDatabaseUnavailable } from '../graphql/errors';
import { importDuplicates } from '../import/duplicates';
import { regionWorkbook, templateWorkbook } from '../import/export';
import { DEFAULT_UPLOAD_LIMITS, UploadRefused, type UploadLimits } from '../import/limits';
import { readFiles } from '../import/read';
import { readUpload } from '../import/upload';
import { importRead, type ImportProgress, type PathImportResult } from '../import/write';
import { log } from '../log';

export interface ImportRoutesOptions {
  limits?: Partial<UploadLimits>;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The writer of a request, or null with the refusal sent. */
function writerFor(res: Response) {
  try {
    const viewer = viewerOf(res);
    if (!viewer) {
      const why = authErrorOf(res);
      if (why) throw why;
    }
    const v = requireViewer(viewer);
    assertCanWrite(v);
    return { viewer: v, writer: writerOf(v) };
  } catch (err) {
    if (err instanceof AccessDenied) {
      sendError(res, err.code === 'UNAUTHENTICATED' ? 401 : 403, err.code, err.message);
      return null;
    }
    throw err;
  }
}

/** The answer of a preview or commit, as the web page reads it. */
function answerOf(r: PathImportResult): ImportAnswer {
  return {
    duplicates: [],
    dryRun: r.dryRun,
    files: r.files,
    skipped: r.skipped,
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
    errors: r.errors,
    ...(r.graphVersion !== undefined ? { graphVersion: r.graphVersion } : {}),
  };
}

function refuse(req: Request, res: Response, err: unknown): boolean {
  if (err instanceof UploadRefused) {
    // Read what the client still sends, so it gets this answer rather than a broken connection.
    res.setHeader('connection', 'close');
    req.resume();
    sendError(
      res,
      err.status,
      err.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_USER_INPUT',
      err.message,
    );
    return true;
  }
  if (err instanceof AccessDenied) {
    sendError(res, err.code === 'UNAUTHENTICATED' ? 401 : 403, err.code, err.message);
    return true;
  }
  return false;
}

const ExportQuery = z.object({ regionId: z.string().trim().min(1).max(200) });

export function mountImportRoutes(
  app: Express,
  db: Database,
  opts: ImportRoutesOptions = {},
): void {
  const limits: UploadLimits = { ...DEFAULT_UPLOAD_LIMITS, ...opts.limits };

  app.post('/api/import/preview', async (req, res, next) => {
    const who = writerFor(res);
    if (!who) return void req.resume();
    try {
      const read = readFiles(await readUpload(req, limits), limits);
      const result = await importRead(db, read, {
        dryRun: true,
        actor: who.writer.actor,
        regionIds: who.writer.regionIds,
      });
      const duplicates = await importDuplicates(
        db,
        read.dataset,
        read.sources,
        who.writer.regionIds,
      );
      res.json({ ...answerOf(result), duplicates });
    } catch (err) {
      if (!refuse(req, res, err)) next(err);
    }
  });

  app.post('/api/import/commit', async (req, res, next) => {
    const who = writerFor(res);
    if (!who) return void req.resume();
    // The answer starts streaming only once the rows are checked and writing began (the
    // access rules are applied before anything is written), so a refusal still gets its status.
    let streaming = false;
    const startStream = () => {
      if (streaming) return;
      streaming = true;
      res.status(200).type('application/x-ndjson');
      res.setHeader('cache-control', 'no-store');
      res.setHeader('x-accel-buffering', 'no');
    };
    try {
      const read = readFiles(await readUpload(req, limits), limits);
      let last = 0;
      const onProgress = (p: ImportProgress) => {
        if (p.phase === 'validate' && !streaming) return;
        const now = Date.now();
        if (streaming && p.done !== p.total && now - last < 150) return;
        last = now;
        startStream();
        res.write(`${JSON.stringify({ progress: p })}\n`);
        (res as unknown as { flush?: () => void }).flush?.();
      };
      const result = await importRead(db, read, {
        actor: who.writer.actor,
        regionIds: who.writer.regionIds,
        onProgress,
      });
      log.info(
        { actor: who.viewer.username, files: result.files.length, errors: result.errors.length },
        'web import',
      );
      startStream();
      res.end(`${JSON.stringify({ result: answerOf(result) })}\n`);
    } catch (err) {
      if (!streaming) {
        if (!refuse(req, res, err)) next(err);
        return;
      }
      // The status is sent already: the refusal is the last line (nothing was written).
      const message =
        err instanceof AccessDenied
          ? err.message
          : isDatabaseUnavailable(err)
            ? 'DATABASE_UNAVAILABLE: データベースに接続できません。しばらくしてから再度お試しください。 / The database is not reachable right now.'
            : 'エラーが発生しました。何も書き込まれていません。 / Something went wrong; nothing was written.';
      const code = err instanceof AccessDenied ? err.code : 'INTERNAL_SERVER_ERROR';
      if (!(err instanceof AccessDenied)) log.error({ err }, 'web import failed');
      res.end(`${JSON.stringify({ error: { message, code } })}\n`);
    }
  });

  app.get('/api/import/template.xlsx', (_req, res) => {
    if (!writerFor(res)) return;
    res
      .type(XLSX_TYPE)
      .setHeader(
        'content-disposition',
        contentDisposition('取り込みテンプレート.xlsx', 'import-template.xlsx'),
      )
      .send(Buffer.from(templateWorkbook()));
  });

  app.get('/api/export/region.xlsx', async (req, res, next) => {
    const who = writerFor(res);
    if (!who) return;
    const q = ExportQuery.safeParse(req.query);
    if (!q.success) {
      sendError(
        res,
        400,
        'BAD_USER_INPUT',
        'regionId: give the region to export (e.g. region:shiojiri). / 地域を指定してください。',
      );
      return;
    }
    try {
      assertReadRegion(who.viewer, q.data.regionId);
      const book = await regionWorkbook(db, q.data.regionId, who.writer.regionIds);
      if (!book) {
        sendError(res, 404, 'NOT_FOUND', `No region ${q.data.regionId}. / 地域が見つかりません。`);
        return;
      }
      const slug = q.data.regionId.replace(/[^A-Za-z0-9_-]+/g, '-');
      res
        .type(XLSX_TYPE)
        .setHeader('cache-control', 'no-store')
        .setHeader('content-disposition', contentDisposition(`${slug}.xlsx`, `${slug}.xlsx`))
        .send(Buffer.from(book));
    } catch (err) {
      if (!refuse(req, res, err)) next(err);
    }
  });
}

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266). */
function contentDisposition(name: string, ascii: string): string {
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
