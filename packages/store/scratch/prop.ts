import { type RawView, ViewDelta } from '@footfall/core-model';
import { createTestTable } from '@footfall/dynamodb-local';
import { aggregate, TrieKnowledge } from '../src';

async function main() {
  const t = await createTestTable({ prefix: 'x' });
  const table = { dynamodb: t.client, tableName: t.tableName };
  const ks = [new TrieKnowledge(), new TrieKnowledge()];
  let n = 0;
  const mk = (path: string, h: number): RawView => ({
    id: `00000000-0000-4000-8000-${String(n++).padStart(12, '0')}`,
    site: 'example.com',
    path,
    time: Date.UTC(2026, 2, 8) + h * 3600000,
    unique: true,
    bot: false,
    browser: 'Firefox',
    os: 'Linux',
    device: 'desktop',
    country: 'DE',
    referrer: n % 3 ? `${'r'.repeat(240)}.example` : 'google.com',
    utmCampaign: `c${n % 30}`,
    expiresAt: 0,
    duration: n % 2 ? 30 : undefined,
    scroll: n % 2 ? 40 : undefined,
  });
  const paths = (i: number) =>
    i % 10 === 0 ? `/${'€'.repeat(170)}${i % 4}` : i % 3 === 0 ? '/' : `/docs/page-${i % 400}`;
  for (let b = 0; b < 20; b++) {
    const batches = [0, 1].map((w) => {
      const d = new ViewDelta();
      for (let i = 0; i < 15; i++) d.addChange(undefined, mk(paths(b * 31 + i * 7 + w), (b + i) % 48));
      return d;
    });
    const s = Date.now();
    const outs = await Promise.all(
      batches.map((d, w) => aggregate(table, d, { knowledge: ks[w], concurrency: 4 })),
    );
    console.log('batch', b, Date.now() - s, outs.map((o) => o.status + JSON.stringify(o.stats)).join(' | '));
  }
  await t.cleanup();
  process.exit(0);
}
main();
