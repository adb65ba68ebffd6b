// core-model's decodeRecord as the trigger relies on it: what counts, what is skipped, what is poison.
import { decodeRecord, encodeRawEvent } from '@footfall/core-model';
import { eventInsert, rawEvent, streamRecord } from '@footfall/testing';
import { engaged, image, insert, modify, pendingImage, rawRecord, rawView, remove } from '../helpers/records';

describe('decodeRecord', () => {
  it('turns a view INSERT into a change without a before image', () => {
    // Prepare
    const view = rawView();
    // Act
    const decoded = decodeRecord(insert(view, '111111111111111111111'), 0);
    // Assess
    expect(decoded).toEqual({ kind: 'change', sequenceNumber: '111111111111111111111', after: view });
  });

  it('turns an engagement MODIFY into a change from the old to the new view', () => {
    // Prepare
    const before = rawView();
    const after = engaged(before, 40, 80);
    // Act
    const decoded = decodeRecord(modify(before, after), 0);
    // Assess
    expect(decoded).toMatchObject({ kind: 'change', before, after });
  });

  it('turns a custom event INSERT into an event, skips its other records, and refuses a malformed one', () => {
    // Prepare
    const event = rawEvent({ props: { plan: 'pro', source: 'footer' } });
    const keys = eventInsert(event).dynamodb?.Keys ?? {};
    const image = encodeRawEvent(event) as Record<string, never>;
    // Act
    const inserted = decodeRecord(eventInsert(event, '222222222222222222222'), 0);
    const modified = decodeRecord(streamRecord('MODIFY', keys, { OldImage: image, NewImage: image }), 1);
    const expired = decodeRecord(streamRecord('REMOVE', keys, { OldImage: image }), 2);
    const nineProps = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, { S: 'v' }]));
    const malformed = decodeRecord(
      streamRecord('INSERT', keys, { NewImage: { ...image, Props: { M: nineProps } } }),
      3,
    );
    // Assess
    expect(inserted).toEqual({ kind: 'event', sequenceNumber: '222222222222222222222', event });
    expect(modified).toMatchObject({ kind: 'skip', reason: 'event item changed' });
    expect(expired).toMatchObject({ kind: 'skip', reason: 'REMOVE event' });
    expect(malformed).toMatchObject({
      kind: 'poison',
      error: { path: 'Records[3].dynamodb.NewImage.Props' },
    });
  });

  it('skips deletes (TTL expiry) and items that are not raw views', () => {
    // Prepare
    const view = rawView();
    const userRecord = insert(view);
    userRecord.dynamodb = {
      ...userRecord.dynamodb,
      Keys: { Path: { S: 'user#admin' }, Section: { S: 'user' } },
    };
    // Act
    const deleted = decodeRecord(remove(view), 0);
    const user = decodeRecord(userRecord, 1);
    // Assess
    expect(deleted).toMatchObject({ kind: 'skip', reason: 'REMOVE event' });
    expect(user).toMatchObject({ kind: 'skip', reason: 'not a view item' });
  });

  it('skips engagement still waiting for its pageview, then counts the pageview that joins it as new', () => {
    // Prepare
    const view = rawView();
    const waiting = pendingImage(view, 12, 30);
    const raised = pendingImage(view, 20, 30);
    const joined = engaged(view, 20, 30);
    // Act
    const first = decodeRecord(rawRecord('INSERT', view, { NewImage: waiting }), 0);
    const again = decodeRecord(rawRecord('MODIFY', view, { OldImage: waiting, NewImage: raised }), 1);
    const pageview = decodeRecord(
      rawRecord('MODIFY', view, { OldImage: raised, NewImage: image(joined) }),
      2,
    );
    // Assess
    expect(first).toMatchObject({ kind: 'skip', reason: 'engagement awaiting its pageview' });
    expect(again).toMatchObject({ kind: 'skip', reason: 'engagement awaiting its pageview' });
    expect(pageview).toMatchObject({ kind: 'change', after: joined });
    expect(pageview.kind === 'change' && pageview.before).toBeUndefined();
  });

  it('treats a MODIFY that changes what the view is as poison, and one that changes only expiry as a change', () => {
    // Prepare
    const view = rawView();
    const moved = { ...view, path: '/elsewhere' };
    const longer = { ...view, expiresAt: view.expiresAt + 86_400 };
    // Act
    const identity = decodeRecord(modify(view, moved, '333333333333333333333'), 4);
    const expiry = decodeRecord(modify(view, longer), 5);
    // Assess
    expect(identity).toMatchObject({ kind: 'poison', sequenceNumber: '333333333333333333333' });
    expect(identity.kind === 'poison' && identity.error.path).toBe('Records[4].dynamodb.NewImage');
    expect(expiry).toMatchObject({ kind: 'change', before: view, after: longer });
  });

  it('names the attribute path of a wrongly typed attribute', () => {
    // Prepare
    const record = insert(rawView(), '222222222222222222222');
    const newImage = { ...image(rawView()), Time: { S: 'yesterday' } };
    record.dynamodb = { ...record.dynamodb, NewImage: newImage };
    // Act
    const decoded = decodeRecord(record, 3);
    // Assess
    expect(decoded).toMatchObject({ kind: 'poison', sequenceNumber: '222222222222222222222' });
    expect(decoded.kind === 'poison' && decoded.error.path).toBe('Records[3].dynamodb.NewImage.Time');
  });

  it('never throws, whatever the record looks like', () => {
    // Prepare
    const garbage: unknown[] = [
      null,
      undefined,
      42,
      'INSERT',
      [],
      {},
      { dynamodb: null },
      { eventName: 'INSERT', dynamodb: { SequenceNumber: 12 } },
      { eventName: 'INSERT', dynamodb: { SequenceNumber: 'not-digits' } },
      { eventName: 7, dynamodb: { SequenceNumber: '1' } },
      { eventName: 'INSERT', dynamodb: { SequenceNumber: '1', Keys: 'view' } },
      { eventName: 'MODIFY', dynamodb: { SequenceNumber: '1', Keys: insert(rawView()).dynamodb?.Keys } },
      {
        eventName: 'INSERT',
        dynamodb: { SequenceNumber: '1', Keys: insert(rawView()).dynamodb?.Keys, NewImage: {} },
      },
    ];
    // Act
    const decoded = garbage.map((r, i) => decodeRecord(r, i));
    // Assess
    for (const d of decoded) expect(d.kind).toBe('poison');
  });
});
