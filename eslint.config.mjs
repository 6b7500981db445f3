// Syntax-only (no type information) so that `npm run lint` stays fast on the CI box.
// @nx/enforce-module-boundaries reads the project graph that Nx caches in .nx/workspace-data:
// `npm run lint` refreshes it first; without it the rule is silently skipped.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const kafkajsOnlyInMessaging = {
  paths: [{ name: 'kafkajs', message: 'kafkajs lives only in libs/messaging; use @emporium/messaging.' }],
  patterns: [{ group: ['kafkajs/*'], message: 'kafkajs lives only in libs/messaging; use @emporium/messaging.' }],
};

const contractsStayPlain = {
  paths: [{ name: 'typeorm', message: 'libs/contracts must stay free of TypeORM.' }],
  patterns: [
    { group: ['@nestjs/*'], message: 'libs/contracts must stay free of Nest.' },
    { group: ['typeorm/*'], message: 'libs/contracts must stay free of TypeORM.' },
  ],
};

const boundaries = (extra = {}) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allowCircularSelfDependency: false,
    depConstraints: [
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
      { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['*'] },
      {
        sourceTag: 'lib:contracts',
        onlyDependOnLibsWithTags: [],
        bannedExternalImports: ['@nestjs/*', 'typeorm', 'typeorm/*', 'kafkajs'],
      },
    ],
    ...extra,
  },
];

export default defineConfig(
  globalIgnores(['**/node_modules/', '**/dist/', '**/coverage/', '.data/', '.nx/', 'infra/kafka/lib/', 'docs/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': boundaries(),
      'no-restricted-imports': ['error', kafkajsOnlyInMessaging],
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    files: ['libs/messaging/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['libs/contracts/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...kafkajsOnlyInMessaging.paths, ...contractsStayPlain.paths],
          patterns: [...kafkajsOnlyInMessaging.patterns, ...contractsStayPlain.patterns],
        },
      ],
    },
  },
  {
    // Journey tests drive several services and may reuse their test recipes and source.
    files: ['apps/*-e2e/**'],
    rules: { '@nx/enforce-module-boundaries': boundaries({ allow: ['^(\\.\\./)+[\\w-]+/(src|test)/'] }) },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        exports: 'writable',
        __dirname: 'readonly',
        __filename: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['infra/jest/**'],
    languageOptions: { globals: { jest: 'readonly' } },
  },
  {
    // k6 scenarios are ES modules run by k6, with its own globals.
    files: ['infra/k6/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: { __ENV: 'readonly', __VU: 'readonly', __ITER: 'readonly', console: 'readonly' },
    },
  },
);
