// ISO 8601 weeks for the analytics buckets: Monday to Sunday, week 1 holds the year's first
// Thursday (so 29 Dec 2025 is in 2026-W01, and 2026, starting on a Thursday, has a week 53).
import { describe, expect, it } from 'vitest';
import { buckets, isoWeek, weekStart } from './analytics.ts';

describe('ISO weeks', () => {
  it.each([
    ['2026-11-23', '2026-11-23', '2026-W48'],
    ['2026-11-29', '2026-11-23', '2026-W48'],
    ['2026-11-30', '2026-11-30', '2026-W49'],
    ['2026-01-01', '2025-12-29', '2026-W01'],
    ['2026-12-31', '2026-12-28', '2026-W53'],
    ['2027-01-03', '2026-12-28', '2026-W53'],
    ['2024-12-30', '2024-12-30', '2025-W01'],
    ['2021-01-03', '2020-12-28', '2020-W53'],
  ])('%s is in the week of Monday %s, %s', (day, monday, week) => {
    expect(weekStart(day)).toBe(monday);
    expect(isoWeek(monday)).toBe(week);
  });

  it('buckets cover the range: every day, or every week the range touches', () => {
    expect(buckets('2026-11-28', '2026-11-30', 'day').map((b) => b.start)).toEqual(['2026-11-28', '2026-11-29', '2026-11-30']);
    expect(buckets('2026-11-29', '2026-12-07', 'week')).toEqual([
      { start: '2026-11-23', end: '2026-11-29', week: '2026-W48' },
      { start: '2026-11-30', end: '2026-12-06', week: '2026-W49' },
      { start: '2026-12-07', end: '2026-12-13', week: '2026-W50' },
    ]);
  });
});
