/**
 * Creates fictional Person nodes: Japanese names, example.jp / example.com e-mail addresses,
 * fictional `-00-` phone numbers, consent flags and the coordinator's 0..5 assessment of the
 * report's three key-person elements (mind, skill, network), drawn from a band per role.
 */
import type { NetworkBuilder, PersonRow } from './builder';
import { kanaOf } from './kana';
import { GIVEN_NAMES, SURNAMES } from './names';
import type { Rng } from './random';
import type { TALENT_KINDS } from '../common/model';

export type TalentKind = (typeof TALENT_KINDS)[number];

/** Assessment bands: [min, max] for mind, skill, network. */
const BANDS = {
  key: [
    [4, 5],
    [3, 5],
    [4, 5],
  ],
  staff: [
    [2, 4],
    [2, 4],
    [2, 4],
  ],
  sme: [
    [1, 4],
    [1, 3],
    [1, 3],
  ],
  talent: [
    [2, 5],
    [3, 5],
    [1, 3],
  ],
  low: [
    [1, 2],
    [1, 2],
    [1, 2],
  ],
  newcomer: [
    [3, 4],
    [3, 5],
    [0, 1],
  ],
} as const;
export type Band = keyof typeof BANDS;

export interface PersonSpec {
  id: string;
  regionId: string;
  title?: string;
  origin: 'local' | 'outside';
  band: Band;
  isKeyPerson?: boolean;
  talent?: { kind: TalentKind; hoursPerMonth: number; remoteOk: boolean };
  /** Whether the coordinator has an e-mail address / phone number for them. */
  email: boolean;
  phoneAreaCode?: string;
}

export class PeopleFactory {
  private readonly emailsUsed = new Map<string, number>();
  private readonly phoneSeq = new Map<string, number>();

  constructor(private readonly b: NetworkBuilder) {}

  /** Adds the person and their LOCATED_IN. */
  create(rng: Rng, spec: PersonSpec): PersonRow {
    const [surname, surnameEn] = rng.pick(SURNAMES);
    const [given, givenEn] = rng.pick(GIVEN_NAMES);
    const band = BANDS[spec.band];
    const key = spec.isKeyPerson ?? false;
    const row: PersonRow = {
      id: spec.id,
      name: `${surname} ${given}`,
      nameKana: kanaOf(surname, given),
      origin: spec.origin,
      mind: rng.int(band[0][0], band[0][1]),
      skill: rng.int(band[1][0], band[1][1]),
      network: rng.int(band[2][0], band[2][1]),
      consentShareContact: key || rng.chance(0.6),
      consentPublicProfile: key ? rng.chance(0.8) : rng.chance(0.3),
      isKeyPerson: key,
      isTalent: spec.talent !== undefined,
    };
    if (spec.title) row.title = spec.title;
    if (spec.email)
      row.email = this.email(
        givenEn,
        surnameEn,
        spec.origin === 'outside' ? 'example.com' : 'example.jp',
      );
    if (spec.phoneAreaCode) row.phone = this.phone(spec.phoneAreaCode);
    if (spec.talent) {
      row.talentKind = spec.talent.kind;
      row.hoursPerMonth = spec.talent.hoursPerMonth;
      row.remoteOk = spec.talent.remoteOk;
    }
    this.b.addNode('Person', row);
    this.b.addRel('LOCATED_IN', { from: spec.id, to: spec.regionId });
    return row;
  }

  /** `taro.yamada@example.jp`, then `taro.yamada2@…` for the next 山田太郎. */
  private email(given: string, surname: string, domain: string): string {
    const local = `${given}.${surname}`;
    const n = (this.emailsUsed.get(local) ?? 0) + 1;
    this.emailsUsed.set(local, n);
    return `${local}${n === 1 ? '' : n}@${domain}`;
  }

  /** `0263-00-0001`: the `00` exchange is unassigned, so no real number is ever produced. */
  private phone(areaCode: string): string {
    const n = (this.phoneSeq.get(areaCode) ?? 0) + 1;
    this.phoneSeq.set(areaCode, n);
    return `${areaCode}-00-${String(n).padStart(4, '0')}`;
  }
}
