import { plural } from './plural';

describe('plural', () => {
  test.each([
    [0, 'stack', undefined, '0 stacks'],
    [1, 'stack', undefined, '1 stack'],
    [2, 'stack', undefined, '2 stacks'],
    [1, 'property', 'properties', '1 property'],
    [3, 'property', 'properties', '3 properties'],
    [1.5, 'day', undefined, '1.5 days'],
    [-1, 'day', undefined, '-1 days'],
  ])('%p %s', (count, singular, pluralForm, expected) => {
    expect(plural(count, singular, pluralForm)).toBe(expected);
  });
});
