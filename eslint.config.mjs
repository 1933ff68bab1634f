// Lint, with each folder's import rules (see DESIGN.md): shared/ is pure, renderer/ never reaches Node.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net', 'url', 'worker_threads'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.bench/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='exec'][arguments.0.type='TemplateLiteral'][arguments.0.expressions.length>0]", message: 'SQL only with bound parameters: no interpolated exec()' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron', 'better-sqlite3*', 'react', 'react-*', 'antd', ...nodeBuiltins], message: 'shared/ is pure TypeScript: no electron, node or react imports' },
        { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ must not import app layers' },
      ] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron', 'better-sqlite3*', 'exceljs', 'pdfmake', ...nodeBuiltins], message: 'renderer/ is untrusted web code: no electron, database or node imports' },
        { group: ['**/electron/**'], message: 'renderer/ talks to the main process only through window.api' },
      ] }],
    },
  },
  {
    files: ['electron/db/**/*.ts', 'electron/services/**/*.ts', 'electron/handlers/**/*.ts', 'electron/core-host/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron'], message: 'db, services, handlers and the core host run in plain Node (a utility process or worker thread): pass Electron objects in' },
        { group: ['**/renderer/**'], message: 'no UI code in the main process' },
      ] }],
    },
  },
  {
    // CommonJS build hooks (electron-builder loads them with require).
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Hooks called in order, effects naming what they read (a once-per-mount effect calls a
    // useEffectEvent function instead of leaving a dependency out).
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Type-aware: no promise left floating (an unhandled refusal would vanish), none passed where a
    // void callback is expected (except JSX handlers, which React ignores the result of).
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { project: ['./tsconfig.json', './tsconfig.web.json'], tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
);
