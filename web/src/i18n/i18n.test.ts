import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEPT_PHASES,
  ENGAGEMENT_STATUSES,
  EVENT_KINDS,
  INTRODUCTION_STATUSES,
  KNOWS_SOURCES,
  NODE_LABELS,
  ORG_FUNCTIONS,
  ORG_KINDS,
  PERSON_ORIGINS,
  REGION_KINDS,
  REL_TYPES,
  SME_STAGES,
  SUPPORT_KINDS,
  TALENT_KINDS,
} from '../../../common/model';
import { GAP_KINDS } from '../types';
import type { en } from './en';
import { ENUMS, LANGS, MESSAGES, enumLabel, reasonText, t, type EnumGroup } from './index';

const schema = fs.readFileSync(
  path.join(import.meta.dirname, '../../../server/graphql/analytics.graphql'),
  'utf8',
);
function graphqlEnum(name: string): string[] {
  const m = new RegExp(`enum ${name} \\{([^}]*)\\}`).exec(schema);
  if (!m) throw new Error(`enum ${name} not in analytics.graphql`);
  return m[1]!.split(/\s+/).filter((v) => /^\w+$/.test(v));
}

// The domain model's values are checked by the types (i18n/types.ts); the API's enums are
// read from the schema here.
const GROUPS: Array<[EnumGroup, readonly string[]]> = [
  ['nodeKind', NODE_LABELS],
  ['nodeKind', graphqlEnum('MapNodeKind')],
  ['regionKind', REGION_KINDS],
  ['deptPhase', DEPT_PHASES],
  ['orgKind', ORG_KINDS],
  ['orgFunction', ORG_FUNCTIONS],
  ['smeStage', SME_STAGES],
  ['personOrigin', PERSON_ORIGINS],
  ['talentKind', TALENT_KINDS],
  ['eventKind', EVENT_KINDS],
  ['introductionStatus', INTRODUCTION_STATUSES],
  ['introductionStatus', graphqlEnum('IntroductionStatus')],
  ['knowsSource', KNOWS_SOURCES],
  ['supportKind', SUPPORT_KINDS],
  ['engagementStatus', ENGAGEMENT_STATUSES],
  ['relType', REL_TYPES],
  ['gapKind', graphqlEnum('GapKind')],
  ['gapKind', GAP_KINDS],
];

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n completeness', () => {
  it.each(GROUPS)('every value of %s has a Japanese and an English label', (group, values) => {
    for (const v of values) {
      for (const lang of LANGS) {
        const dict = ENUMS[lang][group] as Record<string, string>;
        expect(dict[v], `${group}.${v} (${lang})`).toBeTruthy();
      }
    }
  });

  it('the web app knows exactly the gap kinds of the API', () => {
    expect([...GAP_KINDS].sort()).toEqual(graphqlEnum('GapKind').sort());
  });

  it('Japanese labels are Japanese, and differ from the English ones for enums', () => {
    for (const [group, ja] of Object.entries(ENUMS.ja)) {
      const en = ENUMS.en[group as EnumGroup] as Record<string, string>;
      for (const [k, label] of Object.entries(ja as Record<string, string>)) {
        if (k === 'npo' || k === 'SME') continue; // the same word in both languages
        expect(label, `${group}.${k}`).not.toBe(en[k]);
        expect(label, `${group}.${k}`).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      }
    }
  });

  it('both languages have the same message keys, none empty, with the same placeholders', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.ja).sort());
    for (const [key, ja] of Object.entries(MESSAGES.ja)) {
      const en = MESSAGES.en[key as keyof typeof MESSAGES.en];
      expect(ja.trim(), `ja:${key}`).not.toBe('');
      expect(en.trim(), `en:${key}`).not.toBe('');
      expect(placeholders(en), key).toEqual(placeholders(ja));
    }
  });

  it('a missing translation, an unknown key or a missing placeholder does not compile', () => {
    // @ts-expect-error the English dictionary must have every key of the Japanese one
    const incomplete: typeof en = { 'app.title': 'Title' };
    // @ts-expect-error no such message
    const unknown = () => t('no.such.key');
    // @ts-expect-error map.stats needs {nodes} and {edges}
    const missing = () => t('map.stats', { nodes: 1 });
    expect([incomplete, unknown, missing]).toHaveLength(3);
  });

  it('fills placeholders and falls back to Japanese', () => {
    expect(t('map.stats', { nodes: 3, edges: 4 }, 'ja')).toBe('表示中: 3件の項目・4本のつながり');
    expect(t('map.stats', { nodes: 3, edges: 4 }, 'en')).toBe('Showing 3 items and 4 ties');
  });

  it('never shows a raw code for an unknown enum value', () => {
    expect(enumLabel('orgKind', 'shinkin', 'ja')).toBe('信用金庫');
    expect(enumLabel('orgKind', 'space_agency', 'ja')).toBe('その他');
    expect(enumLabel('orgKind', 'space_agency', 'en')).toBe('Other');
    expect(enumLabel('orgKind', 'toString', 'ja')).toBe('その他');
    // free text is shown as it is
    expect(enumLabel('orgKind', '精密機械製造', 'ja')).toBe('精密機械製造');
    expect(enumLabel('orgKind', null)).toBe('');
  });

  it('reads reasons in the current language with a fallback', () => {
    expect(reasonText({ code: 'X', ja: '理由', en: 'Reason' }, 'ja')).toBe('理由');
    expect(reasonText({ code: 'X', ja: '理由', en: 'Reason' }, 'en')).toBe('Reason');
    expect(reasonText({ code: 'X', ja: '理由', en: '' }, 'en')).toBe('理由');
    expect(reasonText({ code: 'X', ja: '', en: '' }, 'ja')).toBe(MESSAGES.ja['reason.fallback']);
  });
});
