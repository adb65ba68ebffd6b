// Reads a DynamoDB stream to the end and shapes its records like the events Lambda delivers to a trigger.
import {
  type _Record,
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type AttributeValue as SdkAttributeValue,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, AttributeValue as LambdaAttributeValue } from 'aws-lambda';

/** Where to start reading and how many records to return at most. */
export interface ReadStreamOptions {
  /** Read only records after this sequence number (in shards that contain it; others from their start). */
  fromSequence?: string;
  /** Stop once this many records have been collected. */
  limit?: number;
  /** Upper bound on GetRecords calls per shard, guarding against an endless open shard (default 1000). */
  maxPagesPerShard?: number;
}

async function listShards(client: DynamoDBStreamsClient, streamArn: string): Promise<Shard[]> {
  const shards: Shard[] = [];
  let start: string | undefined;
  do {
    const { StreamDescription } = await client.send(
      new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }),
    );
    shards.push(...(StreamDescription?.Shards ?? []));
    start = StreamDescription?.LastEvaluatedShardId;
  } while (start !== undefined);
  return orderParentsFirst(shards);
}

/** Parents before children, so records of one key come out in the order they were written. */
function orderParentsFirst(shards: Shard[]): Shard[] {
  const byId = new Map(shards.map((s) => [s.ShardId, s]));
  const done = new Set<string | undefined>();
  const out: Shard[] = [];
  const visit = (shard: Shard) => {
    if (done.has(shard.ShardId)) return;
    done.add(shard.ShardId);
    const parent = shard.ParentShardId === undefined ? undefined : byId.get(shard.ParentShardId);
    if (parent !== undefined) visit(parent);
    out.push(shard);
  };
  for (const shard of shards) visit(shard);
  return out;
}

function inShard(shard: Shard, sequence: string): boolean {
  const range = shard.SequenceNumberRange;
  const start = range?.StartingSequenceNumber;
  if (start === undefined) return false;
  const end = range?.EndingSequenceNumber;
  const seq = BigInt(sequence);
  return BigInt(start) <= seq && (end === undefined || seq <= BigInt(end));
}

function isAfter(shard: Shard, sequence: string): boolean {
  const start = shard.SequenceNumberRange?.StartingSequenceNumber;
  return start !== undefined && BigInt(start) > BigInt(sequence);
}

/** Reads every record currently in the stream, shard by shard (parents first), in stream order within each shard. */
export async function readStream(
  client: DynamoDBStreamsClient,
  streamArn: string,
  options: ReadStreamOptions = {},
): Promise<_Record[]> {
  const { fromSequence, limit = Number.POSITIVE_INFINITY, maxPagesPerShard = 1000 } = options;
  const records: _Record[] = [];
  for (const shard of await listShards(client, streamArn)) {
    if (records.length >= limit) break;
    const open = shard.SequenceNumberRange?.EndingSequenceNumber === undefined;
    let iteratorInput: ConstructorParameters<typeof GetShardIteratorCommand>[0];
    if (fromSequence !== undefined && inShard(shard, fromSequence)) {
      iteratorInput = {
        StreamArn: streamArn,
        ShardId: shard.ShardId,
        ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
        SequenceNumber: fromSequence,
      };
    } else if (fromSequence === undefined || isAfter(shard, fromSequence)) {
      iteratorInput = { StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' };
    } else {
      // The whole shard lies before fromSequence.
      continue;
    }
    let { ShardIterator: iterator } = await client.send(new GetShardIteratorCommand(iteratorInput));
    for (let page = 0; iterator !== undefined && page < maxPagesPerShard; page++) {
      const result = await client.send(new GetRecordsCommand({ ShardIterator: iterator }));
      const got = result.Records ?? [];
      records.push(...got.slice(0, limit - records.length));
      if (records.length >= limit) break;
      // An open shard always returns a next iterator; an empty page means we have caught up.
      if (got.length === 0 && open) break;
      iterator = result.NextShardIterator;
    }
  }
  return records;
}

function toLambdaValue(value: SdkAttributeValue): LambdaAttributeValue {
  // Lambda events carry binary values base64-encoded, where the SDK hands out bytes.
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaValue) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) };
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  return { NULL: true };
}

function toLambdaImage(image: Record<string, SdkAttributeValue>): Record<string, LambdaAttributeValue> {
  return Object.fromEntries(Object.entries(image).map(([k, v]) => [k, toLambdaValue(v)]));
}

function optionalImage(
  image: Record<string, SdkAttributeValue> | undefined,
): Record<string, LambdaAttributeValue> | undefined {
  return image === undefined ? undefined : toLambdaImage(image);
}

/** Shapes a DynamoDB Streams SDK record like a record of the DynamoDBStreamEvent Lambda delivers. */
export function toLambdaRecord(record: _Record, streamArn: string, region = 'us-east-1'): DynamoDBRecord {
  const d = record.dynamodb;
  const created = d?.ApproximateCreationDateTime;
  const out: DynamoDBRecord = {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb: {
      // Lambda sends whole epoch seconds; the SDK parses the field into a Date.
      ApproximateCreationDateTime: created === undefined ? undefined : Math.floor(created.getTime() / 1000),
      Keys: optionalImage(d?.Keys),
      NewImage: optionalImage(d?.NewImage),
      OldImage: optionalImage(d?.OldImage),
      SequenceNumber: d?.SequenceNumber,
      SizeBytes: d?.SizeBytes,
      StreamViewType: d?.StreamViewType,
    },
    eventSourceARN: streamArn,
  };
  if (record.userIdentity !== undefined) out.userIdentity = record.userIdentity;
  // Lambda omits absent members rather than sending them as undefined/null.
  for (const key of Object.keys(out.dynamodb ?? {}) as (keyof NonNullable<DynamoDBRecord['dynamodb']>)[]) {
    if (out.dynamodb?.[key] === undefined) delete out.dynamodb?.[key];
  }
  return out;
}
