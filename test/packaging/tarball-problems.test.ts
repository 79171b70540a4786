/**
 * The tarball checks of tarballs.ts find what they are for: a missing
 * LICENSE, test files, fixtures, test helpers no entry point exports, and
 * source maps whose source (or map) is not shipped.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, tarballProblems } from './tarballs';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-tarball-problems-'));
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** An unpacked package holding `files` (path → text); returns the listing `npm pack` would give. */
function unpacked(files: Record<string, string>): string[] {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return Object.keys(files);
}

const LICENSE = () => fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');

test('a clean package has no problems', () => {
  const files = unpacked({
    'package.json': '{}',
    LICENSE: LICENSE(),
    'lib/index.js': 'exports.x = 1;\n//# sourceMappingURL=index.js.map',
    'lib/index.js.map': JSON.stringify({ version: 3, sources: ['../src/index.ts'], mappings: '' }),
    'src/index.ts': 'export const x = 1;\n',
  });
  expect(tarballProblems({ name: '@deadbolt/x', tarball: 'x.tgz', files }, dir)).toEqual([]);
});

test('each kind of problem is named with the file', () => {
  const files = unpacked({
    'package.json': '{}',
    'lib/index.js': 'exports.x = 1;\n//# sourceMappingURL=index.js.map',
    'lib/other.js': 'exports.y = 1;\n//# sourceMappingURL=other.js.map\n',
    'lib/other.js.map': JSON.stringify({ version: 3, sources: ['../src/other.ts'], mappings: '' }),
    'lib/gate/testing.js': '',
    'lib/gate/fixtures/plan.json': '{}',
    'lib/engine/values.test.js': '',
    'lib/test/helpers.js': '',
  });
  expect(tarballProblems({ name: '@deadbolt/x', tarball: 'x.tgz', files }, dir)).toEqual([
    '@deadbolt/x: no LICENSE',
    '@deadbolt/x: ships lib/gate/testing.js, a test helper that no entry point exports',
    '@deadbolt/x: ships lib/gate/fixtures/plan.json, which only tests need',
    '@deadbolt/x: ships lib/engine/values.test.js, which only tests need',
    '@deadbolt/x: ships lib/test/helpers.js, which only tests need',
    '@deadbolt/x: lib/index.js names the source map index.js.map, which is not shipped',
    '@deadbolt/x: lib/other.js.map maps to src/other.ts, which is not shipped',
  ]);
});

test('a testing module ships when the package exports it', () => {
  const files = unpacked({
    'package.json': JSON.stringify({ exports: { '.': './lib/index.js', './testing': './lib/testing/index.js' } }),
    LICENSE: LICENSE(),
    'lib/testing/index.js': '',
  });
  expect(tarballProblems({ name: '@deadbolt/x', tarball: 'x.tgz', files }, dir)).toEqual([]);
});
