import { isWrittenReason } from './written-reason';

test.each([
  ['Orders moved to the new cluster; the old one is empty (CHG-1234).'],
  ['dev stack, recreated nightly'],
  ['n/a for replicas: the primary keeps the backups'],
])('a reason with words in it is written: %s', (reason) => {
  expect(isWrittenReason(reason)).toBe(true);
});

test.each([
  [undefined],
  [42],
  [''],
  ['   '],
  ['<why losing this data is accepted>'],
  ['  <why the risk is accepted>  '],
  ['[reason]'],
  ['{reason}'],
  ['…'],
  ['...'],
  ['TODO'],
  ['tbd'],
  ['N/A'],
  ['reason'],
  ['xxx'],
  ['-'],
  ['?'],
])('a missing or placeholder reason is not written: %p', (reason) => {
  expect(isWrittenReason(reason)).toBe(false);
});
