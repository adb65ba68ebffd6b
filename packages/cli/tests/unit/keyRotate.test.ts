// `footfall key rotate` against a mocked SSM: the new key goes first, the current one stays for its sessions,
// older ones go, a rotation too soon after the last is refused, and no key is ever printed.
import {
  DescribeParametersCommand,
  GetParameterCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { generateKey, parseKey, parseKeyring } from '@footfall/tokens';
import { mockClient } from 'aws-sdk-client-mock';
import { keyRotate } from '../../src/commands/key';
import { fakeIo } from '../helpers/fakeIo';

const NOW = Date.UTC(2026, 5, 1, 12);
const DAY = 86_400_000;
const TTL = 43_200;

function ssmHolding(value: string, lastModified: number, keyId = 'alias/aws/ssm') {
  const client = new SSMClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  const mock = mockClient(client);
  mock.on(GetParameterCommand).resolves({
    Parameter: { Name: '/footfall/auth-key', Value: value, LastModifiedDate: new Date(lastModified) },
  });
  mock.on(DescribeParametersCommand).resolves({ Parameters: [{ Name: '/footfall/auth-key', KeyId: keyId }] });
  mock.on(PutParameterCommand).resolves({ Version: 2 });
  return { client, mock };
}

const rotate = (client: SSMClient, io: ReturnType<typeof fakeIo>['io'], force = false) =>
  keyRotate(client, io, { parameter: '/footfall/auth-key', tokenTtlSeconds: TTL, force, now: NOW });

const idOf = (text: string) => {
  const key = parseKey(text);
  if (!key.ok) throw key.error;
  return key.value.id;
};

describe('keyRotate', () => {
  it('turns a single key into [new, that key], as a SecureString, printing ids only', async () => {
    // Prepare
    const single = generateKey();
    const { client, mock } = ssmHolding(single, NOW - 30 * DAY);
    const { io, out } = fakeIo();

    // Act
    await rotate(client, io);

    // Assess
    const put = mock.commandCalls(PutParameterCommand)[0]?.args[0].input;
    expect(put).toMatchObject({ Name: '/footfall/auth-key', Type: 'SecureString', Overwrite: true });
    expect(put?.KeyId).toBeUndefined();
    const ring = parseKeyring(put?.Value);
    if (!ring.ok) throw ring.error;
    expect(ring.value.all.map((k) => k.id)).toEqual([ring.value.current.id, idOf(single)]);
    expect(put?.Value?.split('\n')[1]).toBe(single);
    expect(out.stderr).toContain(idOf(single));
    expect(`${out.stdout}${out.stderr}`).not.toContain(single);
    expect(`${out.stdout}${out.stderr}`).not.toContain(put?.Value?.split('\n')[0]);
  });

  it('drops the key retired by the last rotation once a token lifetime has passed', async () => {
    // Prepare
    const [current, retired] = [generateKey(), generateKey()];
    const { client, mock } = ssmHolding(`${current}\n${retired}`, NOW - TTL * 1000 - 5 * 60_000);
    const { io, out } = fakeIo();

    // Act
    await rotate(client, io);

    // Assess
    const value = mock.commandCalls(PutParameterCommand)[0]?.args[0].input.Value ?? '';
    expect(value.split('\n')).toHaveLength(2);
    expect(value.split('\n')[1]).toBe(current);
    expect(value).not.toContain(retired);
    expect(out.stderr).toContain('1 older key(s) dropped');
  });

  it('refuses to drop a key whose tokens may still be alive, unless forced', async () => {
    // Prepare
    const value = `${generateKey()},${generateKey()}`;
    const { client, mock } = ssmHolding(value, NOW - 60 * 60_000);
    const { io } = fakeIo();

    // Act
    const refused = rotate(client, io);
    await expect(refused).rejects.toThrow('--force');
    const forced = await rotate(client, io, true);

    // Assess
    expect(forced).toBeUndefined();
    expect(mock.commandCalls(PutParameterCommand)).toHaveLength(1);
  });

  it('keeps a customer managed KMS key when it rewrites the parameter', async () => {
    // Prepare
    const { client, mock } = ssmHolding(generateKey(), NOW - DAY, 'arn:aws:kms:us-east-1:1:key/abc');
    const { io } = fakeIo();

    // Act
    await rotate(client, io);

    // Assess
    expect(mock.commandCalls(PutParameterCommand)[0]?.args[0].input.KeyId).toBe(
      'arn:aws:kms:us-east-1:1:key/abc',
    );
  });

  it('refuses a parameter that holds no keys, without printing its value', async () => {
    // Prepare
    const { client, mock } = ssmHolding('hunter2-not-a-key', NOW - DAY);
    const { io, out } = fakeIo();

    // Act
    const result = rotate(client, io);

    // Assess
    await expect(result).rejects.toThrow('does not hold session keys');
    await expect(rotate(client, io)).rejects.not.toThrow('hunter2');
    expect(mock.commandCalls(PutParameterCommand)).toHaveLength(0);
    expect(out.stderr).toBe('');
  });
});
