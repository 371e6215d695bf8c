import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // The decorator and TypeScript consumer fixtures are projects of their own, compiled against the built or installed package by their tests.
  { ignores: ['dist/**', '**/node_modules/**', '.pack/**', 'test/fixtures/**/out/**', 'test/fixtures/decorators-*/**', 'test/fixtures/consumer-typescript/**', 'coverage/**', 'examples/**/dist/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      'no-restricted-syntax': ['error', { selector: 'ExportAllDeclaration', message: 'Use explicit named exports; no `export *`.' }],
      'no-console': 'error',
      // Optional components are loaded with require() only when configured, to keep start-up lean.
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.cjs', '**/*.mjs', 'examples/**', 'bench/**', 'scripts/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Plain JavaScript (examples, fixtures, scripts, benchmarks) is linted without type information.
    files: ['**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false, project: false }, globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', fetch: 'readonly', URL: 'readonly', AbortSignal: 'readonly' } },
  },
);
