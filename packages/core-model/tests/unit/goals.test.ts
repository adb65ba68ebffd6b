// Goal patterns (SPEC §3: `/signup`, `/blog/*`, `/docs/**`) and the rules a goal's match must follow.
import { checkGoalMatch, decodeGoal, encodeGoal, pathMatches } from '../../src';

describe('pathMatches', () => {
  test.each([
    ['/signup', '/signup', true],
    ['/signup', '/signup/', false],
    ['/signup', '/signups', false],
    ['/blog/*', '/blog/hello', true],
    ['/blog/*', '/blog/hello/comments', false],
    ['/blog/*', '/blog/', false],
    ['/blog/*', '/blog', false],
    ['/blog/*/comments', '/blog/hello/comments', true],
    ['/docs/**', '/docs', true],
    ['/docs/**', '/docs/', true],
    ['/docs/**', '/docs/api/keys/rotate', true],
    ['/docs/**', '/documents', false],
    ['/**', '/anything/at/all', true],
  ])('%s against %s is %s', (pattern, path, expected) => {
    expect(pathMatches(pattern, path)).toBe(expected);
  });
});

describe('checkGoalMatch', () => {
  test.each([
    ['page', '/blog/*', true],
    ['page', '/docs/**', true],
    ['page', 'blog', false],
    ['page', '/blog/a*', false],
    ['page', '/**/x', false],
    ['page', `/${'p'.repeat(512)}`, false],
    ['event', 'Outbound Link: Click', true],
    ['event', 'e'.repeat(65), false],
    ['event', 'sign\u202eup', false],
    ['event', '', false],
  ] as const)('%s %s is accepted: %s', (kind, match, ok) => {
    expect(checkGoalMatch(kind, match).ok).toBe(ok);
  });
});

test('a goal round-trips through its item, in its own partition', () => {
  // Prepare
  const goal = { id: '0123abcd', site: 'example.com', kind: 'page' as const, match: '/blog/*', createdAt: 5 };

  // Act
  const item = encodeGoal(goal);

  // Assess
  expect(item.Path).toEqual({ S: 'goals#example.com' });
  expect(decodeGoal(item)).toEqual({ ok: true, value: goal });
  expect(decodeGoal({ ...item, Kind: { S: 'button' } }).ok).toBe(false);
});
