/**
 * What a region is made of (RegionSpec) and which gaps will be planted in it (RegionPlan).
 * Plans are fixed before the healthy network is built, because two kinds of gap constrain how it
 * is built rather than adding to it: a COORDINATION_GAP forbids ties and shared events between
 * two organisations, and a liaison-style KEY_PERSON_DEPENDENCY keeps an organisation reachable
 * through one of its staff only.
 */
import type { OrgFunction, OrgKind } from './catalog';
import type { DeptDef, RegionDef } from './pilot';
import { pairKey } from './builder';
import type { Rng } from './random';
import { ORG_FUNCTIONS } from '../common/model';

export interface TeamOrg {
  id: string;
  kind: OrgKind;
  functions: readonly OrgFunction[];
  /** True when the organisation belongs to the team of more than one dept. */
  shared: boolean;
  /** Branch prefix for a shared lender's staff titles (`日立支店`). */
  branch?: string;
}

export interface Profile {
  smes: number;
  /** Staff per team organisation in this dept, [min, max] (min ≥ 3: no lone bridges). */
  staffPerOrg: readonly [number, number];
  talents: number;
  events: number;
  /** SME owners declared key persons (地域の経営者), ≥ 2. */
  localLeaders: number;
  /** SMEs per neighbourhood cluster (地区・業界の経営者仲間). */
  clusterSize: number;
}

export interface RegionSpec {
  region: RegionDef & { areaCode: string };
  /** Short slug used in generated ids (`person:shiojiri-0001`). */
  slug: string;
  dept: DeptDef;
  /** The lead first, then the members. */
  team: readonly TeamOrg[];
  profile: Profile;
  /** The report's pilot rules: matching everywhere but 長岡市, internships only in 長岡市 and 塩尻市. */
  matching: boolean;
  internship: boolean;
}

export interface RegionPlan {
  /** KEY_PERSON_DEPENDENCY (liaison form): a member org reachable only through its first staff. */
  liaisonOrg?: string;
  /** COORDINATION_GAP pairs [a, b]; `b` is kept away from every event. */
  coordination: [string, string][];
  /** FUNCTION_UNCOVERED: functions removed from every team org of this dept. */
  strip: OrgFunction[];
  unsupported: number;
  /** KEY_PERSON_DEPENDENCY (SME form): an SME whose owner is its only tie to the network. */
  kpdOwner: number;
  newcomers: number;
  overdue: number;
  silos: number;
  /**
   * Whether silos get one or two weak ties to ordinary people. Only at pilot scale: on a large
   * graph, modularity's resolution limit makes Louvain merge a small clique into the community
   * of any neighbour (merging pays when 2m·w > d_silo·d_neighbour), so there a silo is exact
   * only as its own KNOWS component.
   */
  siloWeakTies: boolean;
}

export type SimpleCount = 'unsupported' | 'kpdOwner' | 'newcomers' | 'overdue' | 'silos';

/** Builds a region's plan step by step, refusing what cannot be planted exactly. */
export class PlanBuilder {
  readonly plan: RegionPlan = {
    coordination: [],
    strip: [],
    unsupported: 0,
    kpdOwner: 0,
    newcomers: 0,
    overdue: 0,
    silos: 0,
    siloWeakTies: false,
  };

  constructor(
    readonly spec: RegionSpec,
    private readonly partnered: ReadonlySet<string>,
  ) {}

  private get lead(): TeamOrg {
    return this.spec.team[0] as TeamOrg;
  }

  /** Members only in this dept: changing them cannot create a gap in another dept. */
  private exclusiveMembers(): TeamOrg[] {
    return this.spec.team.slice(1).filter((o) => !o.shared);
  }

  private absent(): string | undefined {
    return this.plan.coordination[0]?.[1];
  }

  tryLiaison(rng: Rng): boolean {
    if (this.plan.liaisonOrg || this.spec.team.length < 3) return false;
    // The liaison's first staff must be free to tie with every other team org.
    const inPairs = new Set(this.plan.coordination.flat());
    const candidates = this.exclusiveMembers().filter((o) => !inPairs.has(o.id));
    if (candidates.length === 0) return false;
    this.plan.liaisonOrg = rng.pick(candidates).id;
    return true;
  }

  /** One more gap pair; all pairs of a region share the absent org `b`. */
  tryCoordination(rng: Rng): boolean {
    let b = this.absent();
    if (!b) {
      const candidates = this.exclusiveMembers().filter((o) => o.id !== this.plan.liaisonOrg);
      if (candidates.length === 0) return false;
      b = rng.pick(candidates).id;
    }
    const taken = new Set(this.plan.coordination.map(([a]) => a));
    const absent = b;
    const partners = [this.lead, ...this.exclusiveMembers()].filter(
      (o) =>
        o.id !== absent &&
        o.id !== this.plan.liaisonOrg &&
        !taken.has(o.id) &&
        !this.partnered.has(pairKey(o.id, absent)),
    );
    if (partners.length === 0) return false;
    this.plan.coordination.push([rng.pick(partners).id, absent]);
    return true;
  }

  /** A function no shared team org has can be removed from this dept alone. */
  tryStrip(rng: Rng): boolean {
    const sharedFunctions = new Set(
      this.spec.team.filter((o) => o.shared).flatMap((o) => o.functions),
    );
    const candidates = ORG_FUNCTIONS.filter(
      (f) => !sharedFunctions.has(f) && !this.plan.strip.includes(f),
    );
    if (candidates.length === 0) return false;
    this.plan.strip.push(rng.pick(candidates));
    return true;
  }

  add(kind: SimpleCount, n = 1): void {
    this.plan[kind] += n;
  }
}
