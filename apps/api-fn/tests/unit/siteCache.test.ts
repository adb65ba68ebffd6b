// The per-container site list: read at most once per cache age, the first list written once, a failed refresh
// keeps the list in hand.
import { PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { siteCreation, sitesSeededMarker } from '@footfall/core-model';
import { createLogger } from '@footfall/kernel';
import type { RequestContext } from '../../src/context';
import { createSiteCache } from '../../src/siteCache';
import { testConfig } from '../helpers/api';
import { awsError, mockedDynamo } from '../helpers/mockTable';

/** The parts of a request context the cache reads. */
function contextOf(
  client: ReturnType<typeof mockedDynamo>['client'],
  clock: { now: number },
  logs: string[],
) {
  return {
    table: { dynamodb: client, tableName: 't' },
    config: testConfig('t', { allowedSites: ['example.com'] }),
    now: () => clock.now,
    log: createLogger({ level: 'debug', sink: (line) => logs.push(line) }),
    capacity: { readUnits: 0, writeUnits: 0 },
  } as unknown as RequestContext;
}

const stored = (...hosts: string[]) => ({
  Items: [sitesSeededMarker(1).Item, ...hosts.map((h) => siteCreation(h, 1).Item)],
  ConsumedCapacity: { CapacityUnits: 0.5 },
});

describe('createSiteCache', () => {
  it('reads the list once per 60 s, then again', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock
      .on(QueryCommand)
      .resolvesOnce(stored('example.com'))
      .resolves(stored('example.com', 'new.example.com'));
    const clock = { now: 1_000_000 };
    const ctx = contextOf(client, clock, []);
    const cache = createSiteCache(60_000);

    // Act
    const first = await cache.sites(ctx);
    clock.now += 59_999;
    const cached = await cache.sites(ctx);
    clock.now += 1;
    const fresh = await cache.sites(ctx);

    // Assess
    expect(first).toEqual(['example.com']);
    expect(cached).toEqual(['example.com']);
    expect(fresh).toEqual(['example.com', 'new.example.com']);
    expect(mock.commandCalls(QueryCommand)).toHaveLength(2);
    expect(ctx.capacity.readUnits).toBe(1);
  });

  it('writes the first list and its marker when the table has none, and uses it at once', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(QueryCommand).resolves({ Items: [] });
    mock.on(PutItemCommand).resolves({});
    const ctx = contextOf(client, { now: 5 }, []);

    // Act
    const sites = await createSiteCache(60_000).sites(ctx);

    // Assess
    expect(sites).toEqual(['example.com']);
    const puts = mock.commandCalls(PutItemCommand).map((c) => c.args[0].input.Item?.Section?.S);
    expect(puts).toEqual(['site#example.com', 'seeded']);
  });

  it('does not write the first list back once the marker is there (an admin removed those sites)', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(QueryCommand).resolves(stored());

    // Act
    const sites = await createSiteCache(60_000).sites(contextOf(client, { now: 5 }, []));

    // Assess
    expect(sites).toEqual([]);
    expect(mock.commandCalls(PutItemCommand)).toHaveLength(0);
  });

  it('keeps the list in hand when a refresh fails, and fails when it has none', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(QueryCommand).resolvesOnce(stored('example.com')).rejects(awsError('ThrottlingException'));
    const clock = { now: 0 };
    const logs: string[] = [];
    const cache = createSiteCache(60_000);

    // Act
    await cache.sites(contextOf(client, clock, logs));
    clock.now = 120_000;
    const kept = await cache.sites(contextOf(client, clock, logs));
    const empty = createSiteCache(60_000).sites(contextOf(client, clock, logs));

    // Assess
    expect(kept).toEqual(['example.com']);
    expect(logs.some((l) => l.includes('site list not re-read'))).toBe(true);
    await expect(empty).rejects.toThrow();
  });

  it('forgets the list when told to (this container added or removed a site)', async () => {
    // Prepare
    const { client, mock } = mockedDynamo();
    mock.on(QueryCommand).resolvesOnce(stored()).resolves(stored('new.example.com'));
    const ctx = contextOf(client, { now: 0 }, []);
    const cache = createSiteCache(60_000);

    // Act
    await cache.sites(ctx);
    cache.invalidate();
    const after = await cache.sites(ctx);

    // Assess
    expect(after).toEqual(['new.example.com']);
  });
});
