/**
 * The actions the components call: the view changes (select, show an overlay, focus, the start
 * of a connection path) and the writes (record an introduction, save a form, a data-entry
 * mutation), each saying what it did in a toast and reading the map again after it. Apart from
 * app.ts, which builds the state these act on.
 */
import type { ReadonlySignal, Signal } from '@preact/signals';
import { ApiError, friendly, type Gql } from '../api';
import type { FieldChange } from '../forms/values';
import { t } from '../i18n';
import * as Q from '../queries';
import type { IntroductionSuggestion, RecordedStatus } from '../types';
import type { Graph } from './mapAnswer';
import type { Selection } from './selection';
import type { Overlay, PanelId, Store } from './state';

export interface Toast {
  message: string;
  kind: 'info' | 'error';
  /** Tells two equal messages apart (each is shown anew). */
  seq: number;
}

export interface Actions {
  select(id: string | null, opts?: { panel?: PanelId }): void;
  /** Selects a node as soon as the map shows it (a node just created). */
  selectWhenShown(id: string): void;
  show(overlay: Overlay | null, selected?: string | null): void;
  setFocus(depth: 0 | 1 | 2): void;
  setPathFrom(id: string | null): void;
  record(s: IntroductionSuggestion, status: RecordedStatus): Promise<void>;
  /** Sends a form's changes of one node; rejects with the server's problems (ApiError). */
  saveEntity(kind: string, id: string, changes: FieldChange[]): Promise<void>;
  notify(message: string, kind?: 'info' | 'error'): void;
  /**
   * One of the data-entry mutations (queries.ts): saves, says `done`, and reads the map again
   * at the graph version of its answer; rejects with the server's problems (ApiError).
   */
  mutate<T extends Record<string, { graphVersion: number }>>(
    query: string,
    variables: Record<string, unknown>,
    done: string | ((result: T) => string),
  ): Promise<T>;
  /** After a write: the map (and so every resource of the graph) is read again. */
  refresh(version?: number): void;
}

export function createActions(deps: {
  view: Store;
  gql: Gql;
  graph: ReadonlySignal<Graph | null>;
  /** Bumped to read the map again (mapAnswer.ts). */
  mapEpoch: Signal<number>;
  editable: ReadonlySignal<ReadonlySet<string>>;
  selection: Selection;
  pathFrom: Signal<string | null>;
  saving: Signal<boolean>;
  toast: Signal<Toast | null>;
  nameOf(id: string | null | undefined): string;
}): Actions {
  const { view, gql, graph, mapEpoch, editable, selection, pathFrom, saving, toast, nameOf } = deps;
  let toastSeq = 0;
  const actions: Actions = {
    selectWhenShown: selection.selectWhenShown,
    select: selection.select,
    show(overlay, selected) {
      view.update({ overlay, ...(selected !== undefined ? { selected } : {}) });
    },
    setFocus(depth) {
      view.update({ focusDepth: depth });
    },
    setPathFrom(id) {
      pathFrom.value = id;
      if (id) actions.notify(t('detail.pathPending', { name: nameOf(id) }));
    },
    async record(s, status) {
      saving.value = true;
      try {
        await gql(Q.RECORD_INTRODUCTION, {
          fromId: s.fromId,
          toId: s.toId,
          viaId: s.viaId,
          status,
        });
        actions.notify(t(`sug.recorded.${status}`, { from: s.fromName, to: s.toName }));
        view.update({ overlay: null });
        actions.refresh();
      } catch (err) {
        actions.notify(friendly(err), 'error');
      } finally {
        saving.value = false;
      }
    },
    async saveEntity(kind, id, changes) {
      if (!editable.peek().has(kind)) throw new ApiError(t('detail.notEditable'), 'BAD_USER_INPUT');
      saving.value = true;
      let result: { updateNode: { graphVersion: number; changed: string[] } };
      try {
        result = await gql(Q.UPDATE_NODE, { id, fields: changes });
      } finally {
        saving.value = false;
      }
      actions.notify(t('detail.saved'));
      actions.refresh(result.updateNode.graphVersion);
    },
    async mutate<T extends Record<string, { graphVersion: number }>>(
      query: string,
      variables: Record<string, unknown>,
      done: string | ((result: T) => string),
    ): Promise<T> {
      saving.value = true;
      let result: T;
      try {
        result = await gql<T>(query, variables);
      } finally {
        saving.value = false;
      }
      actions.notify(typeof done === 'string' ? done : done(result));
      const answer = Object.values(result)[0];
      actions.refresh(answer?.graphVersion);
      return result;
    },
    notify(message, kind = 'info') {
      toast.value = { message, kind, seq: ++toastSeq };
    },
    refresh(version) {
      // The graph changed (or may have): read the map again, and with its new version the rest.
      if (version !== undefined && version === graph.peek()?.version) return;
      mapEpoch.value++;
    },
  };
  return actions;
}
