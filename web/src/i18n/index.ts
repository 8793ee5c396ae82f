/**
 * The app's texts in Japanese (first) and English (ja.ts, en.ts): `t(key, params)` for UI
 * messages, `enumLabel(group, value)` for the domain model's enum values, `reasonText` for the
 * server's reasons. Keys and placeholders are typed: an unknown key, a missing translation or a
 * missing `{param}` is a type error. The language is a signal, so every component that shows a
 * text follows a language switch without being told.
 */
import { signal } from '@preact/signals';
import { en, enEnums } from './en';
import { ja, jaEnums, type MessageKey } from './ja';
import type { EnumDicts, EnumGroup, Lang } from './types';

export type { EnumGroup, EnumValues, Lang } from './types';
export type { MessageKey } from './ja';

export const LANGS: readonly Lang[] = ['ja', 'en'];

/** Every message, by language (same keys; en.ts is typed to have them all). */
export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { ja, en };
export const ENUMS: Record<Lang, EnumDicts> = { ja: jaEnums, en: enEnums };

/** The `{name}` placeholders of a message text. */
type ParamNames<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | ParamNames<Rest>
  : never;
export type ParamsOf<K extends MessageKey> = Record<ParamNames<(typeof ja)[K]>, string | number>;
/** The keys of the messages without placeholders. */
export type PlainKey = {
  [K in MessageKey]: [ParamNames<(typeof ja)[K]>] extends [never] ? K : never;
}[MessageKey];
type TArgs<K extends MessageKey> = [ParamNames<(typeof ja)[K]>] extends [never]
  ? [params?: Record<string, never>, lang?: Lang]
  : [params: ParamsOf<K>, lang?: Lang];

/** The language shown (mirrors the view state's `lang`; set by the app). */
export const lang = signal<Lang>('ja');

export function setLang(next: Lang): void {
  lang.value = next;
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}
export function getLang(): Lang {
  return lang.value;
}

/** Whether a key is a message (for texts that exist for some names only, e.g. field help). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(ja, key);
}

/** The text of a UI message with its `{param}` placeholders filled. */
export function t<K extends MessageKey>(key: K, ...[params, l]: TArgs<K>): string {
  const text = MESSAGES[l ?? lang.value][key] ?? ja[key];
  const values = (params ?? {}) as Record<string, string | number>;
  return text.replace(/\{(\w+)\}/g, (_, p: string) => String(values[p] ?? ''));
}

/** The text of a message that may not exist (e.g. `field.x.help`): '' when it does not. */
export function optionalText(key: string, l: Lang = lang.value): string {
  return isMessageKey(key) ? MESSAGES[l][key] : '';
}

/**
 * The label of an enum value. Unknown codes are never shown raw: a value that looks like a code
 * (ASCII identifier) becomes "その他"/"Other"; free text (e.g. an industry in Japanese) is shown.
 */
export function enumLabel(
  group: EnumGroup,
  value: string | null | undefined,
  l: Lang = lang.value,
): string {
  if (value === null || value === undefined || value === '') return '';
  const dict = ENUMS[l][group] as Record<string, string>;
  const hit = Object.prototype.hasOwnProperty.call(dict, value) ? dict[value] : undefined;
  if (hit) return hit;
  if (/^[A-Za-z0-9_:-]+$/.test(value)) return l === 'ja' ? 'その他' : 'Other';
  return value;
}

/** A reason from the server in the current language, with a fallback when the text is missing. */
export function reasonText(
  r: { code?: string; ja?: string | null; en?: string | null },
  l: Lang = lang.value,
): string {
  const text = l === 'ja' ? r.ja || r.en : r.en || r.ja;
  return text && text.trim() !== '' ? text : t('reason.fallback', {}, l);
}
