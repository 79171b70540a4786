/**
 * What `npm run package` leaves in packages/cdk/dist: the Python, Java, .NET and Go packages jsii-pacmak generates
 * (`--code-only`: building wheels, jars and nupkgs needs PyPI, Maven Central and NuGet, which CI cannot reach), each
 * embedding one npm tarball that carries the jsii assembly and the bundled rules engine, and a README whose every
 * example jsii-rosetta compiled (`--strict`) and translated.
 *
 * Needs `npm run package` first (which `npm test` runs).
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const CDK = path.resolve(__dirname, '..', '..', 'packages', 'cdk');
const DIST = path.join(CDK, 'dist');

/** The tarball each target embeds, where pacmak puts it. */
const EMBEDDED: Readonly<Record<string, string>> = {
  python: 'python/src/deadbolt_cdk/_jsii/cdk@0.1.0.jsii.tgz',
  java: 'java/src/main/resources/dev/deadbolt/cdk/cdk@0.1.0.jsii.tgz',
  dotnet: 'dotnet/Deadbolt.Cdk/deadbolt-cdk-0.1.0.tgz',
  go: 'go/deadboltcdk/jsii/deadbolt-cdk-0.1.0.tgz',
};

beforeAll(() => {
  if (!fs.existsSync(DIST)) throw new Error(`no ${DIST}: run \`npm run package\` first (\`npm test\` runs it).`);
});

test('all four language targets, under the names the README gives, embedding the same npm tarball', () => {
  const tarballs = Object.entries(EMBEDDED).map(([target, file]) => {
    const full = path.join(DIST, file);
    expect({ target, exists: fs.existsSync(full) }).toEqual({ target, exists: true });
    return fs.readFileSync(full);
  });
  for (const t of tarballs) expect(t.equals(tarballs[0])).toBe(true);

  expect(fs.readFileSync(path.join(DIST, 'python', 'setup.py'), 'utf8')).toContain('"name": "deadbolt.cdk"');
  const pom = fs.readFileSync(path.join(DIST, 'java', 'pom.xml'), 'utf8');
  expect(pom).toContain('<groupId>dev.deadbolt</groupId>');
  expect(pom).toContain('<artifactId>deadbolt-cdk</artifactId>');
  expect(fs.readFileSync(path.join(DIST, 'dotnet', 'Deadbolt.Cdk', 'Deadbolt.Cdk.csproj'), 'utf8')).toContain(
    '<PackageId>Deadbolt.Cdk</PackageId>',
  );
  expect(fs.readFileSync(path.join(DIST, 'go', 'deadboltcdk', 'go.mod'), 'utf8')).toMatch(
    /^module github\.com\/deadbolt-dev\/deadbolt-go\/deadboltcdk$/m,
  );
  // Every public class is in every language.
  const python = fs.readFileSync(path.join(DIST, 'python', 'src', 'deadbolt_cdk', '__init__.py'), 'utf8');
  for (const cls of ['DataProtectionChecks', 'DataProtectionPlugin', 'SafeDatabaseInstance', 'IsolatedBackupVault']) {
    expect(python).toContain(`class ${cls}(`);
    expect(fs.existsSync(path.join(DIST, 'java', 'src', 'main', 'java', 'dev', 'deadbolt', 'cdk', `${cls}.java`))).toBe(
      true,
    );
    expect(fs.existsSync(path.join(DIST, 'dotnet', 'Deadbolt.Cdk', 'Deadbolt', 'Cdk', `${cls}.cs`))).toBe(true);
    expect(fs.existsSync(path.join(DIST, 'go', 'deadboltcdk', `${cls}.go`))).toBe(true);
  }
});

test('the embedded tarball carries the jsii assembly, jsii-compiled JavaScript and the bundled rules engine', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-jsii-tarball-'));
  try {
    execFileSync('tar', ['-xzf', path.join(DIST, EMBEDDED.python), '-C', work]);
    const pkg = path.join(work, 'package');
    const assembly = JSON.parse(fs.readFileSync(path.join(pkg, '.jsii'), 'utf8')) as { name: string; types: object };
    expect(assembly.name).toBe('@deadbolt/cdk');
    expect(Object.keys(assembly.types)).toContain('@deadbolt/cdk.SafeTable');
    // jsii's run-time type information: how the kernel names the objects it hands to other languages.
    expect(fs.readFileSync(path.join(pkg, 'lib', 'src', 'constructs', 'safe-table.js'), 'utf8')).toContain('jsii.rtti');
    const rules = JSON.parse(
      fs.readFileSync(path.join(pkg, 'node_modules', '@deadbolt', 'rules', 'package.json'), 'utf8'),
    ) as { name: string; main: string };
    expect(rules.name).toBe('@deadbolt/rules');
    expect(fs.existsSync(path.join(pkg, 'node_modules', '@deadbolt', 'rules', rules.main))).toBe(true);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});

test('the Python package is valid Python, and its README has every example translated (none left in TypeScript)', () => {
  const result = spawnSync(
    'python3',
    [
      '-m',
      'py_compile',
      path.join(DIST, 'python', 'src', 'deadbolt_cdk', '__init__.py'),
      path.join(DIST, 'python', 'setup.py'),
    ],
    { encoding: 'utf8', env: { ...process.env, PYTHONPYCACHEPREFIX: fs.mkdtempSync(path.join(os.tmpdir(), 'pyc-')) } },
  );
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });

  const source = fs.readFileSync(path.join(CDK, 'README.md'), 'utf8');
  const translated = fs.readFileSync(path.join(DIST, 'python', 'README.md'), 'utf8');
  const tsBlocks = source.match(/^```ts$/gm)?.length ?? 0;
  expect(tsBlocks).toBeGreaterThan(10);
  const pythonBlocks = source.match(/^```python$/gm)?.length ?? 0;
  expect(translated.match(/^```python$/gm)?.length).toBe(tsBlocks + pythonBlocks);
  expect(translated).not.toMatch(/^```(ts|typescript)$/m);
  expect(translated).toContain('from deadbolt_cdk import DataProtectionChecks');
  expect(translated).toContain('Aspects.of(app).add(DataProtectionChecks(), priority=AspectPriority.READONLY)');
});

test("the Python examples in the READMEs are rosetta's translations, word for word", () => {
  const translated = fs.readFileSync(path.join(DIST, 'python', 'README.md'), 'utf8');
  for (const readme of [path.join(CDK, 'README.md'), path.resolve(CDK, '..', '..', 'README.md')]) {
    const blocks = fs.readFileSync(readme, 'utf8').match(/^```python\n[\s\S]*?\n```$/gm) ?? [];
    expect({ readme, blocks: blocks.length > 0 }).toEqual({ readme, blocks: true });
    for (const block of blocks) expect(translated).toContain(block);
  }
});
