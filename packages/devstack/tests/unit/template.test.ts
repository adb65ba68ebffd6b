// What the dev stack reads from the repository's template.yaml: routes, CORS, the stream event and environments.

import { join } from 'node:path';
import { findRepoRoot } from '@footfall/dynamodb-local';
import { readDevTemplate } from '../../src/template';

const templatePath = join(findRepoRoot(), 'template.yaml');

test('routes, CORS and both functions come from template.yaml, with local parameter values resolved', () => {
  // Act
  const result = readDevTemplate(templatePath, {
    tableName: 'local-table',
    parameters: { AllowedSites: 'localhost', AllowedOrigins: 'http://localhost:3001,http://127.0.0.1:3001' },
  });

  // Assess
  if (!result.ok) throw result.error;
  const { routes, cors, stream, functions } = result.value;
  expect(routes.map((r) => r.routeKey)).toEqual(
    expect.arrayContaining(['ANY /api/event', 'ANY /beacon.js', 'ANY /dashboard/{file+}']),
  );
  expect(cors?.allowOrigins).toEqual(['http://localhost:3001', 'http://127.0.0.1:3001']);
  const api = functions.get(routes[0]?.functionLogicalId ?? '');
  expect(api?.codeDir).toBe(join(findRepoRoot(), 'apps/api-fn/dist'));
  expect(api?.environment).toMatchObject({
    TABLE_NAME: 'local-table',
    ALLOWED_SITES: 'localhost',
    ALLOWED_ORIGINS: 'http://localhost:3001,http://127.0.0.1:3001',
  });
  expect(stream.filterPatterns.length).toBeGreaterThan(0);
  expect(functions.get(stream.functionLogicalId)?.environment.TABLE_NAME).toBe('local-table');
});
