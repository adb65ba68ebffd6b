// Starting the stack before the apps are built fails at once, with the fix in the message and nothing started.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BundleMissingError } from '@footfall/local-lambda';
import { startStack } from '../../src/startStack';

test('unbuilt function bundles stop the start before DynamoDB Local or any server runs', async () => {
  // Prepare
  const dataDir = join(mkdtempSync(join(tmpdir(), 'devstack-unbuilt-')), 'data');

  // Act
  const started = startStack({
    dataDir,
    port: 0,
    dynamodbPort: 0,
    templatePath: join(__dirname, '..', 'fixtures', 'unbuiltTemplate.yaml'),
    output: () => {},
  });

  // Assess
  await expect(started).rejects.toThrow(BundleMissingError);
  await expect(started).rejects.toThrow(/not-built\/api\/dist\/index\.js does not exist; run `pnpm build`/);
  expect(existsSync(dataDir)).toBe(false);
});
