// @ts-check
import tseslint from 'typescript-eslint';

/** Node's built-in modules: the pure rooms must not reach for them. */
const nodeOnly = ['fs', 'path', 'os', 'net', 'http', 'https', 'child_process', 'crypto', 'stream', 'readline', 'tty', 'url', 'util', 'worker_threads', 'zlib', 'events', 'process', 'buffer', 'timers'];
const restricted = [
  { name: 'vscode', message: 'Only the VS Code glue (terminal/, views/, webviews/, extension.ts) imports vscode.' },
  ...nodeOnly.flatMap((name) => [
    { name, message: `engine/, cli/, shell/, curriculum/, concepts/ and inspector/ are pure: no node-only module '${name}'.` },
    { name: `node:${name}`, message: `engine/, cli/, shell/, curriculum/, concepts/ and inspector/ are pure: no node-only module 'node:${name}'.` },
  ]),
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**'] },
  ...tseslint.configs.recommended,
  {
    // The mocha reporter is plain CommonJS, loaded by mocha itself.
    files: ['test/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['src/engine/**/*.ts', 'src/cli/**/*.ts', 'src/shell/**/*.ts', 'src/curriculum/**/*.ts', 'src/concepts/**/*.ts', 'src/inspector/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: restricted }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'The pure rooms take what they need from their caller, not from process.' },
        { name: 'Buffer', message: 'The pure rooms use strings and Uint8Array, not Buffer.' },
        { name: 'require', message: 'Use import.' },
      ],
    },
  },
  {
    // The engine is the daemon: it knows nothing of the clients around it.
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: restricted,
        // Up and out of src/engine into another room (engine/programs/shell, the containers' shells, is the engine's own).
        patterns: [{ regex: '^(\\.\\./)+(cli|shell|api|curriculum|concepts|inspector|terminal|views|webviews|lessons|commands|persistence|host|bin)(/|$)', message: 'The engine is the daemon: it imports nothing from its clients.' }],
      }],
    },
  },
);
