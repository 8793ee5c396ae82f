/**
 * The pages of the app, by path. Each page's own state is in the query string (the map page's
 * view: store/url.ts). Every path that is not a page of its own is the map page, so old and
 * shared links keep working; the server answers every such path with index.html
 * (server/http/web.ts).
 *
 * A page is added here (its path, and its parameters in the union) and in App.tsx (the chunk
 * that draws it): the import page and the introductions log for coordinators, and the phone
 * survey form a respondent opens with a personal link — a page without the map chunk, and
 * without the sign-in (boot in main.tsx asks who is signed in only for pages that need it).
 */
export type Route =
  | { page: 'map' }
  | { page: 'compare' }
  | { page: 'regions' }
  | { page: 'report' }
  | { page: 'import' }
  | { page: 'waves' }
  | { page: 'survey' };

/** The pages of their own: over time (SPEC §12; web/src/time) and the import (web/src/import). */
const PAGES: Record<string, Route> = {
  '/compare': { page: 'compare' },
  '/regions': { page: 'regions' },
  '/report': { page: 'report' },
  '/import': { page: 'import' },
  '/waves': { page: 'waves' },
  '/survey': { page: 'survey' },
};

/** Pages opened without an account: the survey form (its personal link is the only key). */
export function isPublicPage(page: Route['page']): boolean {
  return page === 'survey';
}

export function routeOf(pathname: string): Route {
  return PAGES[pathname.replace(/\/+$/, '')] ?? { page: 'map' };
}
