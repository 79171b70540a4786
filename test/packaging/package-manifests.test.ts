/**
 * What each package declares to npm, and what the repository gives a clone:
 * the same Apache-2.0 LICENSE at the root and in every package, where the
 * source lives and which Node it needs, and a `deadbolt` bin that npm can
 * link at `npm ci`, before anything is built.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './tarballs';

const PACKAGES = ['rules', 'cdk', 'cli', 'pulumi'] as const;

function manifest(pkg: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'packages', pkg, 'package.json'), 'utf8'));
}

test('the root LICENSE is the Apache License 2.0, and every package carries the same file', () => {
  const license = fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');
  expect(license).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004\s+http:\/\/www\.apache\.org\/licenses\//);
  expect(license).toContain('END OF TERMS AND CONDITIONS');
  for (const pkg of PACKAGES) {
    expect({ pkg, same: fs.readFileSync(path.join(ROOT, 'packages', pkg, 'LICENSE'), 'utf8') === license }).toEqual({
      pkg,
      same: true,
    });
  }
});

test.each(PACKAGES)(
  '@deadbolt/%s names its license, repository directory, homepage, issues, Node version and keywords',
  (pkg) => {
    expect(manifest(pkg)).toMatchObject({
      license: 'Apache-2.0',
      repository: {
        type: 'git',
        url: 'git+https://github.com/deadbolt-dev/deadbolt.git',
        directory: `packages/${pkg}`,
      },
      homepage: `https://github.com/deadbolt-dev/deadbolt/tree/main/packages/${pkg}#readme`,
      bugs: { url: 'https://github.com/deadbolt-dev/deadbolt/issues' },
      engines: { node: '>=20' },
      keywords: expect.arrayContaining(['deadbolt']),
    });
  },
);

test.each(PACKAGES)("the README of @deadbolt/%s, and the repository's, have its install line", (pkg) => {
  const line = new RegExp(`^npm install (--save-dev )?@deadbolt/${pkg}\\b`, 'm');
  expect(fs.readFileSync(path.join(ROOT, 'packages', pkg, 'README.md'), 'utf8')).toMatch(line);
  expect(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toMatch(line);
});

describe('the workspace `deadbolt` bin', () => {
  const bin = (manifest('cli').bin as Record<string, string>).deadbolt;

  test('points at a committed file, so npm links it at `npm ci`, before the build', () => {
    expect(bin).not.toMatch(/^(\.\/)?lib\//);
    expect(fs.statSync(path.join(ROOT, 'packages', 'cli', bin)).mode & 0o111).not.toBe(0);
    // Not a build output: git keeps it (`git check-ignore` exits 1 for a path it does not ignore).
    expect(spawnSync('git', ['check-ignore', '-q', path.posix.join('packages/cli', bin)], { cwd: ROOT }).status).toBe(
      1,
    );
  });

  test("node_modules/.bin/deadbolt resolves into packages/cli, so `npx deadbolt` runs this repository's CLI", () => {
    const link = path.join(ROOT, 'node_modules', '.bin', 'deadbolt');
    expect(fs.existsSync(link)).toBe(true);
    expect(fs.realpathSync(link)).toBe(path.join(ROOT, 'packages', 'cli', bin));
  });
});
