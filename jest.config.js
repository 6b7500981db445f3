// One jest run for the whole monorepo: fast unit tests of pure rules (*.spec.ts) and integration
// tests against the real Kafka broker and PostgreSQL (*.int-spec.ts).
const { pathsToModuleNameMapper } = require('./infra/jest/paths');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: pathsToModuleNameMapper(),
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/deploy', '<rootDir>/infra/scripts'],
};

module.exports = {
  reporters: ['default', '<rootDir>/infra/jest/summary-reporter.js'],
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/infra/jest/integration-setup.js'],
    },
  ],
};
