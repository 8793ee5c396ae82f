/**
 * zod without its compiled fast path. zod 4 probes whether it may compile code (`new Function`)
 * when the first object schema is made — at the import of common/model.ts — and the page's CSP
 * (script-src 'self', no 'unsafe-eval') blocks the probe: the browser reports a violation on
 * every page although zod catches the error. `jitless` skips the probe (and the fast path,
 * which the few small forms of the page do not need). Imported first by main, so it runs before
 * any module that makes a schema; the server keeps the fast path (it has no CSP).
 */
import { z } from 'zod';

z.config({ jitless: true });
