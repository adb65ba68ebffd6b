import { counterUpdates, DeltaSet, seriesKey } from '@footfall/core-model';
import { negateUpdate } from '../../src';
import { MemoryTable } from '../helpers/memoryTable';
import { engaged, rawView } from '../helpers/records';

describe('negateUpdate', () => {
  it('takes back a counter update exactly, whatever else was added in between', () => {
    // Prepare
    const deltas = new DeltaSet();
    deltas.addChange(undefined, engaged(rawView(), 30, 70));
    const updates = deltas.entries().flatMap((e) => counterUpdates('t', e.key, e.adds));
    const other = new DeltaSet();
    other.addChange(undefined, rawView());
    const otherUpdates = other.entries().flatMap((e) => counterUpdates('t', e.key, e.adds));
    const table = new MemoryTable();
    const expected = new MemoryTable();
    for (const u of otherUpdates) expected.apply(u);
    // Act
    for (const u of updates) table.apply(u);
    for (const u of otherUpdates) table.apply(u);
    for (const u of updates) {
      const inverse = negateUpdate(u);
      if (!inverse.ok) throw inverse.error;
      table.apply(inverse.value);
    }
    // Assess
    const normalise = (t: MemoryTable) =>
      t.items().map((item) => Object.fromEntries(Object.entries(item).filter(([, v]) => v.N !== '0')));
    expect(normalise(table)).toEqual(normalise(expected));
  });

  it('refuses updates that negation cannot undo', () => {
    // Prepare
    const key = seriesKey('example.com', '2026-03-02');
    const set = {
      TableName: 't',
      Key: key,
      UpdateExpression: 'SET #a = :a',
      ExpressionAttributeValues: { ':a': { N: '1' } },
    };
    const conditional = {
      ...set,
      UpdateExpression: 'ADD #a :a',
      ConditionExpression: 'attribute_exists(#a)',
    };
    const fraction = {
      ...set,
      UpdateExpression: 'ADD #a :a',
      ExpressionAttributeValues: { ':a': { N: '1.5' } },
    };
    // Act
    const results = [set, conditional, fraction].map(negateUpdate);
    // Assess
    for (const r of results) expect(r.ok).toBe(false);
  });
});
