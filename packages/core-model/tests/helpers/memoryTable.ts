// An in-memory stand-in for the aggregate items: applies the `ADD` updates counterUpdates builds, strictly.
import type { AttributeValue, UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { counterUpdates, type DeltaSet, type Item, type Key } from '../../src';

const ADD_CLAUSE = /^(#[A-Za-z0-9_]+) (:[A-Za-z0-9_]+)$/;

const idOf = (key: Key) => `${key.Path.S}\u0000${key.Section.S}`;

/**
 * Items keyed like the table. `apply` does what DynamoDB does with an `ADD n` expression on number attributes,
 * and rejects what DynamoDB would reject as malformed (unknown or unused placeholders, non-N values).
 */
export class MemoryTable {
  private readonly items = new Map<string, Item>();

  apply(update: UpdateItemCommandInput): void {
    const key = update.Key as Key | undefined;
    const expression = update.UpdateExpression ?? '';
    const names = update.ExpressionAttributeNames ?? {};
    const values = update.ExpressionAttributeValues ?? {};
    if (!key || !expression.startsWith('ADD ')) throw new Error(`not an ADD update: ${expression}`);
    const usedNames = new Set<string>();
    const usedValues = new Set<string>();
    const adds: [string, bigint][] = [];
    for (const clause of expression.slice('ADD '.length).split(', ')) {
      const m = ADD_CLAUSE.exec(clause);
      if (!m) throw new Error(`malformed ADD clause: ${JSON.stringify(clause)}`);
      const [, namePlaceholder = '', valuePlaceholder = ''] = m;
      const name = names[namePlaceholder];
      const value: AttributeValue | undefined = values[valuePlaceholder];
      if (name === undefined) throw new Error(`undefined name placeholder ${namePlaceholder}`);
      if (value === undefined || value.N === undefined) throw new Error(`non-N value ${valuePlaceholder}`);
      usedNames.add(namePlaceholder);
      usedValues.add(valuePlaceholder);
      adds.push([name, BigInt(value.N)]);
    }
    if (usedNames.size !== Object.keys(names).length || usedValues.size !== Object.keys(values).length)
      throw new Error('unused expression placeholders (DynamoDB rejects them)');
    const id = idOf(key);
    const item: Item = this.items.get(id) ?? { Path: key.Path, Section: key.Section };
    for (const [name, delta] of adds) {
      const current = item[name]?.N;
      item[name] = { N: (BigInt(current ?? '0') + delta).toString() };
    }
    this.items.set(id, item);
  }

  applyAll(updates: UpdateItemCommandInput[]): void {
    for (const u of updates) this.apply(u);
  }

  get(key: Key): Item | undefined {
    return this.items.get(idOf(key));
  }

  /** Items whose Section starts with `prefix` (what a Query with begins_with/BETWEEN would return). */
  query(prefix: string): Item[] {
    return [...this.items.values()].filter((i) => (i.Section?.S ?? '').startsWith(prefix));
  }
}

/** Writes a batch's coalesced deltas the way the trigger does: one set of `ADD` updates per item. */
export function applyDeltaSet(table: MemoryTable, deltas: DeltaSet): void {
  for (const e of deltas.entries()) table.applyAll(counterUpdates('Footfall', e.key, e.adds));
}
