/**
 * NetworkBuilder accumulates a dataset and keeps the indexes the generator needs to keep its
 * promises (who works where, who knows whom). Every KNOWS tie goes through `knows`, which is
 * where the two invariants that protect planted gaps are enforced:
 * - *frozen* persons (members of a planted structure) get no ties except the planted ones;
 * - *forbidden* org pairs (planted COORDINATION_GAPs) never get a tie between their staff.
 */
import type { NodeLabel, RelType } from '../common/model';
import { emptyDataset, type Dataset, type NodeRow, type RelRow } from './dataset';

export type PersonRow = NodeRow<'Person'>;
export type KnowsProps = Omit<RelRow<'KNOWS'>, 'from' | 'to'>;

export class NetworkBuilder {
  readonly ds: Dataset = emptyDataset();
  /** Person id → row, for the checks below. */
  readonly persons = new Map<string, PersonRow>();
  /** Person id → the organisation or SME they work at. */
  readonly employer = new Map<string, string>();
  /** Employer id → its staff, in creation order. */
  readonly staffOf = new Map<string, string[]>();
  /** Person id → persons they know (both directions). */
  readonly acquaintances = new Map<string, Set<string>>();
  readonly frozen = new Set<string>();
  private readonly forbidden = new Set<string>();
  private readonly relKeys = new Set<string>();

  addNode<L extends NodeLabel>(label: L, row: NodeRow<L>): NodeRow<L> {
    this.ds.nodes[label].push(row);
    if (label === 'Person') this.persons.set(row.id, row as PersonRow);
    return row;
  }

  /** Adds a relationship once per (type, from, to); returns false for a duplicate. */
  addRel<T extends RelType>(type: T, row: RelRow<T>): boolean {
    const key = `${type}|${row.from}|${row.to}`;
    if (this.relKeys.has(key)) return false;
    this.relKeys.add(key);
    this.ds.relationships[type].push(row);
    return true;
  }

  worksAt(personId: string, employerId: string, title: string, since?: string): void {
    this.employer.set(personId, employerId);
    const staff = this.staffOf.get(employerId);
    if (staff) staff.push(personId);
    else this.staffOf.set(employerId, [personId]);
    this.addRel(
      'WORKS_AT',
      since
        ? { from: personId, to: employerId, title, since }
        : { from: personId, to: employerId, title },
    );
  }

  staff(employerId: string): readonly string[] {
    return this.staffOf.get(employerId) ?? [];
  }

  forbidPair(orgA: string, orgB: string): void {
    this.forbidden.add(pairKey(orgA, orgB));
  }

  isForbiddenPair(personA: string, personB: string): boolean {
    const a = this.employer.get(personA);
    const b = this.employer.get(personB);
    return a !== undefined && b !== undefined && this.forbidden.has(pairKey(a, b));
  }

  /**
   * Adds a KNOWS tie (stored once, `from` < `to`). Refused — returning false — for a self tie, a
   * duplicate, a forbidden org pair, or a frozen person unless `planted` is set.
   */
  knows(a: string, b: string, props: KnowsProps, planted = false): boolean {
    if (a === b || this.knowsEachOther(a, b)) return false;
    if (!planted && (this.frozen.has(a) || this.frozen.has(b))) return false;
    if (this.isForbiddenPair(a, b)) return false;
    const [from, to] = a < b ? [a, b] : [b, a];
    this.addRel('KNOWS', { from, to, ...props });
    this.link(a, b);
    this.link(b, a);
    return true;
  }

  knowsEachOther(a: string, b: string): boolean {
    return this.acquaintances.get(a)?.has(b) ?? false;
  }

  acquaintancesOf(personId: string): ReadonlySet<string> {
    return this.acquaintances.get(personId) ?? EMPTY;
  }

  private link(a: string, b: string): void {
    const s = this.acquaintances.get(a);
    if (s) s.add(b);
    else this.acquaintances.set(a, new Set([b]));
  }
}

const EMPTY: ReadonlySet<string> = new Set();

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
