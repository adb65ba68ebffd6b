// An in-memory stand-in for the aggregate items, fed by the ADD updates a mocked client receives.
import type { AttributeValue, UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { Item } from '@footfall/core-model';

/** Applies `ADD #name :value, …` updates like DynamoDB does and keeps the resulting items. */
export class MemoryTable {
  private readonly byKey = new Map<string, Item>();
  /** Every update applied, in order. */
  readonly applied: UpdateItemCommandInput[] = [];

  apply(input: UpdateItemCommandInput): void {
    const key = input.Key ?? {};
    const id = JSON.stringify(key);
    const item: Item = this.byKey.get(id) ?? { ...(key as Item) };
    const clause = (input.UpdateExpression ?? '').replace(/^ADD\s+/, '');
    for (const part of clause.split(',')) {
      const [nameRef, valueRef] = part.trim().split(/\s+/);
      const name = input.ExpressionAttributeNames?.[nameRef ?? ''];
      const value: AttributeValue | undefined = input.ExpressionAttributeValues?.[valueRef ?? ''];
      if (name === undefined || value?.N === undefined) throw new Error(`unexpected update part ${part}`);
      const current = item[name]?.N ?? '0';
      item[name] = { N: (BigInt(current) + BigInt(value.N)).toString() };
    }
    this.byKey.set(id, item);
    this.applied.push(input);
  }

  items(): Item[] {
    return [...this.byKey.values()];
  }
}
