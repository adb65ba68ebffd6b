// The GitHub workflows: valid YAML, actions pinned to major versions, CI = .ci/run, deploys only through OIDC.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readRepoFile, repoRoot } from '../helpers/repo';

type Step = { uses?: string; run?: string; with?: Record<string, unknown> };
type Workflow = {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
};

const files = readdirSync(join(repoRoot, '.github/workflows')).filter((f) => /\.ya?ml$/.test(f));
const text = (file: string) => readRepoFile(`.github/workflows/${file}`);
const workflow = (file: string) => parse(text(file)) as Workflow;
const steps = (file: string) => Object.values(workflow(file).jobs).flatMap((job) => job.steps);
const runLines = (file: string) =>
  steps(file)
    .flatMap((s) => (s.run ?? '').split('\n'))
    .map((l) => l.trim())
    .filter((l) => l !== '');
const step = (file: string, action: string) => steps(file).find((s) => s.uses?.startsWith(`${action}@`));

describe('GitHub workflows', () => {
  it('has ci.yml and deploy.yml', () => {
    // Assess
    expect(files).toEqual(expect.arrayContaining(['ci.yml', 'deploy.yml']));
  });

  it.each(files)('%s is valid YAML with jobs and steps', (file) => {
    // Act
    const parsed = workflow(file);

    // Assess
    expect(Object.keys(parsed.jobs).length).toBeGreaterThan(0);
    for (const job of Object.values(parsed.jobs)) expect(job.steps.length).toBeGreaterThan(0);
  });

  it.each(files)('%s pins every action to a major version', (file) => {
    // Act
    const unpinned = steps(file)
      .map((s) => s.uses)
      .filter((u): u is string => u !== undefined && !/^[\w.-]+\/[\w./-]+@v\d+$/.test(u));

    // Assess
    expect(unpinned).toEqual([]);
  });

  it.each(files)('%s holds no long-lived AWS keys', (file) => {
    // Assess
    expect(text(file)).not.toMatch(
      /aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY|AKIA[0-9A-Z]{16}/,
    );
  });

  it('ci.yml runs the same commands as .ci/run', () => {
    // Prepare
    const ciRun = readRepoFile('.ci/run')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => /^(pnpm|cfn-lint) /.test(l));

    // Act
    const lines = runLines('ci.yml');

    // Assess
    expect(ciRun.length).toBeGreaterThan(3);
    expect(lines).toEqual(expect.arrayContaining(ciRun));
  });

  it('ci.yml sets up pnpm 12.4.2, Node 20 with the pnpm cache, a turbo cache and SAM validation', () => {
    // Assess
    expect(step('ci.yml', 'pnpm/action-setup')?.with?.version).toBe('12.4.2');
    expect(step('ci.yml', 'actions/setup-node')?.with).toMatchObject({ 'node-version': 20, cache: 'pnpm' });
    expect(step('ci.yml', 'actions/cache')?.with?.path).toBe('.turbo');
    expect(step('ci.yml', 'aws-actions/setup-sam')).toBeDefined();
    expect(runLines('ci.yml')).toEqual(
      expect.arrayContaining(['pnpm install --frozen-lockfile', 'sam validate --lint']),
    );
  });

  it('deploy.yml runs on version tags and by hand, with an OIDC token and read-only contents', () => {
    // Act
    const deploy = workflow('deploy.yml');

    // Assess
    expect(deploy.on).toEqual({ push: { tags: ['v*'] }, workflow_dispatch: null });
    expect(deploy.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
  });

  it('deploy.yml assumes the role from a secret, builds, and deploys the prod config', () => {
    // Act
    const credentials = step('deploy.yml', 'aws-actions/configure-aws-credentials');
    const lines = runLines('deploy.yml');

    // Assess
    // A GitHub expression (`$` + `{{ … }}`), not a JS template placeholder.
    expect(credentials?.with?.['role-to-assume']).toBe('$' + '{{ secrets.AWS_DEPLOY_ROLE_ARN }}');
    expect(step('deploy.yml', 'aws-actions/setup-sam')).toBeDefined();
    expect(lines.indexOf('pnpm build')).toBeGreaterThan(lines.indexOf('pnpm install --frozen-lockfile'));
    expect(lines.some((l) => /^sam build\b/.test(l))).toBe(true);
    expect(lines).toContain(
      'sam deploy --config-env prod --no-fail-on-empty-changeset --no-confirm-changeset',
    );
  });
});
