/**
 * The network's history over 令和4–6年度 (SPEC §12, issue 15), added after everything else so
 * the network *as of asOf* — the one the planted gaps describe — is exactly what it was without
 * history: every date written here is at most asOf, so at asOf every re-dated tie is valid and
 * every ended tie has ended. What changes is the past:
 *
 * - **growth**: a share of the KNOWS ties begins during 令和4–6年度 (ties across organisations
 *   more often than between colleagues), so the network becomes more connected year by year;
 * - **members who joined later**: in each dept about a third of the members joined during
 *   令和5年度 (MEMBER_OF since), so the 構成機関 changed from 令和4年度 to 令和5年度;
 * - **newcomers**: three of today's staff per region joined during 令和5–6年度 — every tie of
 *   theirs (WORKS_AT, LOCATED_IN, KNOWS) begins on or after the day they came;
 * - **departed people**: two former staff per region (one of them a former hub who knew a dozen
 *   people) who left during 令和5–6年度 — WORKS_AT, LOCATED_IN and every KNOWS tie ended then;
 * - **ended acquaintances**: a few KNOWS ties between people who no longer know each other
 *   (pairs not tied today), ended during 令和4–6年度.
 *
 * A separate random stream (fork 'history'), so the rest of the dataset is unchanged.
 * History needs asOf after 令和6年度 (2025-04-01 or later); earlier, none is added.
 */
import type { NetworkBuilder } from './builder';
import { addDays, parseIsoDate } from './dates';
import type { PeopleFactory } from './people';
import type { RegionState } from './region';
import type { Rng } from './random';

export const HISTORY_START = '2022-04-01';
export const HISTORY_END = '2025-03-31';
const FY5_START = '2023-04-01';
const FY5_END = '2024-03-31';
const FY6_END = HISTORY_END;

function dayBetween(rng: Rng, from: string, to: string): string {
  const days = Math.round((parseIsoDate(to) - parseIsoDate(from)) / 86_400_000);
  return addDays(from, rng.int(0, days));
}

export interface HistoryContext {
  b: NetworkBuilder;
  people: PeopleFactory;
  asOf: string;
}

export function addHistory(ctx: HistoryContext, rng: Rng, states: readonly RegionState[]): void {
  if (ctx.asOf <= HISTORY_END) return;
  growKnows(ctx.b, rng.fork('growth'));
  lateMembers(ctx.b, rng.fork('members'), states);
  for (const s of states) {
    const r = rng.fork(`region:${s.spec.slug}`);
    const joined = joinedPeople(ctx.b, r, s);
    departedPeople(ctx, r, s, joined);
    endedAcquaintances(ctx.b, r, s, joined);
  }
}

/** A share of KNOWS ties begins during 令和4–6年度: 45% across organisations, 15% within one. */
function growKnows(b: NetworkBuilder, rng: Rng): void {
  for (const k of b.ds.relationships.KNOWS) {
    const across = b.employer.get(k.from) !== b.employer.get(k.to);
    if (rng.chance(across ? 0.45 : 0.15)) k.since = dayBetween(rng, HISTORY_START, HISTORY_END);
  }
}

/** About a third of each dept's members joined during 令和5年度. */
function lateMembers(b: NetworkBuilder, rng: Rng, states: readonly RegionState[]): void {
  const depts = new Set(states.map((s) => s.spec.dept.id));
  for (const m of b.ds.relationships.MEMBER_OF) {
    if (depts.has(m.to) && rng.chance(1 / 3)) m.since = dayBetween(rng, FY5_START, FY5_END);
  }
}

/** Persons of the region (by id) who are in the network today. */
function regionPersons(b: NetworkBuilder, s: RegionState): string[] {
  const prefix = `person:${s.spec.slug}-`;
  return [...b.persons.keys()].filter((id) => id.startsWith(prefix)).sort();
}

/** Three of today's staff (not key persons, not talent) came during 令和5–6年度. */
function joinedPeople(b: NetworkBuilder, rng: Rng, s: RegionState): Set<string> {
  const staff = regionPersons(b, s).filter((id) => {
    const p = b.persons.get(id);
    return b.employer.has(id) && p && !p.isKeyPerson && !p.isTalent;
  });
  const joined = new Set(rng.sample(staff, 3));
  for (const id of joined) {
    const came = dayBetween(rng, FY5_START, HISTORY_END);
    const later = (r: { since?: string }) => {
      if (!r.since || r.since < came) r.since = came;
    };
    for (const w of b.ds.relationships.WORKS_AT) if (w.from === id) later(w);
    for (const l of b.ds.relationships.LOCATED_IN) if (l.from === id) later(l);
    for (const k of b.ds.relationships.KNOWS) if (k.from === id || k.to === id) later(k);
  }
  return joined;
}

/**
 * Two former staff of team organisations: the first knew 12 people (a former hub), the second
 * 5; both left during 令和5–6年度, every tie ending the day they left.
 */
function departedPeople(
  ctx: HistoryContext,
  rng: Rng,
  s: RegionState,
  joined: ReadonlySet<string>,
): void {
  const { b } = ctx;
  // those who came later never knew the former staff
  const pool = regionPersons(b, s).filter((id) => !joined.has(id));
  const orgs = [...s.teamStaff.keys()].sort();
  if (pool.length < 12 || orgs.length === 0) return;
  [12, 5].forEach((contacts, i) => {
    const id = `person:${s.spec.slug}-former-${i + 1}`;
    const left = dayBetween(rng, FY5_START, FY6_END);
    const joined = addDays(HISTORY_START, -rng.int(400, 3000));
    ctx.people.create(rng, {
      id,
      regionId: s.spec.region.id,
      title: i === 0 ? '前 事務局長' : '前 担当者',
      origin: 'local',
      band: i === 0 ? 'key' : 'staff',
      email: false,
    });
    const located = b.ds.relationships.LOCATED_IN.find((r) => r.from === id);
    if (located) Object.assign(located, { since: joined, until: left });
    b.addRel('WORKS_AT', {
      from: id,
      to: rng.pick(orgs),
      title: i === 0 ? '事務局長' : '担当',
      since: joined,
      until: left,
    });
    for (const other of rng.sample(pool, contacts)) {
      b.addRel('KNOWS', {
        from: id < other ? id : other,
        to: id < other ? other : id,
        strength: i === 0 ? 3 : 2,
        since: dayBetween(rng, joined, HISTORY_START),
        until: left,
        source: 'seed',
        context: '前任者としての付き合い',
      });
    }
  });
}

/** Five pairs of today's people, not tied today, who knew each other until 令和4–6年度. */
function endedAcquaintances(
  b: NetworkBuilder,
  rng: Rng,
  s: RegionState,
  joined: ReadonlySet<string>,
): void {
  const pool = regionPersons(b, s).filter((id) => !id.includes('-former-') && !joined.has(id));
  if (pool.length < 4) return;
  let added = 0;
  for (let tries = 0; added < 5 && tries < 100; tries++) {
    const [x, y] = rng.sample(pool, 2) as [string, string];
    if (b.knowsEachOther(x, y)) continue;
    const until = dayBetween(rng, HISTORY_START, HISTORY_END);
    const [from, to] = x < y ? [x, y] : [y, x];
    const ok = b.addRel('KNOWS', {
      from,
      to,
      strength: 1,
      since: addDays(until, -rng.int(200, 1500)),
      until,
      source: 'seed',
      context: '以前の仕事仲間',
    });
    if (ok) added++;
  }
}
