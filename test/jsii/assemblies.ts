/**
 * The assemblies a program using @deadbolt/cdk loads into the jsii kernel, as its language packages carry them: the
 * registry tarballs of `constructs`, `aws-cdk-lib` and the jsii modules aws-cdk-lib depends on (dependencies first,
 * as each Python package imports its dependencies before itself), then @deadbolt/cdk from the tarball `npm run
 * package` embedded in the generated Python package. Shared by the kernel tests and bench/jsii-kernel.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** Where jsii-pacmak put the npm tarball the Python package embeds, in the repository at `root`. */
function embeddedJsiiDir(root: string): string {
  return path.join(root, 'packages', 'cdk', 'dist', 'python', 'src', 'deadbolt_cdk', '_jsii');
}

/** One assembly to load: `load(name, version, tarball)`. */
export interface AssemblyTarball {
  readonly name: string;
  readonly version: string;
  readonly tarball: string;
}

/** An installed package's directory, version and the dependencies it does not bundle, resolved from `from`. */
function installed(name: string, from: string): { dir: string; version: string; deps: string[] } {
  const file = require.resolve(`${name}/package.json`, { paths: [from] });
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    version: string;
    dependencies?: Record<string, string>;
    bundleDependencies?: string[];
    bundledDependencies?: string[];
  };
  const bundled = new Set(pkg.bundleDependencies ?? pkg.bundledDependencies ?? []);
  return {
    dir: path.dirname(file),
    version: pkg.version,
    deps: Object.keys(pkg.dependencies ?? {}).filter((d) => !bundled.has(d)),
  };
}

/** The registry tarball of `name@version`, from npm's cache (filled by `npm ci`), packed into `work`. */
function registryTarball(name: string, version: string, work: string): string {
  const out = execFileSync('npm', ['pack', `${name}@${version}`, '--prefer-offline', '--json'], {
    cwd: work,
    encoding: 'utf8',
    timeout: 180_000,
  });
  const [{ filename }] = JSON.parse(out.slice(out.indexOf('['))) as { filename: string }[];
  return path.join(work, filename);
}

/**
 * Every assembly a CDK app with @deadbolt/cdk loads, in load order, from the repository at `root` (its installed
 * packages and generated Python package), the registry tarballs packed into `work`. Throws when `npm run package`
 * has not written the embedded tarball.
 */
export function cdkAppAssemblies(root: string, work: string): AssemblyTarball[] {
  const dir = embeddedJsiiDir(root);
  const embedded = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.jsii.tgz')) : [];
  if (embedded.length !== 1) {
    throw new Error(`no jsii tarball in ${dir}: run \`npm run package\` first (\`npm test\` runs it).`);
  }
  const list: AssemblyTarball[] = [];
  const seen = new Set<string>();
  const visit = (name: string, from: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const pkg = installed(name, from);
    for (const dep of pkg.deps) visit(dep, pkg.dir);
    list.push({ name, version: pkg.version, tarball: registryTarball(name, pkg.version, work) });
  };
  visit('constructs', root);
  visit('aws-cdk-lib', root);
  const cdk = '@deadbolt/cdk';
  list.push({ name: cdk, version: installed(cdk, root).version, tarball: path.join(dir, embedded[0]) });
  return list;
}
