/**
 * The packages as a user gets them: `npm pack` of a workspace package (built
 * first: `npx tsc -b`, which `npm test` runs), a fresh project outside the
 * repository that installs the tarballs with npm, and the checks every tarball
 * must pass (a LICENSE, no test code, no source map without its source).
 * Shared by the packaging tests (test/packaging/*.test.ts).
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..', '..');

export type WorkspacePackage = 'rules' | 'cdk' | 'cli' | 'pulumi';

export interface PackedPackage {
  /** `@deadbolt/<pkg>`. */
  readonly name: string;
  /** Absolute path of the `.tgz`. */
  readonly tarball: string;
  /** Paths inside the package, as `npm pack` listed them. */
  readonly files: readonly string[];
}

/** `npm pack` of packages/<pkg> into `destination`. */
export function pack(pkg: WorkspacePackage, destination: string): PackedPackage {
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
    cwd: path.join(ROOT, 'packages', pkg),
    encoding: 'utf8',
    timeout: 120_000,
  });
  // @deadbolt/cdk's prepack/postpack scripts (bundling the rules) print their banners on stdout before the JSON.
  const [result] = JSON.parse(out.slice(out.indexOf('['))) as {
    name: string;
    filename: string;
    files: { path: string }[];
  }[];
  return {
    name: result.name,
    tarball: path.join(destination, result.filename),
    files: result.files.map((f) => f.path),
  };
}

/** `name@<version>` as the repository's root package.json pins it, so a fresh project gets what the tests ran with. */
export function pinned(name: string): string {
  const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  const version = root.devDependencies[name];
  if (!version) throw new Error(`${name} is not a devDependency of the root package.json: pin it there first.`);
  return `${name}@${version}`;
}

/**
 * A new npm project at `dir` (created) that installs `specs` (tarball paths
 * and `name@version`) as a user would, from the npm cache when it has them.
 */
export function freshProject(dir: string, specs: readonly string[]): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: path.basename(dir), version: '1.0.0', private: true }, null, 2)}\n`,
  );
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...specs], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 300_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return dir;
}

/** Runs a command in a project, without color, telemetry or update notices; never throws on a non-zero exit. */
export function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): SpawnSyncReturns<string> {
  return spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: 180_000,
    env: {
      ...process.env,
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      CDK_DISABLE_CLI_TELEMETRY: 'true',
      CDK_DISABLE_VERSION_CHECK: 'true',
      npm_config_update_notifier: 'false',
      ...env,
    },
  });
}

/** A file only tests need: test files, fixtures, compiled tests. */
const TEST_ONLY = [
  /(^|\/)(test|tests|__tests__|fixtures?)\//,
  /\.(test|spec)\.[cm]?[jt]sx?(\.map)?$/,
  /\.(test|spec)\.d\.[cm]?ts(\.map)?$/,
];

/**
 * What is wrong with a tarball's contents; `installed` is where npm unpacked
 * it (node_modules/<name>), to read the files.
 *
 * - LICENSE is shipped and is the repository's.
 * - No test files, fixtures or test helpers: a `testing` module ships only
 *   when the package declares it as an entry point (`exports['./testing']`
 *   or `testing/package.json`).
 * - Every source map's sources are shipped, and every `sourceMappingURL`
 *   names a shipped map.
 */
export function tarballProblems(packed: PackedPackage, installed: string): string[] {
  const problems: string[] = [];
  const shipped = new Set(packed.files);
  if (!shipped.has('LICENSE')) problems.push(`${packed.name}: no LICENSE`);
  else if (
    fs.readFileSync(path.join(installed, 'LICENSE'), 'utf8') !== fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8')
  ) {
    problems.push(`${packed.name}: LICENSE differs from the repository's`);
  }

  const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as {
    exports?: Record<string, unknown>;
  };
  const testingIsPublic =
    (manifest.exports !== undefined && './testing' in manifest.exports) || shipped.has('testing/package.json');
  for (const file of packed.files) {
    if (TEST_ONLY.some((pattern) => pattern.test(file)))
      problems.push(`${packed.name}: ships ${file}, which only tests need`);
    else if (/(^|\/)testing(\/|\.)/.test(file) && !testingIsPublic)
      problems.push(`${packed.name}: ships ${file}, a test helper that no entry point exports`);
  }

  for (const file of packed.files) {
    const at = path.posix.dirname(file);
    if (file.endsWith('.map')) {
      const map = JSON.parse(fs.readFileSync(path.join(installed, file), 'utf8')) as {
        sources: string[];
        sourceRoot?: string;
      };
      for (const source of map.sources) {
        const resolved = path.posix.normalize(path.posix.join(at, map.sourceRoot ?? '', source));
        if (!shipped.has(resolved)) problems.push(`${packed.name}: ${file} maps to ${resolved}, which is not shipped`);
      }
    } else if (/\.(js|d\.ts)$/.test(file)) {
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(fs.readFileSync(path.join(installed, file), 'utf8'))?.[1];
      if (url && !url.startsWith('data:') && !shipped.has(path.posix.normalize(path.posix.join(at, url)))) {
        problems.push(`${packed.name}: ${file} names the source map ${url}, which is not shipped`);
      }
    }
  }
  return problems;
}
