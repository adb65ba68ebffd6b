// `footfall key generate|rotate`: Fernet keys for session tokens, and rotating them in the SSM parameter.
import {
  DescribeParametersCommand,
  GetParameterCommand,
  PutParameterCommand,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import { generateKey, parseKey, parseKeyring } from '@footfall/tokens';
import { CliError } from '../errors';
import type { CliIo } from '../io';

/** Prints a new key on stdout, and on stderr where to keep it. */
export function keyGenerate(io: CliIo): void {
  io.stdout.write(`${generateKey()}\n`);
  io.stderr.write(
    'Store it as a SecureString, e.g. `aws ssm put-parameter --type SecureString --name /footfall/auth-key ' +
      '--value <key>`, and point AUTH_KEY_PARAMETER at it. Later, `footfall key rotate` replaces it without ' +
      'signing anyone out.\n',
  );
}

/** What `key rotate` needs to know. */
export interface RotateOptions {
  /** The SSM parameter holding the keys. */
  parameter: string;
  /** The deployment's token lifetime (TokenTtlSeconds): how long the previous key must keep verifying. */
  tokenTtlSeconds: number;
  /** Rotate even if that drops a key whose tokens may still be alive. */
  force: boolean;
  /** Current time, epoch ms. */
  now: number;
}

/** How long api-fn may go on issuing tokens under the old key after a rotation (it re-reads every 5 minutes). */
const KEY_PICKUP_MS = 5 * 60_000;

const keyId = (text: string): string => {
  const key = parseKey(text);
  return key.ok ? key.value.id : 'unknown';
};

const hours = (ms: number): string => `${Math.round((ms / 3_600_000) * 10) / 10} h`;

/**
 * `key rotate`: puts a new key first in the parameter and keeps the current one after it, so tokens issued
 * before keep working until they expire while new ones are issued under the new key (api-fn re-reads the
 * parameter every 5 minutes). Keys older than the current one are dropped; that is refused while the last
 * rotation is younger than one token lifetime plus those 5 minutes, since tokens of the key it would drop may
 * still be alive (`force` overrides). Keys are never printed, only their non-secret ids.
 */
export async function keyRotate(ssm: SSMClient, io: CliIo, options: RotateOptions): Promise<void> {
  const { parameter } = options;
  const got = await ssm.send(new GetParameterCommand({ Name: parameter, WithDecryption: true }));
  const value = got.Parameter?.Value ?? '';
  const ring = parseKeyring(value);
  if (!ring.ok) throw new CliError(`${parameter} does not hold session keys: ${ring.error.message}`);
  const texts = value.split(/[\s,]+/).filter((part) => part !== '');
  const [current] = texts;
  if (current === undefined) throw new CliError(`${parameter} holds no key.`);

  const changedAt = got.Parameter?.LastModifiedDate?.getTime();
  const safeAfter = (changedAt ?? 0) + options.tokenTtlSeconds * 1000 + KEY_PICKUP_MS;
  if (texts.length > 1 && options.now < safeAfter && !options.force)
    throw new CliError(
      `${parameter} was rotated ${hours(options.now - (changedAt ?? 0))} ago; rotating again now would drop a key ` +
        `whose tokens may still be alive (they last ${hours(options.tokenTtlSeconds * 1000)}). Wait until ` +
        `${new Date(safeAfter).toISOString()}, or pass --force to sign those sessions out.`,
    );

  // Overwriting without KeyId would re-encrypt under aws/ssm: keep a customer managed key if one is used.
  const described = await ssm.send(
    new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: [parameter] }] }),
  );
  const kmsKeyId = described.Parameters?.[0]?.KeyId;
  const next = generateKey();
  await ssm.send(
    new PutParameterCommand({
      Name: parameter,
      Value: `${next}\n${current}`,
      Type: 'SecureString',
      Overwrite: true,
      ...(kmsKeyId && kmsKeyId !== 'alias/aws/ssm' ? { KeyId: kmsKeyId } : {}),
    }),
  );
  const dropped = texts.length - 1;
  io.stderr.write(
    `Rotated ${parameter}: new sessions are signed with key ${keyId(next)} once api-fn re-reads it (within 5 ` +
      `minutes); key ${keyId(current)} keeps verifying the sessions it signed until the next rotation` +
      `${dropped > 0 ? `; ${dropped} older key(s) dropped` : ''}. Rotate again no sooner than ` +
      `${hours(options.tokenTtlSeconds * 1000 + KEY_PICKUP_MS)} from now.\n`,
  );
}
