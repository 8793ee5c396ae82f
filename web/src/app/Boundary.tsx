/**
 * Keeps a part of the page from taking the rest down when it fails to render (e.g. an answer
 * of an unexpected shape): it says so in plain words and offers to try again; the details go
 * to the console, never to the page.
 */
import type { ComponentChildren } from 'preact';
import { useErrorBoundary } from 'preact/hooks';
import { t } from '../i18n';

export function Boundary({ children }: { children: ComponentChildren }) {
  const [error, reset] = useErrorBoundary((err: unknown) => console.error(err));
  if (!error) return <>{children}</>;
  return (
    <p class="error" role="alert">
      {t('err.unknown')}{' '}
      <button type="button" class="secondary" onClick={reset}>
        {t('common.reload')}
      </button>
    </p>
  );
}
