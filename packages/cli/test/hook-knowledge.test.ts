/**
 * The hook's program knowledge (`src/hook/knowledge/`) and the AWS table derived from the catalogue:
 * the small readers the decisions in `hook-cases.ts` rest on.
 */
import { DATA_STORES } from '@deadbolt/rules/data-stores';
import { AWS, AWS_DATA_SERVICES } from '../src/hook/knowledge/destructive-commands';
import { crontabCommands, gdbShellCommands, imageRepository, ssmCommands, typedText } from '../src/hook/knowledge/hosts';
import { injectedByGitConfig, injectedByRemoteUrl, injectedByVariable, runsVariable } from '../src/hook/knowledge/injected-code';
import { destructiveStatement, isLocalServer } from '../src/hook/knowledge/sql';

describe('the AWS CLI table is the catalogue\'s', () => {
  test('every operation of every data store is judged, with the decision its effect implies', () => {
    for (const op of DATA_STORES.flatMap((s) => s.operations)) {
      const rule = AWS[op.service]?.[op.operation];
      const decision = op.effect === 'may-delete' || op.effect === 'reconfigures' ? 'ask' : 'deny';
      expect({ call: `${op.service} ${op.operation}`, decision: rule?.decision }).toEqual({ call: `${op.service} ${op.operation}`, decision });
    }
  });

  test('services of stores ask for deletes they do not list, except where deletes are routine', () => {
    expect(AWS_DATA_SERVICES.has('rds')).toBe(true);
    expect(AWS_DATA_SERVICES.has('s3tables')).toBe(true);
    expect(AWS_DATA_SERVICES.has('ec2')).toBe(false);
    expect(AWS_DATA_SERVICES.has('logs')).toBe(false);
  });
});

describe('hosts', () => {
  test('a crontab loses its schedule, comments and settings', () => {
    expect(crontabCommands('MAILTO=a@b\n# x\n0 3 * * * cd /srv && terraform destroy\n@daily backup.sh\n* * * * * echo 50%done')).toBe('cd /srv && terraform destroy\nbackup.sh\necho 50');
  });
  test('gdb scripts: only `shell`, `!` and `pipe` run commands', () => {
    expect(gdbShellCommands('break main\nrun\nshell terraform destroy\n!ls\npipe info | grep x\nprint 1')).toBe('terraform destroy\nls\n grep x');
  });
  test('typed text: newlines as typed', () => {
    expect(typedText('terraform destroy\\n')).toBe('terraform destroy\n');
    expect(typedText('ls^M')).toBe('ls\n');
  });
  test('image references name their repository', () => {
    expect(imageRepository('docker.io/hashicorp/terraform:1.9')).toBe('hashicorp/terraform');
    expect(imageRepository('ghcr.io/opentofu/opentofu:1.8@sha256:abcd')).toBe('ghcr.io/opentofu/opentofu');
    expect(imageRepository('localhost:5000/tools')).toBe('localhost:5000/tools');
  });
  test('SSM parameters: shorthand and JSON', () => {
    expect(ssmCommands('commands=["cd /srv","terraform destroy"]')).toEqual(['cd /srv', 'terraform destroy']);
    expect(ssmCommands('{"commands":["pulumi destroy --yes"]}')).toEqual(['pulumi destroy --yes']);
    expect(ssmCommands('commands=uptime')).toEqual(['uptime']);
  });
});

describe('code carried by settings', () => {
  test('environment variables that run their value', () => {
    expect(runsVariable('GIT_SSH_COMMAND')).toBe(true);
    expect(runsVariable('BASH_FUNC_deploy%%')).toBe(true);
    expect(runsVariable('HOME')).toBe(false);
    expect(injectedByVariable('BASH_FUNC_x%%', '() { terraform destroy; }')).toEqual({ kind: 'code', code: ' terraform destroy; ' });
    expect(injectedByVariable('BASH_ENV', 'env.sh')).toEqual({ kind: 'file', file: 'env.sh' });
    expect(injectedByVariable('LESSOPEN', '|lesspipe %s')).toEqual({ kind: 'code', code: 'lesspipe file' });
  });
  test('Git settings that run a command, and those that do not', () => {
    expect(injectedByGitConfig('core.sshCommand=terraform destroy')).toBe('terraform destroy');
    expect(injectedByGitConfig('alias.x=!terraform destroy')).toBe('terraform destroy');
    expect(injectedByGitConfig('alias.lg=log --oneline')).toBeUndefined();
    expect(injectedByGitConfig('core.pager=')).toBeUndefined();
    expect(injectedByGitConfig('core.hooksPath=.githooks')).toBeUndefined();
    expect(injectedByGitConfig('user.name=bot')).toBeUndefined();
    expect(injectedByRemoteUrl('ext::sh -c terraform% destroy')).toBe('sh -c terraform\\ destroy');
  });
});

describe('databases', () => {
  test('local servers', () => {
    for (const h of ['', 'localhost', '127.0.0.1', '::1', '[::1]', '/var/run/postgresql', '.', '(local)', 'tcp:localhost,1433']) expect({ h, local: isLocalServer(h) }).toEqual({ h, local: true });
    for (const h of ['db', 'prod.db.example.com', '10.0.0.5']) expect({ h, local: isLocalServer(h) }).toEqual({ h, local: false });
  });
  test('statements that drop or empty data', () => {
    expect(destructiveStatement('BEGIN; DROP TABLE users; COMMIT;', 'sql')).toBe('DROP TABLE users');
    expect(destructiveStatement('delete from sessions', 'sql')).toBe('delete from sessions');
    expect(destructiveStatement('DELETE FROM sessions WHERE expires < now()', 'sql')).toBeUndefined();
    expect(destructiveStatement('-- DROP TABLE users\nSELECT 1', 'sql')).toBeUndefined();
    expect(destructiveStatement('CREATE TABLE t (id int)', 'sql')).toBeUndefined();
    expect(destructiveStatement('db.getSiblingDB("app").dropDatabase()', 'mongo')).toBeDefined();
    expect(destructiveStatement('db.users.find({})', 'mongo')).toBeUndefined();
    expect(destructiveStatement('flushall', 'redis')).toBe('FLUSHALL');
  });
});
