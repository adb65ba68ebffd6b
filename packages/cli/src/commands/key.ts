// `footfall key generate`: a fresh Fernet key for session tokens.
import { generateKey } from '@footfall/tokens';
import type { CliIo } from '../io';

/** Prints a new key on stdout, and on stderr where to keep it. */
export function keyGenerate(io: CliIo): void {
  io.stdout.write(`${generateKey()}\n`);
  io.stderr.write(
    'Store it as a SecureString, e.g. `aws ssm put-parameter --type SecureString --name /footfall/auth-key ' +
      '--value <key>`, and point AUTH_KEY_PARAMETER at it. Replacing it signs everyone out.\n',
  );
}
