/** A GraphQL answer for a page: loading, the data, or a readable error; again when inputs change. */
import { useEffect, useState } from 'preact/hooks';
import { friendly, gql } from '../api';

export type Answer<T> = { loading: true } | { data: T } | { error: string };

export function useQuery<T>(query: string, variables: Record<string, unknown> | null): Answer<T> {
  const [answer, setAnswer] = useState<Answer<T>>({ loading: true });
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (variables === null) return;
    let live = true;
    setAnswer({ loading: true });
    gql<T>(query, variables).then(
      (data) => live && setAnswer({ data }),
      (err: unknown) => live && setAnswer({ error: friendly(err) }),
    );
    return () => {
      live = false;
    };
  }, [query, key]);
  return answer;
}

/** Keeps the page's own parameters (beside the view state the URL mirror writes) in the URL. */
export function keepParams(params: Record<string, string | null>): void {
  const p = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(params)) {
    if (v) p.set(k, v);
    else p.delete(k);
  }
  const q = p.toString();
  history.replaceState(null, '', `${location.pathname}${q ? `?${q}` : ''}${location.hash}`);
}

export function param(name: string): string | null {
  return new URLSearchParams(location.search).get(name);
}
