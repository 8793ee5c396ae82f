import { describe, expect, it } from 'vitest';
import {
  COMMUNITY_COLOURS,
  communityColour,
  KEY_PERSON,
  KIND_STYLE,
  LINE_GROUPS,
  lineGroup,
  mix,
  otherCommunityColour,
  TALENT,
} from './palette';

const rgb = (h: string) => {
  const v = parseInt(h.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255] as const;
};
const distance = (a: string, b: string) => {
  const p = rgb(a);
  const q = rgb(b);
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
};
/** Relative luminance (WCAG). */
const luminance = (h: string) => {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = rgb(h);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
};
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m);
  return (x! + 0.05) / (y! + 0.05);
};

describe('map palette', () => {
  it('every community up to COMMUNITY_COLOURS has a colour of its own; the rest share grey', () => {
    expect(COMMUNITY_COLOURS).toBeGreaterThanOrEqual(12);
    const fills = Array.from({ length: COMMUNITY_COLOURS }, (_, c) => communityColour(c));
    for (let i = 0; i < fills.length; i++) {
      for (let j = i + 1; j < fills.length; j++) {
        expect(fills[i]!.fill).not.toBe(fills[j]!.fill);
        // the outlines (what tells two neighbouring areas apart) clearly differ
        expect(distance(fills[i]!.stroke, fills[j]!.stroke), `${i} ${j}`).toBeGreaterThan(35);
      }
    }
    expect(communityColour(COMMUNITY_COLOURS)).toEqual(otherCommunityColour());
    expect(communityColour(null)).toEqual(otherCommunityColour());
    expect(fills.map((f) => f.fill)).not.toContain(otherCommunityColour().fill);
  });

  it('community areas are pale and their tags readable; no area is mistaken for a kind', () => {
    const kindFills = [...Object.values(KIND_STYLE).map((k) => k.color), TALENT.color];
    for (let c = 0; c <= COMMUNITY_COLOURS; c++) {
      const a = communityColour(c);
      expect(luminance(a.fill)).toBeGreaterThan(0.6);
      expect(contrast(a.text, '#ffffff')).toBeGreaterThanOrEqual(4.5);
      for (const k of kindFills) expect(distance(a.fill, k), `${c} ${k}`).toBeGreaterThan(40);
    }
  });

  it('kinds have distinct fills and shapes; the キーパーソン群 stand out from every other person', () => {
    const kinds = Object.values(KIND_STYLE);
    expect(new Set(kinds.map((k) => k.color)).size).toBe(kinds.length);
    expect(new Set(kinds.map((k) => k.shape)).size).toBe(kinds.length);
    expect(kinds.map((k) => k.shape)).not.toContain(TALENT.shape);
    // amber against the muted person grey, and a black ring
    expect(distance(KEY_PERSON.color, KIND_STYLE.Person.color)).toBeGreaterThan(150);
    expect(contrast(KEY_PERSON.border, KEY_PERSON.color)).toBeGreaterThan(7);
  });

  it('lines: one colour per group, LOCATED_IN and COVERS not drawn', () => {
    expect(new Set(Object.values(LINE_GROUPS)).size).toBe(Object.keys(LINE_GROUPS).length);
    expect(lineGroup('KNOWS')).toBe('knows');
    expect(lineGroup('ENGAGED_WITH')).toBe('supports');
    expect(lineGroup('ATTENDED')).toBe('other');
    expect(lineGroup('LOCATED_IN')).toBeNull();
    expect(lineGroup('COVERS')).toBeNull();
  });

  it('mix: towards white, towards black', () => {
    expect(mix('#204060', 0)).toBe('#204060');
    expect(mix('#204060', 1)).toBe('#ffffff');
    expect(mix('#204060', -1)).toBe('#000000');
    expect(mix('#000000', 0.5)).toBe('#808080');
  });
});
