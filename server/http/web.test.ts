/**
 * When the web app is rebuilt: web/dist older than anything the page is built from (its own
 * sources and common/, which it imports) — and a built app with nothing newer is left alone.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { webNeedsBuild } from './web';

const root = mkdtempSync(path.join(tmpdir(), 'chiiki-web-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function file(rel: string, secondsAgo: number): string {
  const p = path.join(root, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, rel);
  const t = Date.now() / 1000 - secondsAgo;
  utimesSync(p, t, t);
  return p;
}

describe('webNeedsBuild', () => {
  it('builds when dist is missing or older than web/src or common/, not otherwise', () => {
    file('web/src/main.ts', 300);
    file('common/model.ts', 300);
    expect(webNeedsBuild(root)).toBe(true);
    file('web/dist/index.html', 100);
    expect(webNeedsBuild(root)).toBe(false);
    file('common/model.ts', 10);
    expect(webNeedsBuild(root)).toBe(true);
    file('web/dist/index.html', 5);
    expect(webNeedsBuild(root)).toBe(false);
    file('web/src/main.ts', 1);
    expect(webNeedsBuild(root)).toBe(true);
  });
});
