import { duplicateJsonKey } from './json-keys';

describe('duplicateJsonKey', () => {
  test.each<[string, string, ReturnType<typeof duplicateJsonKey>]>([
    ['no duplicate', '{"a": 1, "b": {"a": 2}, "c": [{"a": 3}, {"a": 4}]}', undefined],
    ['the same key in sibling objects of a list', '[{"a": 1}, {"a": 2}]', undefined],
    ['at the top level', '{"a": 1,\n "a": 2}', { key: 'a', line: 2, column: 2 }],
    [
      'deep inside, after strings holding braces and quotes',
      '{"Resources": {\n  "Db": {"Type": "x", "Description": "{\\"Type\\": [1,"},\n  "Db": {}\n}}',
      { key: 'Db', line: 3, column: 3 },
    ],
    [
      'the same key escaped differently',
      '{"DeletionPolicy": "Retain", "Deletion\\u0050olicy": "Delete"}',
      {
        key: 'DeletionPolicy',
        line: 1,
        column: 30,
      },
    ],
    ['a value equal to a key is not a key', '{"a": "b", "b": "a"}', undefined],
  ])('%s', (_name, text, expected) => {
    JSON.parse(text);
    expect(duplicateJsonKey(text)).toEqual(expected);
  });

  test('is linear: 200,000 keys in one object and 100,000 nested objects take well under three seconds (a quadratic scan: minutes)', () => {
    const wide = `{${Array.from({ length: 200_000 }, (_, i) => `"k${i}": ${i}`).join(',')}}`;
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const start = Date.now();
    expect(duplicateJsonKey(wide)).toBeUndefined();
    expect(duplicateJsonKey(deep)).toBeUndefined();
    expect(duplicateJsonKey(`${wide.slice(0, -1)},"k7": 0}`)).toMatchObject({ key: 'k7', line: 1 });
    expect(Date.now() - start).toBeLessThan(3000);
  });
});
