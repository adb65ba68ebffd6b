// `pnpm dev`'s environment variables: SPEC §7 defaults, derived values and clear refusals.
import { loadDevConfig } from '../../src/config';

test('without variables the SPEC §7 defaults apply, with the data kept in .data at the repository root', () => {
  // Act
  const config = loadDevConfig({}, '/repo');

  // Assess
  expect(config).toEqual({
    ok: true,
    value: expect.objectContaining({
      port: 3000,
      demoPort: 3001,
      dynamodbPort: 8000,
      dataDir: '/repo/.data',
      adminPassword: undefined,
      pollIntervalMs: 250,
    }),
  });
});

test('the demo site follows PORT, and a relative DEV_DATA_DIR is taken from the repository root', () => {
  // Act
  const config = loadDevConfig(
    { PORT: '4000', DEV_DATA_DIR: 'tmp/dev', DEV_ADMIN_PASSWORD: 's3cret' },
    '/repo',
  );

  // Assess
  expect(config.ok && config.value).toMatchObject({
    port: 4000,
    demoPort: 4001,
    dataDir: '/repo/tmp/dev',
    adminPassword: 's3cret',
  });
});

test('unusable values are refused with the variable named', () => {
  // Act
  const badPort = loadDevConfig({ PORT: '70000' }, '/repo');
  const clash = loadDevConfig({ PORT: '8000' }, '/repo');
  const badLevel = loadDevConfig({ LOG_LEVEL: 'loud' }, '/repo');

  // Assess
  expect(badPort.ok ? '' : badPort.error.message).toMatch(/PORT/);
  expect(clash.ok ? '' : clash.error.message).toMatch(/must differ/);
  expect(badLevel.ok ? '' : badLevel.error.message).toMatch(/LOG_LEVEL/);
});
