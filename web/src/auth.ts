/**
 * Signing in (SPEC §7 "Sign-in; what a user sees follows their role"): the page asks the
 * server who is signed in (/auth/me); when nobody is, it shows the sign-in form
 * (app/SignIn.tsx).
 * The session itself is an httpOnly cookie the page cannot read; the page echoes the CSRF
 * value (a readable cookie) in X-CSRF-Token on every request that changes something. What is
 * shown per role is a convenience: the server enforces every rule.
 */
import { parse } from 'cookie';
import { CSRF_COOKIE, CSRF_HEADER } from '../../common/cookies';
import type { Role } from '../../common/roles';
import { getLang, t } from './i18n';

// The server's own rules (a pure module): the page offers what the server allows.
export { canWrite, pseudonymises, seesContact } from '../../common/roles';
export { CSRF_HEADER };

export interface Me {
  username: string;
  displayName: string;
  role: Role;
  roleLabel: { ja: string; en: string };
  deptId: string | null;
  /** null = every region. */
  regionIds: string[] | null;
}

/** The CSRF value of this session (a readable cookie), or '' when signed out. */
export function csrfToken(
  cookie: string = typeof document === 'undefined' ? '' : document.cookie,
): string {
  return parse(cookie)[CSRF_COOKIE] ?? '';
}

/** The role as the page shows it. */
export function roleText(me: Me): string {
  return me.roleLabel[getLang()] ?? me.role;
}

async function errorMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { errors?: Array<{ message?: string }> };
    const m = body.errors?.[0]?.message;
    if (m) {
      // Server messages are "日本語 / English": show the part in the page's language.
      const [ja, en] = m.split(' / ');
      return (getLang() === 'en' ? en : ja) ?? m;
    }
  } catch {
    // not JSON
  }
  return t('auth.failed');
}

export async function fetchMe(): Promise<Me | null> {
  const res = await fetch('/auth/me', { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`auth/me: HTTP ${res.status}`);
  return ((await res.json()) as { user: Me | null }).user;
}

export async function signOut(): Promise<void> {
  await fetch('/auth/signout', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { [CSRF_HEADER]: csrfToken() },
  });
  location.reload();
}

/** Signs in; resolves with the account, or with the message to show when refused. */
export async function signIn(
  username: string,
  password: string,
): Promise<{ user: Me } | { error: string }> {
  try {
    const res = await fetch('/auth/signin', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.ok) return { user: ((await res.json()) as { user: Me }).user };
    return { error: await errorMessage(res) };
  } catch {
    return { error: t('err.network') };
  }
}
