/**
 * The hook's program knowledge (`src/hook/knowledge/`) and the AWS table derived from the catalogue:
 * the small readers the decisions in `hook-cases.ts` rest on.
 */
import { DATA_STORES } from '@deadbolt/rules/data-stores';
import { AWS, AWS_DATA_SERVICES } from '../src/hook/knowledge/aws-cli';
import {
  crontabCommands,
  gdbShellCommands,
  imageRepository,
  ssmCommands,
  typedText,
} from '../src/hook/knowledge/hosts';
import {
  injectedByGitConfig,
  injectedByRemoteUrl,
  injectedByVariable,
  runsVariable,
} from '../src/hook/knowledge/injected-code';
import { destructiveStatement, isLocalServer } from '../src/hook/knowledge/sql';
import { awsProfileSetBy } from '../src/hook/knowledge/programs';
import { namesLocalContext } from '../src/hook/knowledge/kubernetes';
import { judgeCurl } from '../src/hook/knowledge/search-stores';
import { judgeRclone } from '../src/hook/knowledge/object-storage';
import type { Arg } from '../src/hook/knowledge/tools';

describe("the AWS CLI table is the catalogue's", () => {
  test('every operation of every data store is judged, with the decision its effect implies', () => {
    for (const op of DATA_STORES.flatMap((s) => s.operations)) {
      const rule = AWS[op.service]?.[op.operation];
      const decision = op.effect === 'may-delete' || op.effect === 'reconfigures' ? 'ask' : 'deny';
      expect({ call: `${op.service} ${op.operation}`, decision: rule?.decision }).toEqual({
        call: `${op.service} ${op.operation}`,
        decision,
      });
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
    expect(
      crontabCommands(
        'MAILTO=a@b\n# x\n0 3 * * * cd /srv && terraform destroy\n@daily backup.sh\n* * * * * echo 50%done',
      ),
    ).toBe('cd /srv && terraform destroy\nbackup.sh\necho 50');
  });
  test('gdb scripts: only `shell`, `!` and `pipe` run commands', () => {
    expect(gdbShellCommands('break main\nrun\nshell terraform destroy\n!ls\npipe info | grep x\nprint 1')).toBe(
      'terraform destroy\nls\n grep x',
    );
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
    expect(injectedByVariable('BASH_FUNC_x%%', '() { terraform destroy; }')).toEqual({
      kind: 'code',
      code: ' terraform destroy; ',
    });
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
    for (const h of [
      '',
      'localhost',
      '127.0.0.1',
      '::1',
      '[::1]',
      '/var/run/postgresql',
      '.',
      '(local)',
      'tcp:localhost,1433',
    ])
      expect({ h, local: isLocalServer(h) }).toEqual({ h, local: true });
    for (const h of ['db', 'prod.db.example.com', '10.0.0.5'])
      expect({ h, local: isLocalServer(h) }).toEqual({ h, local: false });
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

/** Literal arguments, as the analysis gives them. */
const words = (line: string): Arg[] =>
  line
    .split(' ')
    .filter(Boolean)
    .map((w) => ({ value: w, text: w }));

describe('trivially true WHERE clauses', () => {
  test('a WHERE every row meets empties the table', () => {
    for (const q of [
      'DELETE FROM users WHERE 1=1',
      'delete from users where true',
      'DELETE FROM t WHERE (1 = 1);',
      'DELETE FROM t WHERE 1=1 RETURNING id',
    ]) {
      expect({ q, found: destructiveStatement(q, 'sql') !== undefined }).toEqual({ q, found: true });
    }
  });
  test('pathological input stays linear', () => {
    const started = Date.now();
    destructiveStatement(`DELETE FROM t WHERE${' '.repeat(200_000)}x`, 'sql');
    destructiveStatement('/*'.repeat(200_000), 'sql');
    destructiveStatement(`SELECT '${"'".repeat(100_001)}`, 'sql');
    expect(Date.now() - started).toBeLessThan(2000);
  });
  test('a WHERE with a real condition does not', () => {
    for (const q of [
      'DELETE FROM t WHERE 1=1 AND id = 5',
      'DELETE FROM t WHERE id = 1',
      'DELETE FROM t WHERE truely_gone = false',
    ]) {
      expect({ q, found: destructiveStatement(q, 'sql') }).toEqual({ q, found: undefined });
    }
  });
});

describe('AWS profiles set by credential helpers', () => {
  test.each([
    ['aws-vault', 'exec prod -- terraform apply', 'prod'],
    ['aws-vault', 'exec --duration 1h prod-eu terraform apply', 'prod-eu'],
    ['aws-okta', 'exec prod -- aws s3 ls', 'prod'],
    ['saml2aws', 'exec --exec-profile prod -- terraform apply', 'prod'],
    ['saml2aws', 'exec --exec-profile=prod terraform apply', 'prod'],
    ['assume', 'prod --exec terraform', 'prod'],
    ['assume', '-r eu-west-1 prod', 'prod'],
    ['awsume', 'prod-admin', 'prod-admin'],
  ])('%s %s → %s', (name, args, profile) => {
    expect(awsProfileSetBy(name, words(args))).toBe(profile);
  });
  test('subcommands that run nothing, and other programs, set none; a computed one is unknown', () => {
    expect(awsProfileSetBy('aws-vault', words('login prod'))).toBeUndefined();
    expect(awsProfileSetBy('saml2aws', words('login'))).toBeUndefined();
    expect(awsProfileSetBy('sudo', words('-u root terraform apply'))).toBeUndefined();
    expect(
      awsProfileSetBy('aws-vault', [...words('exec'), { text: '"$P"' }, ...words('-- terraform apply')]),
    ).toBeNull();
  });
});

describe('local clusters by their contexts', () => {
  test('the naming conventions of kind, minikube, Docker Desktop, k3d, Rancher Desktop, OrbStack and colima', () => {
    for (const c of [
      'kind-dev',
      'minikube',
      'docker-desktop',
      'k3d-local',
      'rancher-desktop',
      'orbstack',
      'colima',
      'colima-work',
    ]) {
      expect({ c, local: namesLocalContext(words(`--context ${c} delete ns app`)) }).toEqual({ c, local: true });
    }
  });
  test('other contexts, the last of several, and a server or cluster given beside it', () => {
    for (const line of [
      '--context prod delete ns app',
      '--context kind-dev --context prod delete ns app',
      'delete ns app',
      '--context kind-dev --server https://prod.example.com delete ns app',
      '--context=minikube --cluster prod delete ns app',
      '--context mykind-dev delete ns',
    ]) {
      expect({ line, local: namesLocalContext(words(line)) }).toEqual({ line, local: false });
    }
  });
});

describe('HTTP deletes of search indices', () => {
  test('asked: DELETE of an index, `_all` or a wildcard on a remote cluster, and _delete_by_query', () => {
    for (const line of [
      '-XDELETE http://es.prod.internal:9200/_all',
      '-X DELETE https://search-x.eu-west-1.es.amazonaws.com/logs',
      '--request=DELETE opensearch.prod/orders',
      '-X POST http://10.0.0.5:9200/orders/_delete_by_query',
    ]) {
      expect({ line, decision: judgeCurl(words(line))?.decision }).toEqual({ line, decision: 'ask' });
    }
  });
  test('allowed: reads, local clusters, other APIs and the cluster root', () => {
    for (const line of [
      '-X GET http://es.prod:9200/_cat/indices',
      '-XDELETE http://localhost:9200/test',
      '-X DELETE https://api.example.com/users/1',
      '-X DELETE https://shop.example.es/cart/1',
      '-XDELETE http://es.prod:9200',
      '-XDELETE http://es.prod:9200/',
    ]) {
      expect({ line, decision: judgeCurl(words(line)) }).toEqual({ line, decision: undefined });
    }
  });
});

describe('rclone', () => {
  test('deletes on a remote are denied; local paths and dry runs are not', () => {
    expect(judgeRclone(words('purge s3:bucket'))?.decision).toBe('deny');
    expect(judgeRclone(words('delete :s3:bucket/dir'))?.decision).toBe('deny');
    expect(judgeRclone(words('delete ./build'))).toBeUndefined();
    expect(judgeRclone(words('purge C:/temp'))).toBeUndefined();
    expect(judgeRclone(words('purge s3:bucket -n'))).toBeUndefined();
  });
});
