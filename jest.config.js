/** @type {import('jest').Config} */

// ESM throughout: ts-jest transpiles each file on its own (isolatedModules); tsc --noEmit type-checks in lint.
const transform = {
  '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'test/tsconfig.json' }],
};
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform,
  testEnvironment: 'node',
};

const config = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
    },
  ],
  // Two cores: e2e tests start real tools and servers, so keep the pool small.
  maxWorkers: 2,
  // End-to-end tests run real tools; Jest 29 takes the timeout for all projects only.
  testTimeout: 300_000,
};
export default config;
