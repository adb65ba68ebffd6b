// samconfig.toml: a dev default and a prod environment that deploy template.yaml with valid parameters.
import { parse } from 'smol-toml';
import { readRepoFile, repoTemplate } from '../helpers/repo';

const config = parse(readRepoFile('samconfig.toml')) as Record<
  string,
  Record<string, Record<string, Record<string, unknown>>>
>;
const template = repoTemplate();

/** Splits `Key="value" Key2=value2` (the format `sam deploy --guided` writes) into a map. */
function overrides(text: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of String(text).matchAll(/(\w+)=(?:"((?:[^"\\]|\\.)*)"|(\S+))/g)) {
    out[m[1] ?? ''] = m[2] ?? m[3] ?? '';
  }
  return out;
}

describe('samconfig.toml', () => {
  it('is version 0.1 with a default (dev) and a prod environment', () => {
    // Assess
    expect(config.version).toBe(0.1);
    expect(Object.keys(config)).toEqual(expect.arrayContaining(['default', 'prod']));
  });

  it.each(['default', 'prod'])('%s deploys its own stack with a managed bucket and IAM capability', (env) => {
    // Act
    const deploy = config[env]?.deploy?.parameters ?? {};

    // Assess
    expect(deploy.stack_name).toMatch(/^footfall-/);
    expect(deploy.resolve_s3).toBe(true);
    expect(String(deploy.capabilities)).toContain('CAPABILITY_IAM');
    expect(config[env]?.build?.parameters?.template_file).toBe('template.yaml');
  });

  it('uses different stacks for dev and prod', () => {
    // Assess
    expect(config.default?.deploy?.parameters?.stack_name).not.toBe(
      config.prod?.deploy?.parameters?.stack_name,
    );
  });

  it('asks for confirmation of the change set in prod', () => {
    // Assess
    expect(config.prod?.deploy?.parameters?.confirm_changeset).toBe(true);
  });

  it.each(['default', 'prod'])(
    '%s overrides only parameters the template has, and every one without a default',
    (env) => {
      // Act
      const given = overrides(config[env]?.deploy?.parameters?.parameter_overrides);

      // Assess
      const declared = Object.keys(template.Parameters);
      expect(Object.keys(given).filter((k) => !declared.includes(k))).toEqual([]);
      const required = Object.entries(template.Parameters)
        .filter(([, p]) => p.Default === undefined)
        .map(([name]) => name);
      expect(Object.keys(given)).toEqual(expect.arrayContaining(required));
    },
  );

  it('gives values the template accepts (AllowedSites pattern, key parameter name)', () => {
    // Prepare
    const sitesPattern = new RegExp(String(template.Parameters.AllowedSites?.AllowedPattern));
    const keyPattern = new RegExp(String(template.Parameters.AuthKeyParameterName?.AllowedPattern));

    for (const env of ['default', 'prod']) {
      // Act
      const given = overrides(config[env]?.deploy?.parameters?.parameter_overrides);

      // Assess
      expect(given.AllowedSites).toMatch(sitesPattern);
      expect(given.AuthKeyParameterName).toMatch(keyPattern);
    }
  });
});
