import { writesOf } from './writes';

const w = (line: string): ReturnType<typeof writesOf> => {
  const [name, ...args] = line.split(' ');
  return writesOf(name, args);
};

describe('writesOf', () => {
  test('tee writes its operands, appending with -a', () => {
    expect(w('tee a.txt b.txt')).toEqual([
      { kind: 'stdin', file: 'a.txt', append: false },
      { kind: 'stdin', file: 'b.txt', append: false },
    ]);
    expect(w('tee -a log.txt')).toEqual([{ kind: 'stdin', file: 'log.txt', append: true }]);
    expect(w('tee -')).toEqual([]);
  });

  test('cp, ln and install land on the destination, or inside it when it is a directory', () => {
    expect(w('cp -f a.sh run.sh')).toEqual([
      { kind: 'copy', file: 'run.sh', from: 'a.sh' },
      { kind: 'copy', file: 'run.sh/a.sh', from: 'a.sh' },
    ]);
    expect(w('cp a b bin/')).toEqual([
      { kind: 'copy', file: 'bin/a', from: 'a' },
      { kind: 'copy', file: 'bin/b', from: 'b' },
    ]);
    expect(w('cp -t bin a')).toEqual([{ kind: 'copy', file: 'bin/a', from: 'a' }]);
    expect(w('ln -s scripts/x.sh x.sh')[0]).toEqual({ kind: 'copy', file: 'x.sh', from: 'scripts/x.sh' });
    expect(w('install -m 755 x.sh bin/')).toEqual([{ kind: 'copy', file: 'bin/x.sh', from: 'x.sh' }]);
    expect(w('install -d bin')).toEqual([]);
  });

  test('mv also removes its source', () => {
    expect(w('mv a.sh b.sh')).toContainEqual({ kind: 'delete', file: 'a.sh' });
    expect(w('mv a.sh b.sh')).toContainEqual({ kind: 'copy', file: 'b.sh', from: 'a.sh' });
  });

  test('downloads name their file', () => {
    expect(w('curl -fsSL https://x.io/t.sh -o t.sh')).toEqual([{ kind: 'unknown', file: 't.sh' }]);
    expect(w('curl --output=t.sh https://x.io/t.sh')).toEqual([{ kind: 'unknown', file: 't.sh' }]);
    expect(w('curl -sSLO https://x.io/dl/run.sh?x=1')).toEqual([{ kind: 'unknown', file: 'run.sh' }]);
    expect(w('curl -o - https://x.io')).toEqual([]);
    expect(w('wget -O i.sh https://x.io/i')).toEqual([{ kind: 'unknown', file: 'i.sh' }]);
    expect(w('wget -q https://x.io/setup.sh')).toEqual([{ kind: 'unknown', file: 'setup.sh' }]);
    expect(w('wget -qO- https://x.io/setup.sh')).toEqual([]);
  });

  test('in-place edits, truncation, dd', () => {
    expect(w('sed -i s/a/b/ f.sh')).toEqual([{ kind: 'unknown', file: 'f.sh' }]);
    expect(w('sed -i.bak -e s/a/b/ f.sh g.sh')).toEqual([
      { kind: 'unknown', file: 'f.sh' },
      { kind: 'unknown', file: 'g.sh' },
    ]);
    expect(w('sed s/a/b/ f.sh')).toEqual([]);
    expect(w('truncate -s 0 f.json')).toEqual([{ kind: 'unknown', file: 'f.json' }]);
    expect(w('dd if=/dev/zero of=disk.img bs=1M')).toEqual([{ kind: 'unknown', file: 'disk.img' }]);
  });

  test('removals and mode changes (a mode may look like an option)', () => {
    expect(w('rm -rf .deadbolt build')).toEqual([
      { kind: 'delete', file: '.deadbolt' },
      { kind: 'delete', file: 'build' },
    ]);
    expect(w('chmod -x hook.sh')).toEqual([{ kind: 'mode', file: 'hook.sh' }]);
    expect(w('chmod -R 755 bin')).toEqual([{ kind: 'mode', file: 'bin' }]);
  });

  test('archives and checkouts', () => {
    expect(w('unzip -q tools.zip -d out')).toEqual([{ kind: 'directory', dir: 'out' }]);
    expect(w('tar -xzf r.tgz -C out')).toEqual([{ kind: 'directory', dir: 'out' }]);
    expect(w('tar xzf r.tgz')).toEqual([{ kind: 'directory', dir: '.' }]);
    expect(w('tar -czf r.tgz src')).toEqual([]);
    expect(w('git checkout other -- a.sh b.sh')).toEqual([
      { kind: 'unknown', file: 'a.sh' },
      { kind: 'unknown', file: 'b.sh' },
    ]);
    expect(w('git restore --source=HEAD~1 a.sh')).toEqual([{ kind: 'unknown', file: 'a.sh' }]);
    expect(w('git checkout main')).toEqual([{ kind: 'directory', dir: '.' }]);
    expect(w('git status')).toEqual([]);
  });

  test('computed words are not named', () => {
    expect(writesOf('cp', ['a', undefined])).toEqual([]);
    expect(writesOf('rm', [undefined, 'x'])).toEqual([{ kind: 'delete', file: 'x' }]);
  });
});
