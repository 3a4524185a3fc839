import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'coverage/',
      'tests/artifacts/',
      'functions/dist/',
      'tools/bench/results/',
      '.azurite/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Scripts that run in the test browser, before the pane.
    files: ['tests/browser/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { window: 'readonly' } },
  },
  {
    // Node scripts in CommonJS.
    files: [
      'cli/*.js',
      'tools/**/*.js',
      '.ci/**/*.js',
      '*.config.js',
      '.*.cjs',
      'tests/stubs/**/*.js',
    ],
    languageOptions: {
      sourceType: 'commonjs',
      globals: Object.fromEntries(
        ['require', 'module', 'process', '__dirname', 'console', 'Buffer', 'URL'].map((g) => [
          g,
          'readonly',
        ]),
      ),
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
);
