// ESLint flat config: https://eslint.org/docs/latest/use/configure/configuration-files
// typescript-eslint's recommended rules for all TypeScript, plus the CDK team's own
// plugin (@cdklabs/eslint-plugin) for the CDK front end. Formatting is Prettier's job
// (eslint-config-prettier turns off the rules that would fight it).
import js from '@eslint/js';
import cdklabs from '@cdklabs/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/lib/**',
      '**/cdk.out/**',
      '**/cdk.out.*/**',
      '.build/**',
      'coverage/**',
      'docs/api/**',
      // jsii's generated Python, Java, .NET and Go packages.
      'packages/cdk/dist/**',
      '**/*.d.ts',
      // Vendored third-party grammars and generated tables are not ours to lint.
      'packages/rules/src/spec/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        // Node.js globals; the repo runs only on Node.js.
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        __filename: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        structuredClone: 'readonly',
        performance: 'readonly',
        exports: 'writable',
        global: 'readonly',
        WebAssembly: 'readonly',
        AbortController: 'readonly',
      },
    },
    rules: {
      // Unused names are tsc's job (noUnusedLocals/noUnusedParameters); `_`-prefixed ones are deliberate.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Plain-JavaScript scripts (bench, examples, scripts) load modules with require.
      '@typescript-eslint/no-require-imports': 'off',
      // jsii wants props interfaces, even when one only extends another.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      // `let [a, b] = …` where only one is reassigned reads better than two statements.
      'prefer-const': ['error', { destructuring: 'all' }],
      // Expected-output patterns in tests keep the output's own indentation.
      'no-regex-spaces': 'off',
    },
  },
  {
    // TypeScript resolves names itself (typescript-eslint's advice: no-undef off for .ts).
    files: ['**/*.ts'],
    rules: { 'no-undef': 'off' },
  },
  {
    // Tests read synthesized templates and mocks' untyped inputs.
    files: ['**/*.test.ts', '**/test/**/*.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['packages/cdk/src/**/*.ts'],
    plugins: { '@cdklabs': cdklabs },
    rules: {
      // ARNs must use the stack's partition (aws-cn, aws-us-gov), never a literal "arn:aws:".
      '@cdklabs/no-literal-partition': 'error',
      '@cdklabs/no-this-in-static': 'error',
      '@cdklabs/promiseall-no-unbounded-parallelism': 'error',
    },
  },
  prettier,
);
