/**
 * The browser side of section `save` (saveBench.ts): the 入力 forms of the web app filled as a
 * coordinator fills them, and a watcher in the page that notes, on every animation frame from
 * the click on 保存 on, when the map, the ギャップ panel and the 紹介の提案 panel first show the
 * save. The
 * GraphQL round trips of each save are read from Chromium's network timing (playwright's
 * `requestfinished`), by operation name.
 */
import type { Page, Request } from 'playwright-core';

/** What a save should make visible (checked in the page). */
export type SaveWatch =
  | {
      step: 'person';
      /** The 保存 button clicked (the click is the start). */
      button: string;
      /** The new person's name: their node is found by it on the map answer. */
      name: string;
    }
  | {
      step: 'tie';
      button: string;
      from: string;
      to: string;
      /** Whether this tie closes the person's ISOLATED_NEWCOMER gap (their second local tie). */
      closes: boolean;
    };

/** Page clock (ms) of the click and of the first frame that showed each part of the save. */
export interface SaveSeen {
  clickAt: number;
  mapAt: number;
  panelAt: number;
  /** The first frame with a new 紹介の提案 answer (the suggestions of the new graph version). */
  suggestionsAt: number;
  /** The new person's id (step `person`), else the tie's `from`. */
  id: string | null;
}

interface AppWindow {
  __app: {
    map: {
      core: { getElementById(id: string): { nonempty(): boolean } };
      counts(): { nodes: number; edges: number };
    };
    timings: Record<string, number>;
    data: {
      nodes: Array<{ id: string; name: string }>;
      edges: Array<{ source: string; target: string; type: string }>;
      gaps: {
        status: string;
        value?: Array<{ kind: string; nodeIds: string[]; relatedIds: string[] }>;
      };
      suggestions: { status: string };
    };
  };
  __saveSeen?: SaveSeen;
}

/**
 * Starts the watcher: a capture listener notes the click on `spec.button`, then each animation
 * frame checks (1) the map is drawn (`body[data-map-ready]`) with the new node in cytoscape or
 * the new KNOWS edge in the drawn answer, (2) the ギャップ answer has the change — the new
 * person's ISOLATED_NEWCOMER gap; after a first local tie, that gap naming the local person
 * (severity 0.8 → 0.5); after a second, no such gap — and the ギャップ tab's count shows that
 * answer's length (the panel has rendered it), (3) a new 紹介の提案 answer is shown.
 */
export function watchSave(page: Page, spec: SaveWatch): Promise<void> {
  return page.evaluate((spec) => {
    const w = window as unknown as AppWindow;
    const app = w.__app;
    const seen: SaveSeen = {
      clickAt: NaN,
      mapAt: NaN,
      panelAt: NaN,
      suggestionsAt: NaN,
      id: null,
    };
    w.__saveSeen = seen;
    let suggestionsBefore: unknown = null;
    const onClick = (e: Event) => {
      if (e.target instanceof Element && e.target.closest(spec.button)) {
        seen.clickAt = performance.now();
        suggestionsBefore = app.data.suggestions;
        document.removeEventListener('click', onClick, true);
      }
    };
    document.addEventListener('click', onClick, true);
    const frame = () => {
      if (!Number.isNaN(seen.clickAt)) {
        const now = performance.now();
        const id =
          spec.step === 'person'
            ? (app.data.nodes.find((n) => n.name === spec.name)?.id ?? null)
            : spec.from;
        seen.id = id;
        if (Number.isNaN(seen.mapAt) && id && document.body.dataset.mapReady === 'true') {
          const shown =
            spec.step === 'person'
              ? app.map.core.getElementById(id).nonempty()
              : app.data.edges.some(
                  (e) =>
                    e.type === 'KNOWS' &&
                    ((e.source === spec.from && e.target === spec.to) ||
                      (e.source === spec.to && e.target === spec.from)),
                );
          if (shown) seen.mapAt = now;
        }
        const gaps = app.data.gaps;
        if (Number.isNaN(seen.panelAt) && id && gaps.status === 'ok' && gaps.value) {
          const mine = gaps.value.find(
            (g) => g.kind === 'ISOLATED_NEWCOMER' && g.nodeIds.includes(id),
          );
          const changed =
            spec.step === 'person'
              ? mine !== undefined
              : spec.closes
                ? mine === undefined
                : mine !== undefined && mine.relatedIds.includes(spec.to);
          const tab = document.querySelector('#tab-gaps .count')?.textContent;
          if (changed && tab === String(gaps.value.length)) seen.panelAt = now;
        }
        // Each answer is a new state object; the kept one is the answer before the save.
        const sug = app.data.suggestions;
        if (Number.isNaN(seen.suggestionsAt) && sug !== suggestionsBefore && sug.status === 'ok')
          seen.suggestionsAt = now;
      }
      if ([seen.mapAt, seen.panelAt, seen.suggestionsAt].some(Number.isNaN))
        requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, spec);
}

/** Waits until the watcher has seen every part; returns what it saw and the app's map timings. */
export async function seenSave(page: Page): Promise<{
  seen: SaveSeen;
  timings: Record<string, number>;
  counts: { nodes: number; edges: number };
}> {
  await page.waitForFunction(
    () => {
      const s = (window as unknown as AppWindow).__saveSeen;
      return s !== undefined && ![s.mapAt, s.panelAt, s.suggestionsAt].some(Number.isNaN);
    },
    undefined,
    { polling: 'raf', timeout: 120_000 },
  );
  return page.evaluate(() => {
    const w = window as unknown as AppWindow;
    return {
      seen: { ...w.__saveSeen! },
      timings: { ...w.__app.timings },
      counts: w.__app.map.counts(),
    };
  });
}

/** One GraphQL request as Chromium timed it. */
export interface RoundTrip {
  op: string;
  /** Request start → response end (Chromium's resource timing), ms. */
  ms: number;
}

/** Records the round trip of every /graphql request of the page; `take()` hands them over. */
export function recordRoundTrips(page: Page): { take(): RoundTrip[] } {
  let trips: RoundTrip[] = [];
  page.on('requestfinished', (req: Request) => {
    if (!req.url().endsWith('/graphql')) return;
    let op = '?';
    try {
      const body = JSON.parse(req.postData() ?? '{}') as { query?: string };
      op = /\b(?:query|mutation)\s+(\w+)/.exec(body.query ?? '')?.[1] ?? '?';
    } catch {
      // not a JSON body: counted under '?'
    }
    const t = req.timing();
    trips.push({ op, ms: t.responseEnd >= 0 ? t.responseEnd : NaN });
  });
  return {
    take() {
      const out = trips;
      trips = [];
      return out;
    },
  };
}

/** Signs in through the form as a coordinator and waits until the map is drawn. */
export async function signIn(
  page: Page,
  url: string,
  account: { username: string; password: string },
): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('form.auth');
  await page.fill('#auth-username', account.username);
  await page.fill('#auth-password', account.password);
  await page.click('form.auth button[type=submit]');
  await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
}

/** The button that saves the new-node form, and the one that saves a tie. */
export const SAVE_PERSON = 'form.create button[data-key="save"]';
export const SAVE_TIE = '#panel button[data-key="connect-save"]';

/** Opens 追加 → 人 with nothing selected and fills a side-job talent from outside, with フリガナ. */
export async function fillNewTalent(page: Page, name: string, kana: string): Promise<void> {
  await page.evaluate(() =>
    (
      window as unknown as {
        __app: { store: { update(p: Record<string, unknown>): void } };
      }
    ).__app.store.update({ selected: null, panel: 'detail' }),
  );
  await page.click('#panel button[data-key="add-Person"]');
  await page.fill('#new-name', name);
  await page.fill('#new-nameKana', kana);
  await page.selectOption('#new-origin', 'outside');
  await page.check('#new-isTalent');
  await page.selectOption('#new-talentKind', 'side_job');
  await page.fill('#new-hoursPerMonth', '20');
}

/** With the person's 詳細 shown: つなぐ… → 知り合い to `to`, strength 2, a context. */
export async function fillKnowsTie(page: Page, to: { id: string; name: string }): Promise<void> {
  await page.waitForSelector('#panel h2.detail-name');
  await page.click('#panel button[data-key="connect"]');
  await page.selectOption('#connect-type', 'KNOWS');
  await page.fill('#connect-to', to.name);
  await page.locator(`[data-picker="connect-to"] button[data-pick="${to.id}"]`).click();
  await page.selectOption('#connect-strength', '2');
  await page.fill('#connect-context', '移住者交流会');
}

/** After a tie's save: its form has closed (the next つなぐ… opens a fresh one). */
export async function tieFormClosed(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('#panel form.connect') === null,
    undefined,
    { timeout: 60_000 },
  );
}
