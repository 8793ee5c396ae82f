/**
 * The web app (web/, Vite + Cytoscape) on the same express server as the API.
 *
 * - `ensureWebBuilt()` builds web/dist with Vite when it is missing or older than any source file
 *   (so `npm start` on a fresh clone serves the app), logging what it does.
 * - `mountWeb(app)` serves web/dist: hashed assets with long caching, and index.html for `/` and
 *   for any other GET that is not an API path, so deep links (`/?region=…&sel=…`, `/map/…`) work.
 *   `/graphql`, `/healthz` and `/api/…` are never shadowed.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import { PROJECT_ROOT } from '../config/env';
import { log } from '../log';

export const WEB_ROOT = path.join(PROJECT_ROOT, 'web');
export const WEB_DIST = path.join(WEB_ROOT, 'dist');

/** Paths the web app must never answer (API, health, the survey form's API, …). */
const NOT_WEB = /^\/(graphql|healthz|api|auth|survey-api)(\/|$)/;

/** Newest modification time under a directory (files only), 0 when it does not exist. */
function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (entry.isFile()) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Whether web/dist is missing or older than web/src, web/public, common/, index.html or the
 * Vite config (of the project at `root`).
 */
export function webNeedsBuild(root = PROJECT_ROOT): boolean {
  const web = path.join(root, 'web');
  const index = path.join(web, 'dist', 'index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  const sources = Math.max(
    newestMtime(path.join(web, 'src')),
    newestMtime(path.join(web, 'public')),
    ...['index.html', 'vite.config.ts']
      .map((f) => path.join(web, f))
      .filter((f) => fs.existsSync(f))
      .map((f) => fs.statSync(f).mtimeMs),
    // The page imports common/ (the domain model's schemas, role rules, …).
    newestMtime(path.join(root, 'common')),
  );
  return sources > built;
}

let building: Promise<void> | undefined;

/** Builds the web app when needed (once per process even if called concurrently). */
export function ensureWebBuilt(options: { force?: boolean } = {}): Promise<void> {
  if (!options.force && !webNeedsBuild()) return Promise.resolve();
  building ??= (async () => {
    const started = Date.now();
    log.info('Building the web app (web/ → web/dist) …');
    console.log('  Building the web app (Vite) …');
    const { build } = await import('vite');
    await build({
      root: WEB_ROOT,
      configFile: path.join(WEB_ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      mode: 'production',
    });
    log.info({ ms: Date.now() - started }, 'Web app built');
  })().finally(() => {
    building = undefined;
  });
  return building;
}

/**
 * Serves the built web app. Mount it before the landing page route (it answers `/` with the app
 * when web/dist exists and otherwise falls through); API paths always fall through.
 */
export function mountWeb(app: Express): void {
  const index = path.join(WEB_DIST, 'index.html');
  app.use(
    '/assets',
    express.static(path.join(WEB_DIST, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
    }),
  );
  // A missing hashed asset is a plain 404 (never index.html in its place).
  app.use('/assets', (_req, res) => {
    res.status(404).type('text').send('Not found');
  });
  app.use(express.static(WEB_DIST, { index: false, maxAge: '1h' }));
  app.get(/.*/, (req, res, next) => {
    if (NOT_WEB.test(req.path) || path.extname(req.path) !== '' || !req.accepts('html')) {
      return next();
    }
    // Not built (e.g. in API tests): let the routes after this one answer (the landing page).
    if (!fs.existsSync(index)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
