import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { BREAK_GLASS_ENV, DELETION_GUARD_HOOK_NAME, deletionGuard, guardDeletion } from '../../src';
import { runProgram } from '../harness';

const URN = 'urn:pulumi:prod::shop::deadbolt:s3:SafeBucket$aws:s3/bucket:Bucket::docs-bucket';
const TARGET = { urn: URN, name: 'docs-bucket' };
const NOW = new Date('2026-05-01T10:00:00Z');

describe('guardDeletion', () => {
  test('without break glass it refuses, naming the resource, saying why and how to break glass', () => {
    let message = '';
    try {
      guardDeletion(TARGET, {}, NOW);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(`Deadbolt refuses to delete ${URN}: it holds data, or protects data that does`);
    expect(message).toContain('a delete cannot be undone');
    expect(message).toContain(
      `To delete it on purpose, a person sets \`${BREAK_GLASS_ENV}\` to a JSON list with an entry for it`,
    );
    expect(message).toContain(
      `${BREAK_GLASS_ENV}='[{"resource":"${URN}","reason":"<why losing this data is accepted>","expires":"2026-05-02"}]'`,
    );
    expect(message).toContain(`\`pulumi state unprotect '${URN}'\``);
    expect(message).toContain('`pulumi destroy --run-program`');
  });

  test('with an invalid entry it refuses and says why the entry was not accepted', () => {
    const env = { [BREAK_GLASS_ENV]: JSON.stringify([{ resource: URN, reason: 'Old docs.', expires: '2026-04-01' }]) };
    expect(() => guardDeletion(TARGET, env, NOW)).toThrow(
      `Not accepted: the break-glass entry for \`${URN}\` expired on 2026-04-01.`,
    );
  });

  test('with malformed JSON it refuses (fail closed)', () => {
    expect(() => guardDeletion(TARGET, { [BREAK_GLASS_ENV]: 'yes please' }, NOW)).toThrow(
      `\`${BREAK_GLASS_ENV}\` is not valid JSON`,
    );
  });

  test('with a valid entry it lets the delete through', () => {
    const env = {
      [BREAK_GLASS_ENV]: JSON.stringify([
        { resource: URN, reason: 'Docs moved to the archive account.', expires: '2026-05-02' },
      ]),
    };
    expect(guardDeletion(TARGET, env, NOW)).toMatchObject({ allowed: true, entry: { resource: URN } });
  });
});

describe('deletionGuard', () => {
  const saved = process.env[BREAK_GLASS_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[BREAK_GLASS_ENV];
    else process.env[BREAK_GLASS_ENV] = saved;
  });

  test('is one shared, named hook per program, registered with the engine and recorded on the resources it guards', async () => {
    const hooks: pulumi.ResourceHook[] = [];
    const run = await runProgram(() => {
      hooks.push(deletionGuard(), deletionGuard());
      new aws.s3.Bucket('docs', {}, { hooks: { beforeDelete: [hooks[0]] } });
    });
    expect(run.error).toBeUndefined();
    expect(hooks[0]).toBe(hooks[1]);
    expect(hooks[0].name).toBe(DELETION_GUARD_HOOK_NAME);
    expect(DELETION_GUARD_HOOK_NAME).toBe('deadbolt-deletion-guard');
    // It also runs during previews: a destroy's preview is refused before anything is deleted.
    expect(hooks[0].opts).toEqual({ onDryRun: true });
    expect(run.hooks).toEqual(new Set([DELETION_GUARD_HOOK_NAME]));
    expect(run.get('aws:s3/bucket:Bucket', 'docs').beforeDelete).toEqual([DELETION_GUARD_HOOK_NAME]);
  });

  test('a later program (a new engine connection) registers it again', async () => {
    const run = await runProgram(() => {
      new aws.s3.Bucket('docs', {}, { hooks: { beforeDelete: [deletionGuard()] } });
    });
    expect(run.hooks.has(DELETION_GUARD_HOOK_NAME)).toBe(true);
  });

  test('its callback refuses without break glass and allows with it, reading the environment when called', async () => {
    let hook: pulumi.ResourceHook | undefined;
    await runProgram(() => {
      hook = deletionGuard();
      // Bound to a resource, the hook's registration is awaited before the program ends.
      new aws.s3.Bucket('docs', {}, { hooks: { beforeDelete: [hook] } });
    });
    const args: pulumi.ResourceHookArgs = {
      urn: URN,
      id: 'acme-docs',
      name: 'docs-bucket',
      type: 'aws:s3/bucket:Bucket',
      oldInputs: {},
      oldOutputs: {},
    };
    delete process.env[BREAK_GLASS_ENV];
    expect(() => hook!.callback(args)).toThrow(`Deadbolt refuses to delete ${URN}`);
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);
    process.env[BREAK_GLASS_ENV] = JSON.stringify([
      { resource: URN, reason: 'Docs moved to the archive account.', expires: tomorrow },
    ]);
    // The break glass is reported in the update's log, with its reason.
    const warn = jest.spyOn(pulumi.log, 'warn').mockResolvedValue(undefined);
    try {
      expect(() => hook!.callback(args)).not.toThrow();
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining(`Deadbolt break glass: deleting ${URN} (reason: "Docs moved to the archive account."`),
      );
    } finally {
      warn.mockRestore();
    }
  });
});
