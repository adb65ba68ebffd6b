// Shared Jest preset: CommonJS through ts-jest (the SDK's ESM under Jest is experimental).
// Type-checking is the separate `typecheck` task, so ts-jest runs with isolatedModules.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': [
      'ts-jest',
      {
        diagnostics: false,
        tsconfig: {
          isolatedModules: true,
          module: 'commonjs',
          moduleResolution: 'node10',
          ignoreDeprecations: '6.0',
          esModuleInterop: true,
          resolveJsonModule: true,
          target: 'ES2022',
        },
      },
    ],
  },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: [require.resolve('./jest-setup.js')],
};
