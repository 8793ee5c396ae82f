/**
 * Every number of the introduction suggestions (docs/analytics.md "Introduction
 * suggestions"), named, in one place.
 */

export const SUGGESTION_DEFAULT_LIMIT = 10;
export const SUGGESTION_MAX_LIMIT = 100;
/** No more than BROKER_CAP of the first BROKER_CAP_WINDOW suggestions through one broker. */
export const BROKER_CAP = 3;
export const BROKER_CAP_WINDOW = 10;
/** A pair declined this many days before asOf (or later) is not suggested again. */
export const DECLINE_WINDOW_DAYS = 180;
/** Weight of a gap that a tie reduces but does not close on its own. */
export const PARTIAL_WEIGHT = 0.5;
/** Key-person dependencies examined (highest severity first); each costs two BFS of T. */
export const MAX_DEPENDENCY_GAPS = 100;

/** How likely an introduction is to happen, by the route it takes. */
export const FEASIBILITY = {
  /** A mutual contact: 0.7 at combined strength 2, up to 1.0 at 6. */
  mutualMin: 0.7,
  mutualMax: 1.0,
  /** Colleagues at one organisation who have not met. */
  sameOrg: 0.6,
  /** A colleague of one who knows the other: 0.5 at strength 1, 0.6 at 3. */
  colleagueMin: 0.5,
  colleagueMax: 0.6,
  /** No route: the coordinator introduces them. */
  cold: 0.3,
} as const;

/** How well the two fit each other: base + bonuses, at most 1. */
export const FIT = {
  base: 0.5,
  sameRegion: 0.2,
  skillMatchesChallenge: 0.15,
  /** Per person of the pair who consents to share their contact. */
  consentShareContact: 0.075,
} as const;

/** How many people each kind of gap proposes, and the bonuses that rank them. */
export const CANDIDATES = {
  /** COORDINATION_GAP: top staff of each org (by key-person score). */
  coordinationStaff: 3,
  /** UNSUPPORTED_SME: the SME's staff × the best-placed staff of the covering depts' teams. */
  smeStaff: 3,
  teamStaff: 4,
  /** Bonus of team staff who work in the SME's region. */
  teamStaffInRegion: 0.2,
  /** ISOLATED_NEWCOMER: local persons proposed for a newcomer, and their bonuses. */
  newcomerLocals: 4,
  newcomerColleague: 0.3,
  newcomerEngagedSmeStaff: 0.3,
  newcomerFriendOfFriend: 0.2,
  newcomerKeyPersonSameRegion: 0.1,
  /** COMMUNITY_SILO: top silo members × top key persons, with a bonus for the silo's dept. */
  siloMembers: 3,
  siloKeyPersons: 3,
  siloKeyPersonSameDept: 0.3,
  /** KEY_PERSON_DEPENDENCY: persons on each side of the bridge. */
  dependencySide: 3,
  /** FOLLOW_UP_OVERDUE: SME staff and lead-org staff proposed to the talent. */
  followUpSmeStaff: 2,
  followUpLeadStaff: 2,
} as const;
