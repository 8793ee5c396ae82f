/** The store, given to every component of the page (one per page, made at boot). */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AppStore } from '../store/app';

export const StoreContext = createContext<AppStore | null>(null);

export function useStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore outside StoreContext');
  return store;
}
