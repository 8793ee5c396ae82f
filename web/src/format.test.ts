import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDate,
  formatNumber,
  formatPercent,
  formatScore,
  severityLevel,
} from './format';

describe('number formatting', () => {
  it('scores with two decimals, clamped, never NaN', () => {
    expect(formatScore(0.6234)).toBe('0.62');
    expect(formatScore(1.2)).toBe('1.00');
    expect(formatScore(-0.1)).toBe('0.00');
    expect(formatScore(Number.NaN)).toBe('—');
    expect(formatScore(null)).toBe('—');
    expect(formatScore(undefined)).toBe('—');
  });

  it('counts with digit grouping', () => {
    expect(formatCount(1234, 'ja')).toBe('1,234');
    expect(formatCount(1234.6, 'en')).toBe('1,235');
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe('—');
  });

  it('percentages and decimals', () => {
    expect(formatPercent(0.625)).toBe('63%');
    expect(formatPercent(null)).toBe('—');
    expect(formatNumber(12.345, 1, 'en')).toBe('12.3');
  });

  it('dates in each language', () => {
    expect(formatDate('2026-04-01', 'ja')).toBe('2026年4月1日');
    expect(formatDate('2026-04-01', 'en')).toBe('1 Apr 2026');
    expect(formatDate('not a date', 'ja')).toBe('—');
    expect(formatDate(null)).toBe('—');
  });

  it('severity levels', () => {
    expect(severityLevel(0.8)).toBe('high');
    expect(severityLevel(0.4)).toBe('medium');
    expect(severityLevel(0.1)).toBe('low');
  });
});
