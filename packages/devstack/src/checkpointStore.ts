// Remembers, per shard, the last stream record fully handled, so a restart neither skips nor replays records.
import { readIfExists, writeFileAtomic } from './dataFiles';

/** Where one shard stands. */
export interface ShardCheckpoint {
  /** Last sequence number processed (or filtered out, or given up on); absent until the first one. */
  sequenceNumber?: string;
  /** The shard is closed and every record in it has been handled. */
  finished?: boolean;
}

interface FileShape {
  streamArn: string;
  shards: Record<string, ShardCheckpoint>;
}

function parse(text: string | undefined, streamArn: string): Record<string, ShardCheckpoint> {
  if (text === undefined) return {};
  try {
    const data = JSON.parse(text) as Partial<FileShape> | null;
    // Checkpoints of another stream (the table was recreated) mean nothing for this one.
    if (data?.streamArn !== streamArn || typeof data.shards !== 'object' || data.shards === null) return {};
    const shards: Record<string, ShardCheckpoint> = {};
    for (const [id, value] of Object.entries(data.shards)) {
      if (typeof value !== 'object' || value === null) continue;
      const checkpoint: ShardCheckpoint = {};
      if (typeof value.sequenceNumber === 'string' && /^\d+$/.test(value.sequenceNumber)) {
        checkpoint.sequenceNumber = value.sequenceNumber;
      }
      if (value.finished === true) checkpoint.finished = true;
      shards[id] = checkpoint;
    }
    return shards;
  } catch {
    return {};
  }
}

/**
 * Per-shard checkpoints of one stream, kept in a JSON file that is replaced atomically on every save.
 * @example const store = new CheckpointStore(dataPath(dir, 'checkpoints'), streamArn); store.advance(shardId, seq);
 */
export class CheckpointStore {
  private readonly shards: Record<string, ShardCheckpoint>;
  private dirty = false;

  constructor(
    readonly path: string,
    readonly streamArn: string,
  ) {
    this.shards = parse(readIfExists(path), streamArn);
  }

  /** The checkpoint of a shard ({} when it was never read). */
  get(shardId: string): ShardCheckpoint {
    return { ...this.shards[shardId] };
  }

  /** Records that everything up to `sequenceNumber` in the shard is handled. */
  advance(shardId: string, sequenceNumber: string): void {
    const current = this.shards[shardId]?.sequenceNumber;
    // Sequence numbers only grow within a shard; a smaller one would replay records after a restart.
    if (current !== undefined && BigInt(current) >= BigInt(sequenceNumber)) return;
    this.shards[shardId] = { ...this.shards[shardId], sequenceNumber };
    this.dirty = true;
  }

  /** Records that a closed shard has been read and handled to its end. */
  finish(shardId: string): void {
    this.shards[shardId] = { ...this.shards[shardId], finished: true };
    this.dirty = true;
  }

  /** Forgets shards the stream no longer lists (trimmed after 24 h). */
  retain(liveShardIds: ReadonlySet<string>): void {
    for (const id of Object.keys(this.shards)) {
      if (!liveShardIds.has(id)) {
        delete this.shards[id];
        this.dirty = true;
      }
    }
  }

  /** Writes the checkpoints if they changed since the last save. */
  save(): void {
    if (!this.dirty) return;
    const data: FileShape = { streamArn: this.streamArn, shards: this.shards };
    writeFileAtomic(this.path, `${JSON.stringify(data, null, 2)}\n`);
    this.dirty = false;
  }
}
