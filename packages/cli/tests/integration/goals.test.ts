// `footfall goal add|remove|list` against DynamoDB Local, in-process: the API's rules (patterns, duplicates) and
// exit codes for what a user gets wrong.
import { createTestTable, type TestTable } from '@footfall/dynamodb-local';
import { listGoals } from '@footfall/store';
import { runCli } from '../../src';
import { fakeIo } from '../helpers/fakeIo';

jest.setTimeout(60_000);

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable({ prefix: 'cli-goals' });
});
afterAll(async () => {
  await table.cleanup();
});

async function footfall(...args: string[]) {
  const { io, out } = fakeIo('', {
    TABLE_NAME: table.tableName,
    DYNAMODB_ENDPOINT: table.endpoint,
  });
  const code = await runCli(['goal', ...args, '--site', 'Example.com'], io);
  return { code, ...out };
}

test('adds, lists and removes goals of a site', async () => {
  // Act
  const signup = await footfall('add', 'event', 'signup');
  const blog = await footfall('add', 'page', '/blog/*');
  const again = await footfall('add', 'event', 'signup');
  const listed = await footfall('list');
  const removed = await footfall('remove', blog.stdout.trim());
  const removedAgain = await footfall('remove', blog.stdout.trim());

  // Assess
  expect([signup.code, blog.code, again.code]).toEqual([0, 0, 0]);
  expect(again.stdout).toBe(signup.stdout);
  expect(listed.stdout).toBe(
    `${signup.stdout.trim()}\tevent\tsignup\n${blog.stdout.trim()}\tpage\t/blog/*\n`,
  );
  expect([removed.code, removedAgain.code]).toEqual([0, 1]);
  const { goals } = await listGoals({ dynamodb: table.client, tableName: table.tableName }, 'example.com');
  expect(goals.map((g) => g.match)).toEqual(['signup']);
});

test.each([
  ['an unknown kind', ['add', 'button', 'x']],
  ['a pattern with * inside a segment', ['add', 'page', '/blog/a*']],
  ['** before the last segment', ['add', 'page', '/**/x']],
  ['a page pattern without /', ['add', 'page', 'blog']],
  ['an event name over 64 bytes', ['add', 'event', 'e'.repeat(65)]],
  ['a malformed id', ['remove', 'xyz']],
])('refuses %s with a usage error', async (_, args) => {
  const r = await footfall(...args);
  expect(r.code).toBe(2);
});
