// Reads one SSM SecureString; imported dynamically so the SSM client is loaded only by routes that need it.
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { ConfigError } from './errors';

/** Fetches and decrypts an SSM parameter's value. @example await fetchSecureParameter('/footfall/auth-key') */
export async function fetchSecureParameter(name: string, region?: string): Promise<string> {
  const client = new SSMClient(region ? { region } : {});
  try {
    const out = await client.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    const value = out.Parameter?.Value;
    if (typeof value !== 'string' || value === '')
      throw new ConfigError(`SSM parameter ${name} has no value`);
    return value;
  } finally {
    client.destroy();
  }
}
