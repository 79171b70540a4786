/**
 * Package runners' own subcommands and options (npm, pnpm, yarn, bun): a word
 * that is not one of their built-ins runs a package.json script or a package
 * binary of that name.
 */
export const RUNNER_VALUE_OPTIONS = new Set(['--prefix', '-C', '--dir', '--filter', '-F', '-w', '--workspace', '--cwd', '--cache', '--userconfig']);

export const PNPM_BUILTINS = new Set([
  'add', 'install', 'i', 'remove', 'rm', 'uninstall', 'un', 'up', 'update', 'upgrade', 'list', 'ls', 'll', 'outdated', 'why', 'publish',
  'pack', 'link', 'ln', 'unlink', 'import', 'rebuild', 'rb', 'prune', 'fetch', 'store', 'audit', 'config', 'c', 'env', 'setup', 'init',
  'patch', 'patch-commit', 'create', 'deploy', 'server', 'doctor', 'licenses', 'bin', 'root', 'install-test', 'it', 'dedupe', 'cat-file',
  'cat-index', 'find-hash', 'self-update', 'approve-builds', 'ignored-builds', 'help', 'recursive', 'multi', 'm', '-r',
]);

export const YARN_BUILTINS = new Set([
  'add', 'install', 'remove', 'upgrade', 'up', 'init', 'info', 'why', 'config', 'cache', 'list', 'link', 'unlink', 'outdated', 'pack',
  'publish', 'audit', 'version', 'versions', 'workspaces', 'global', 'login', 'logout', 'bin', 'node', 'set', 'plugin', 'constraints',
  'dedupe', 'npm', 'patch', 'patch-commit', 'rebuild', 'search', 'stage', 'unplug', 'explain', 'create', 'import', 'generate-lock-entry',
  'licenses', 'owner', 'policies', 'tag', 'team', 'help', 'check', 'autoclean', 'upgrade-interactive', 'test',
]);

export const BUN_BUILTINS = new Set(['install', 'i', 'add', 'a', 'remove', 'rm', 'update', 'link', 'unlink', 'pm', 'build', 'test', 'init', 'create', 'c', 'upgrade', 'repl', 'outdated', 'publish', 'audit', 'info', 'patch', 'why']);
