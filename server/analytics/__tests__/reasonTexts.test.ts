/**
 * The Japanese reason texts the server writes (issue 13's walk-through): every `ja:` template of
 * the server and common/ — suggestion and key-person reasons, gap explanations, what-if,
 * outreach, talent matches — read as a coordinator reads them, with each `${…}` as a name:
 * - no doubled particle: one topic 「は」 a sentence (「〜さんは地域の知り合いは〜」 is what
 *   the walk-through found), no particle twice in a row (「にに」, 「がが」);
 * - the key person's three qualities named with the words the forms and the survey use
 *   (想い・スキル・ネットワーク), never another word for them.
 * A template the scan cannot read fails, so a new one is never skipped silently.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jaCore } from '../../../web/src/i18n/ja/core';
import { jaSurveys } from '../../../web/src/i18n/ja/surveys';
import { keyPersonGroup } from '../keyPerson';
import { G } from './fixtures';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === '__tests__' ? [] : sourceFiles(rel);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [rel] : [];
  });
}

/** Every `ja: '…'` / `ja: \`…\`` of a source, each `${…}` read as 〇 (a name, a number). */
function jaTemplates(src: string): string[] {
  const out: string[] = [];
  for (const m of src.matchAll(/\bja:\s*/g)) {
    let i = m.index + m[0].length;
    const q = src[i];
    if (q !== '`' && q !== "'" && q !== '"') continue; // a variable or a call: not a template
    let text = '';
    for (i++; i < src.length && src[i] !== q; i++) {
      if (src[i] === '\\') {
        text += src[++i];
      } else if (q === '`' && src.startsWith('${', i)) {
        let depth = 1;
        for (i += 2; depth > 0; i++) {
          if (src[i] === '{') depth++;
          else if (src[i] === '}') depth--;
        }
        i--;
        text += '〇';
      } else {
        text += src[i];
      }
    }
    if (i >= src.length) throw new Error(`unterminated ja template at ${m.index}`);
    out.push(text);
  }
  return out;
}

/** The topic particles 「は」 of a sentence (not the は of または, では…ない is one). */
const topicParticles = (sentence: string) =>
  (sentence.replace(/または|はじめ|初めは/g, '').match(/は/g) ?? []).length;

const templates = ['server', 'common']
  .flatMap(sourceFiles)
  .flatMap((file) =>
    jaTemplates(fs.readFileSync(path.join(ROOT, file), 'utf8')).map((text) => ({ file, text })),
  );

describe('the Japanese reason texts', () => {
  it('finds the templates of the reasons, gaps and key persons', () => {
    const files = new Set(templates.map((t) => path.basename(t.file)));
    for (const f of ['suggestionReasons.ts', 'keyPerson.ts', 'gaps.ts', 'whatIf.ts', 'talent.ts'])
      expect(files).toContain(f);
    expect(templates.length).toBeGreaterThan(50);
  });

  it('reads the doubled particle of the walk-through, and not または', () => {
    expect(topicParticles('〇さんは地域の知り合いは〇人です')).toBe(2);
    expect(topicParticles('このリンクは無効になりました（取り消しまたは再発行）')).toBe(1);
    expect(jaTemplates("x = { ja: `${a}さんは${b ? `x` : 'y'}です。`, en: 'z' }")).toEqual([
      '〇さんは〇です。',
    ]);
  });

  it('has no doubled particle: one 「は」 a sentence, no particle twice in a row', () => {
    const bad = templates.filter(({ text }) =>
      text
        .split(/[。！？]/)
        .some((s) => topicParticles(s) > 1 || /(は|が|を|に|で|も|へ)\1/.test(s)),
    );
    expect(bad).toEqual([]);
  });

  it('names the three qualities as the forms and the survey do: 想い・スキル・ネットワーク', () => {
    const words = [jaCore['field.mind'], jaCore['field.skill'], jaCore['field.network']];
    expect(words).toEqual(['想い', 'スキル', 'ネットワーク']);
    expect([
      jaSurveys['survey.self.mind'],
      jaSurveys['survey.self.skill'],
      jaSurveys['survey.self.network'],
    ]).toEqual(words);
    const triple = words.join('・');
    // a text about the ratings uses the three words, in that order, and no other word for them
    const about = templates.filter(({ text }) => /想い|思い|マインド|意欲|熱意/.test(text));
    expect(about.length).toBeGreaterThan(0);
    for (const { file, text } of about)
      expect({ file, text }).toEqual({
        file,
        text: expect.stringContaining(triple),
      });
    // and a real answer says so
    const g = new G();
    g.person('person:a', { mind: 5, skill: 5, network: 5 }).person('person:b');
    g.knows('person:a', 'person:b');
    const a = keyPersonGroup(g.g).find((k) => k.personId === 'person:a')!;
    expect(a.reasons.map((r) => r.ja)).toContainEqual(expect.stringContaining(`${triple}の評価`));
  });
});
