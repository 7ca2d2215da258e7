// ESLint flat config: typescript-eslint recommended, plus the project's safety rules:
// shop data is text only (no innerHTML and friends), no eval-like code anywhere in src/.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['extension/', 'dist/', 'node_modules/', 'test-results/', 'bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.webextensions, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Render shop data as text only.' },
        { property: 'outerHTML', message: 'Render shop data as text only.' },
        { property: 'insertAdjacentHTML', message: 'Render shop data as text only.' },
      ],
      'no-restricted-syntax': ['error', { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render shop data as text only.' }],
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/tests/**'], message: 'Shipped code never imports test code.' }] }],
    },
  },
  // Layering: core/ is pure domain logic (it may read the platforms' facts, which are data only).
  {
    files: ['src/core/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/tests/**'], message: 'Shipped code never imports test code.' },
            { group: ['../db/*', '../ui/*', '../background/*', '../capture/*', '../refresh/*', '../shared/*'], message: 'core/ depends on nothing else.' },
            { group: ['../platforms/*', '!../platforms/facts'], message: 'core/ may read only the platform facts (data).' },
          ],
        },
      ],
    },
  },
);
