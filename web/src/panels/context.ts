import type { Me } from '../auth';
/** What every panel gets: the view state, the loaded data and the actions it may call. */
import type { Cell } from '../csv';
import type { Overlay, PanelId, ViewState } from '../state';
import type {
  Gap,
  IntroductionSuggestion,
  KeyPersonScore,
  MapEdge,
  MapNode,
  OutreachTarget,
  PathStep,
  RecordedStatus,
  RegionOption,
  RemovalImpact,
} from '../types';

export type Async<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ok'; value: T }
  | { status: 'error'; message: string };

export interface AppData {
  regions: RegionOption[];
  nodes: MapNode[];
  edges: MapEdge[];
  nodeById: Map<string, MapNode>;
  keyPersons: Async<KeyPersonScore[]>;
  gaps: Async<Gap[]>;
  suggestions: Async<IntroductionSuggestion[]>;
  outreach: Async<OutreachTarget[]>;
  /** The recorded fields of the selected node (entity API). */
  entity: Async<Record<string, unknown> | null>;
  whatIf: Async<RemovalImpact>;
  path: Async<PathStep[] | null>;
  /** Node kinds whose fields can be edited (the server offers an update mutation). */
  editable: Set<string>;
  /** Start of a connection path being chosen. */
  pathFrom: string | null;
  /** The signed-in account (null before sign-in). */
  me: Me | null;
}

export interface Actions {
  select(id: string | null, opts?: { panel?: PanelId }): void;
  show(overlay: Overlay | null, selected?: string | null): void;
  setFocus(depth: 0 | 1 | 2): void;
  record(s: IntroductionSuggestion, status: RecordedStatus): Promise<void>;
  setPathFrom(id: string | null): void;
  saveEntity(kind: string, id: string, values: Record<string, unknown>): Promise<void>;
  exportCsv(title: string, header: string[], rows: Cell[][]): void;
  notify(message: string, kind?: 'info' | 'error'): void;
}

export interface PanelContext {
  state: ViewState;
  data: AppData;
  actions: Actions;
  /** The display name of a node id (never the id itself). */
  name(id: string | null | undefined): string;
}
