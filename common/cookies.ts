/**
 * Names the server and the page share (no dependencies, so the web app imports them too): the
 * httpOnly session cookie, the readable cookie with the session's CSRF value, and the header
 * the page echoes it in.
 */
export const SESSION_COOKIE = 'cj_session';
export const CSRF_COOKIE = 'cj_csrf';
export const CSRF_HEADER = 'x-csrf-token';
