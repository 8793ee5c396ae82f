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
} from '../../common/model';
import { FIELDS } from './fields';
import { ENUMS, MESSAGES, enumLabel, reasonText, t } from './i18n';
import { PANELS } from './state';
import { GAP_KINDS } from './types';

const schema = fs.readFileSync(
  path.join(import.meta.dirname, '../../server/graphql/analytics.graphql'),
  'utf8',
);
function graphqlEnum(name: string): string[] {
  const m = new RegExp(`enum ${name} \\{([^}]*)\\}`).exec(schema);
  if (!m) throw new Error(`enum ${name} not in analytics.graphql`);
  return m[1]!.split(/\s+/).filter((v) => /^\w+$/.test(v));
}

const GROUPS: Array<[string, readonly string[]]> = [
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

describe('i18n completeness', () => {
  it.each(GROUPS)('every value of %s has a Japanese and an English label', (group, values) => {
    for (const v of values) {
      expect(ENUMS[group]?.ja[v], `${group}.${v} (ja)`).toBeTruthy();
      expect(ENUMS[group]?.en[v], `${group}.${v} (en)`).toBeTruthy();
    }
  });

  it('the web app knows exactly the gap kinds of the API', () => {
    expect([...GAP_KINDS].sort()).toEqual(graphqlEnum('GapKind').sort());
  });

  it('Japanese labels are Japanese, and differ from the English ones for enums', () => {
    for (const [group, dict] of Object.entries(ENUMS)) {
      for (const [k, ja] of Object.entries(dict.ja)) {
        if (k === 'npo' || k === 'SME') continue; // the same word in both languages
        expect(ja, `${group}.${k}`).not.toBe(dict.en[k]);
        expect(ja, `${group}.${k}`).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      }
    }
  });

  it('both dictionaries have the same message keys, none empty', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.ja).sort());
    for (const lang of ['ja', 'en'] as const) {
      for (const [k, v] of Object.entries(MESSAGES[lang]))
        expect(v.trim(), `${lang}:${k}`).not.toBe('');
    }
  });

  it('every t("…") key used in the sources is defined', () => {
    const dir = import.meta.dirname;
    const files = [
      ...fs.readdirSync(dir).map((f) => path.join(dir, f)),
      ...fs.readdirSync(path.join(dir, 'panels')).map((f) => path.join(dir, 'panels', f)),
    ].filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const used = new Set<string>();
    for (const f of files) {
      for (const m of fs.readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g))
        used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    for (const k of used) expect(MESSAGES.ja[k], k).toBeDefined();
    // keys built at run time
    for (const p of PANELS) expect(MESSAGES.ja[`panel.${p}`]).toBeDefined();
    for (const s of ['accepted', 'made', 'declined'])
      expect(MESSAGES.ja[`sug.recorded.${s}`]).toBeDefined();
    for (const defs of Object.values(FIELDS)) {
      for (const d of defs) expect(MESSAGES.en[`field.${d.name}`], `field.${d.name}`).toBeDefined();
    }
  });

  it('fills placeholders and falls back to Japanese', () => {
    expect(t('map.stats', { nodes: 3, edges: 4 }, 'ja')).toBe('表示中: 3件の項目・4本のつながり');
    expect(t('map.stats', { nodes: 3, edges: 4 }, 'en')).toBe('Showing 3 items and 4 ties');
  });

  it('never shows a raw code for an unknown enum value', () => {
    expect(enumLabel('orgKind', 'shinkin', 'ja')).toBe('信用金庫');
    expect(enumLabel('orgKind', 'space_agency', 'ja')).toBe('その他');
    expect(enumLabel('orgKind', 'space_agency', 'en')).toBe('Other');
    expect(enumLabel('nope', 'x_y', 'ja')).toBe('その他');
    // free text (an SME industry) is shown as it is
    expect(enumLabel('industry', '精密機械製造', 'ja')).toBe('精密機械製造');
    expect(enumLabel('orgKind', null)).toBe('');
  });

  it('reads reasons in the current language with a fallback', () => {
    expect(reasonText({ code: 'X', ja: '理由', en: 'Reason' }, 'ja')).toBe('理由');
    expect(reasonText({ code: 'X', ja: '理由', en: 'Reason' }, 'en')).toBe('Reason');
    expect(reasonText({ code: 'X', ja: '理由', en: '' }, 'en')).toBe('理由');
    expect(reasonText({ code: 'X', ja: '', en: '' }, 'ja')).toBe(MESSAGES.ja['reason.fallback']);
  });
});
