/**
 * The pages of the app, by path. Each page's own state is in the query string (the map page's
 * view: store/url.ts). Every path that is not a page of its own is the map page, so old and
 * shared links keep working; the server answers every such path with index.html
 * (server/http/web.ts).
 *
 * Pages are added here with their path, whether they need a signed-in account, and the chunk
 * that draws them (App.tsx): the import page and the introductions log for coordinators, and
 * the phone survey form a respondent opens with a personal link (no account: `signIn: false`,
 * and no map chunk).
 */
export type Route = { page: 'map' };

export interface PageInfo {
  /** Whether the page asks to sign in first. */
  signIn: boolean;
}

export const PAGES: Record<Route['page'], PageInfo> = {
  map: { signIn: true },
};

export function routeOf(_pathname: string): Route {
  return { page: 'map' };
}
