/** Copying a text to the clipboard, and which copy button was pressed last (for 「コピーしました」). */
import { useState } from 'preact/hooks';

/** Copies a text; falls back to selecting it in a hidden field for browsers without the API. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.className = 'visually-hidden';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

export function useCopied(): [string | null, (key: string, text: string) => void] {
  const [copied, setCopied] = useState<string | null>(null);
  return [
    copied,
    (key, text) =>
      void copyText(text).then((ok) => {
        setCopied(ok ? key : null);
        if (ok) setTimeout(() => setCopied((c) => (c === key ? null : c)), 2500);
      }),
  ];
}
