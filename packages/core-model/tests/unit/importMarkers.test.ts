// Import markers: their key beside the site's aggregates, their codec, and the conditions that let one run
// claim a day once (their behaviour on a real table is tested in store).
import {
  decodeImportMarker,
  importClaim,
  importDone,
  importMarkerKey,
  importMarkerRange,
  importRelease,
  seriesRange,
  techRange,
  trieRange,
} from '../../src';

const CLAIM = {
  site: 'example.com',
  source: 'legacy' as const,
  day: '2022-06-25',
  runId: 'run-1',
  from: 'BlakeRainAnalytics',
  views: 42,
  startedAt: Date.UTC(2026, 0, 2),
};

describe('import markers', () => {
  test('live in the site partition under a Section no aggregate range reaches', () => {
    // Act
    const key = importMarkerKey('example.com', 'legacy', '2022-06-25');
    const range = importMarkerRange('example.com', 'legacy', '2022-06-01', '2022-06-30');

    // Assess
    expect(key).toEqual({ Path: { S: 'site#example.com' }, Section: { S: 'import#legacy#2022-06-25' } });
    expect(range).toEqual({
      partition: 'site#example.com',
      from: 'import#legacy#2022-06-01',
      to: 'import#legacy#2022-06-30',
    });
    const section = key.Section.S;
    for (const r of [
      seriesRange('example.com', '0000-01-01', '9999-12-31'),
      techRange('example.com', '0000-01-01', '9999-12-31'),
      ...(['page', 'referrer', 'utm_source', 'utm_campaign'] as const).map((d) =>
        trieRange('example.com', d, '0000-01-01', '9999-12-31'),
      ),
    ])
      expect(section >= r.from && section <= r.to).toBe(false);
  });

  test('a claim puts a started marker only where the day has none, and decodes back', () => {
    // Act
    const claim = importClaim(CLAIM);
    const decoded = decodeImportMarker(claim.Item);

    // Assess
    expect(claim.ConditionExpression).toBe('attribute_not_exists(#p)');
    expect(claim.ExpressionAttributeNames).toEqual({ '#p': 'Path' });
    expect(decoded).toEqual({
      ok: true,
      value: { ...CLAIM, state: 'started', finishedAt: undefined, deadLettered: undefined },
    });
  });

  test('only the claiming run may mark its day done or give it back', () => {
    // Act
    const done = importDone('example.com', 'legacy', '2022-06-25', 'run-1', {
      finishedAt: 5,
      deadLettered: 0,
    });
    const release = importRelease('example.com', 'legacy', '2022-06-25', 'run-1');

    // Assess
    for (const parts of [done, release]) {
      expect(parts.Key).toEqual(importMarkerKey('example.com', 'legacy', '2022-06-25'));
      expect(parts.ConditionExpression).toBe('#state = :started AND #run = :run');
      expect(parts.ExpressionAttributeValues[':run']).toEqual({ S: 'run-1' });
      expect(parts.ExpressionAttributeValues[':started']).toEqual({ S: 'started' });
    }
    expect(done.ExpressionAttributeValues[':done']).toEqual({ S: 'done' });
  });

  test.each([
    ['an unknown state', { State: { S: 'half' } }, 'State'],
    ['an unknown source', { Section: { S: 'import#other#2022-06-25' } }, 'Section'],
    ['a day that does not exist', { Section: { S: 'import#legacy#2022-02-30' } }, 'Section'],
    ['a negative view count', { Views: { N: '-1' } }, 'Views'],
  ])('a marker with %s is an error naming the attribute, not an exception', (_name, change, path) => {
    // Act
    const decoded = decodeImportMarker({ ...importClaim(CLAIM).Item, ...change });

    // Assess
    expect(decoded).toMatchObject({ ok: false, error: { path } });
  });
});
