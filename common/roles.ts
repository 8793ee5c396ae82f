/**
 * Who may do what (SPEC §8), as pure functions of the signed-in viewer. The HTTP layer, the
 * analytics resolvers and the entity API's @authorization rules all follow these rules:
 *
 * | role         | reads                          | writes                        | persons          |
 * |--------------|--------------------------------|-------------------------------|------------------|
 * | admin        | every region                   | everything, accounts, audit   | as stored        |
 * | coordinator  | the regions their dept covers  | nodes and introductions there | as stored        |
 * | municipality | their region (outreach)        | nothing                       | contact withheld |
 * | analyst      | every region                   | nothing                       | pseudonymised    |
 *
 * "Pseudonymised": a person without `consentPublicProfile` appears under a stable alias
 * (server/auth/privacy.ts), without the title and exact dates that would re-identify them; an
 * analyst never receives `email` or `phone`. A coordinator receives contact data only of
 * persons who consented to share it; a municipality neither contact data nor ratings
 * (docs/privacy.md).
 */
import { z } from 'zod';

export const ROLES = ['admin', 'coordinator', 'municipality', 'analyst'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** The signed-in user as every request handler sees them. */
export interface Viewer {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  /** Coordinator: their 地域の人事部. */
  deptId: string | null;
  /** Regions they may read: null = all (admin, analyst). */
  regionIds: string[] | null;
}

export class AccessDenied extends Error {
  constructor(
    readonly code: 'UNAUTHENTICATED' | 'FORBIDDEN',
    message: string,
  ) {
    super(message);
    this.name = 'AccessDenied';
  }
}

export const ROLE_LABELS: Record<Role, { ja: string; en: string }> = {
  admin: { ja: '管理者', en: 'administrator' },
  coordinator: { ja: 'コーディネーター', en: 'coordinator' },
  municipality: { ja: '自治体', en: 'municipality' },
  analyst: { ja: 'アナリスト', en: 'analyst' },
};

export function requireViewer(viewer: Viewer | null | undefined): Viewer {
  if (!viewer) {
    throw new AccessDenied(
      'UNAUTHENTICATED',
      'Sign in first (a session cookie or an Authorization: Bearer token). / サインインしてください。',
    );
  }
  return viewer;
}

/** Whether the viewer may read the analytics of a region (null = all regions). */
export function canReadRegion(viewer: Viewer, regionId: string | null): boolean {
  if (viewer.regionIds === null) return true;
  return regionId !== null && viewer.regionIds.includes(regionId);
}

/** Throws FORBIDDEN unless the viewer may read the region (null = all regions). */
export function assertReadRegion(viewer: Viewer, regionId: string | null): void {
  if (canReadRegion(viewer, regionId)) return;
  const own = (viewer.regionIds ?? []).join(', ') || 'none';
  throw new AccessDenied(
    'FORBIDDEN',
    regionId === null
      ? `Your account reads only its own regions (${own}); choose one of them. / 担当地域を選んでください。`
      : `Your account may not read region ${regionId} (your regions: ${own}). / この地域を見る権限がありません。`,
  );
}

/** Whether the viewer may change data (nodes, introductions) at all. */
export function canWrite(viewer: Pick<Viewer, 'role'>): boolean {
  return viewer.role === 'admin' || viewer.role === 'coordinator';
}

export function assertCanWrite(viewer: Viewer): void {
  if (canWrite(viewer)) return;
  throw new AccessDenied(
    'FORBIDDEN',
    `A ${viewer.role} account cannot change data; ask your coordinator. / この操作を行う権限がありません。`,
  );
}

export function assertAdmin(viewer: Viewer): void {
  if (viewer.role === 'admin') return;
  throw new AccessDenied('FORBIDDEN', 'Only an administrator may do this. / 管理者のみ可能です。');
}

/** Persons appear under an alias unless they consented to a public profile. */
export function pseudonymises(viewer: Pick<Viewer, 'role'>): boolean {
  return viewer.role === 'analyst';
}

/**
 * Whether the viewer may receive a person's e-mail and phone at all (a coordinator only of
 * persons who consented to share them: contactAccess).
 */
export function seesContact(viewer: Pick<Viewer, 'role'>): boolean {
  return viewer.role === 'admin' || viewer.role === 'coordinator';
}

/**
 * Whose contact data the viewer receives: `all` as stored (admins keep the data), `consented`
 * only of persons with consentShareContact (coordinators, who contact people), `none`.
 */
export function contactAccess(viewer: Pick<Viewer, 'role'>): 'all' | 'consented' | 'none' {
  if (viewer.role === 'admin') return 'all';
  return viewer.role === 'coordinator' ? 'consented' : 'none';
}

/**
 * Whether the viewer may read the coordinator's ratings of a person (mind, skill, network):
 * not a municipality, which sees persons by name; its analytics are computed without them.
 */
export function seesRatings(viewer: Pick<Viewer, 'role'>): boolean {
  return viewer.role !== 'municipality';
}

/**
 * The claims handed to @neo4j/graphql's @authorization rules (entities.graphql): the role and
 * the readable regions (`allRegions` for admin and analyst).
 */
export function graphqlJwt(viewer: Viewer): {
  sub: string;
  role: Role;
  allRegions: boolean;
  regionIds: string[];
} {
  return {
    sub: viewer.userId,
    role: viewer.role,
    allRegions: viewer.regionIds === null,
    regionIds: viewer.regionIds ?? [],
  };
}
