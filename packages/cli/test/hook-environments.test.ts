/**
 * Production markers (`deadbolt.config.json`): under a marker every command
 * that changes infrastructure asks; elsewhere the defaults stand. The files
 * the hook reads (the config, `.terraform/environment`, the kubeconfig, the
 * AWS, gcloud and Azure settings) come from an in-memory file map, so each
 * case shows exactly what the hook saw. The last cases run the built binary
 * (`npx tsc -b` first) in a real project directory.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyseCommand, type AnalyseOptions } from '../src/hook/analyse';
import { findConfig, validateConfig, ConfigError } from '../src/hook/environments/config';
import { mutationOf } from '../src/hook/environments/mutating-commands';
import { matchesName, matchesPath, matchesStack } from '../src/hook/environments/patterns';
import { cannotRunGuardedTool } from '../src/hook/prefilter';
import type { Arg } from '../src/hook/knowledge/tools';
import { deadbolt, requireBuiltBinary } from './helpers';

const ROOT = '/work/acme';
const HOME = '/home/dev';

const MARKERS = {
  awsProfiles: ['prod', 'prod-*'],
  awsAccountIds: ['111111111111'],
  terraformWorkspaces: ['prod', 'production'],
  terraformPaths: ['infra/prod/**', 'envs/prod.tfvars'],
  pulumiStacks: ['prod', 'acme/app/prod'],
  kubeContexts: ['prod-*'],
  gcpProjects: ['acme-prod'],
  azureSubscriptions: ['Acme Production', '00000000-0000-0000-0000-00000000beef'],
};

function configFile(markers: object = MARKERS): string {
  return JSON.stringify({ hook: { production: markers } }, null, 2);
}

/** A repository at ROOT with a config, and a developer's home with dev defaults. */
function project(extra: Record<string, string | undefined> = {}, markers: object = MARKERS): Record<string, string> {
  const files: Record<string, string | undefined> = {
    [`${ROOT}/.git/HEAD`]: 'ref: refs/heads/main\n',
    [`${ROOT}/deadbolt.config.json`]: configFile(markers),
    [`${ROOT}/infra/prod/.terraform/environment`]: 'default\n',
    [`${ROOT}/infra/dev/.terraform/environment`]: 'default\n',
    [`${ROOT}/infra/shared/.terraform/environment`]: 'prod\n',
    [`${HOME}/.kube/config`]: 'apiVersion: v1\nclusters: []\ncurrent-context: dev-eu\nkind: Config\n',
    [`${HOME}/.config/gcloud/active_config`]: 'default',
    [`${HOME}/.config/gcloud/configurations/config_default`]: '[core]\naccount = dev@acme.test\nproject = acme-dev\n',
    [`${HOME}/.azure/azureProfile.json`]:
      '\uFEFF' +
      JSON.stringify({
        subscriptions: [{ id: '11111111-2222-3333-4444-555555555555', name: 'Acme Dev', isDefault: true }],
      }),
    [`${HOME}/.aws/config`]:
      '[default]\nregion = eu-west-1\n[profile dev]\nsso_account_id = 222222222222\n[profile ops]\nrole_arn = arn:aws:iam::111111111111:role/Operator\n',
    ...extra,
  };
  return Object.fromEntries(Object.entries(files).filter((e): e is [string, string] => e[1] !== undefined));
}

function options(files: Record<string, string>, cwd = ROOT, env: Record<string, string> = {}): AnalyseOptions {
  return { cwd, env: { HOME, ...env }, readFile: (f) => files[f] };
}

async function decide(
  command: string,
  files = project(),
  cwd = ROOT,
  env: Record<string, string> = {},
): Promise<{ decision: string; reason?: string }> {
  const a = await analyseCommand(command, options(files, cwd, env));
  return { decision: a.decision, reason: a.reason };
}

describe('finding the config', () => {
  test('from a subdirectory, up to the repository root', async () => {
    const files = project({ [`${ROOT}/infra/shared/main.tf`]: '' });
    const r = await decide('terraform apply', files, `${ROOT}/infra/shared`);
    expect(r.decision).toBe('ask');
    expect(r.reason).toContain('Terraform workspace `prod` (from `.terraform/environment`)');
    expect(r.reason).toContain(
      'which `../../deadbolt.config.json` marks as production (`terraformWorkspaces`: `prod`)',
    );
  });

  test('the `deadbolt` key of package.json', async () => {
    const files = project({
      [`${ROOT}/deadbolt.config.json`]: undefined,
      [`${ROOT}/package.json`]: JSON.stringify({
        name: 'acme',
        deadbolt: { hook: { production: { awsProfiles: ['prod'] } } },
      }),
    });
    const r = await decide(
      'aws rds modify-db-instance --db-instance-identifier records --apply-immediately',
      files,
      ROOT,
      { AWS_PROFILE: 'prod' },
    );
    expect(r.decision).toBe('ask');
    expect(r.reason).toContain('`package.json` (key `deadbolt`) marks as production (`awsProfiles`: `prod`)');
  });

  test('a package.json without the key does not stop the search', () => {
    const files = project({ [`${ROOT}/infra/package.json`]: '{"name":"infra"}' });
    expect(findConfig(`${ROOT}/infra/prod`, (f) => files[f])).toMatchObject({ kind: 'markers', dir: ROOT });
  });

  test('the search stops at the repository root and at the filesystem root', () => {
    const files = project({ [`${ROOT}/deadbolt.config.json`]: undefined, '/work/deadbolt.config.json': configFile() });
    expect(findConfig(`${ROOT}/infra/prod`, (f) => files[f])).toBeUndefined();
    expect(findConfig('/tmp/x', () => undefined)).toBeUndefined();
  });

  test('the search reads at most three files a directory, for at most twelve directories', () => {
    const read: string[] = [];
    findConfig('/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p', (f) => {
      read.push(f);
      return undefined;
    });
    expect(read.length).toBe(36);
  });

  test('without a config the defaults stand: a plain `terraform apply` is allowed, a destroy denied', async () => {
    const files = project({ [`${ROOT}/deadbolt.config.json`]: undefined });
    expect((await decide('terraform apply', files, `${ROOT}/infra/shared`)).decision).toBe('allow');
    expect((await decide('terraform destroy', files, `${ROOT}/infra/shared`)).decision).toBe('deny');
    expect((await decide('kubectl apply -f deploy.yaml', files, ROOT, { AWS_PROFILE: 'prod' })).decision).toBe('allow');
  });

  test('a config with no markers changes nothing', async () => {
    const files = project({ [`${ROOT}/deadbolt.config.json`]: '{"hook":{"production":{}}}' });
    expect((await decide('terraform apply', files, `${ROOT}/infra/shared`)).decision).toBe('allow');
  });
});

describe('a broken config is reported, never ignored', () => {
  test.each([
    [
      'an unknown key (a typo)',
      '{"hook":{"production":{"awsProfile":["prod"]}}}',
      '`hook.production.awsProfile` is not a known key',
    ],
    ['an unknown top-level key', '{"hooks":{}}', '`hooks` is not a known key'],
    ['not JSON', '{"hook": {', 'it is not valid JSON'],
    [
      'a string instead of a list',
      '{"hook":{"production":{"awsProfiles":"prod"}}}',
      '`hook.production.awsProfiles` must be an array of strings',
    ],
    [
      'a malformed account id',
      '{"hook":{"production":{"awsAccountIds":["1111-1111-1111"]}}}',
      '`hook.production.awsAccountIds[0]` must be a twelve-digit AWS account id',
    ],
    [
      'an absolute path',
      '{"hook":{"production":{"terraformPaths":["/infra/prod"]}}}',
      'must be relative to the directory of the config',
    ],
    ['an empty name', '{"hook":{"production":{"kubeContexts":[""]}}}', 'must be a non-empty name'],
  ])('%s', async (_about, text, problem) => {
    const files = project({ [`${ROOT}/deadbolt.config.json`]: text });
    const r = await decide('terraform apply', files, `${ROOT}/infra/dev`);
    expect(r.decision).toBe('ask');
    expect(r.reason).toContain('`../../deadbolt.config.json`, which names the production environments, is broken: ');
    expect(r.reason).toContain(problem);
    expect(r.reason).toContain('Instead: Fix `../../deadbolt.config.json`');
  });

  test('a config both in its own file and in package.json', async () => {
    const files = project({ [`${ROOT}/package.json`]: JSON.stringify({ deadbolt: {} }) });
    const r = await decide('terraform apply', files, `${ROOT}/infra/dev`);
    expect(r.decision).toBe('ask');
    expect(r.reason).toContain('also has a `deadbolt` key; keep the markers in one place');
  });

  test('a package.json that is not JSON but names the key', async () => {
    const files = project({
      [`${ROOT}/deadbolt.config.json`]: undefined,
      [`${ROOT}/package.json`]: '{"deadbolt": {"hook": ',
    });
    expect((await decide('pulumi up', files)).reason).toContain(
      '`package.json`, which names the production environments, is broken: it is not valid JSON',
    );
  });

  test('commands that only read still run', async () => {
    const files = project({ [`${ROOT}/deadbolt.config.json`]: '{"hook":{"production":{"awsProfile":["prod"]}}}' });
    for (const c of ['terraform plan', 'aws s3 ls', 'kubectl get pods', 'pulumi preview'])
      expect((await decide(c, files)).decision).toBe('allow');
  });

  test('validateConfig names the place', () => {
    expect(() => validateConfig({ hook: { production: { pulumiStacks: ['prod', 3] } } })).toThrow(
      new ConfigError('`hook.production.pulumiStacks[1]` must be a string, got `3`'),
    );
    expect(() => validateConfig({ hook: { production: { terraformPaths: ['infra/../prod'] } } })).toThrow(
      /must not contain `.` or `..` segments/,
    );
    expect(() => validateConfig({ hook: { production: { terraformPaths: ['infra/prod**'] } } })).toThrow(
      /`\*\*` must be a whole path segment/,
    );
    expect(
      validateConfig({ $schema: 'x', hook: { production: { terraformPaths: ['infra/prod/'] } } }).terraformPaths,
    ).toEqual(['infra/prod']);
  });
});

describe('the incident: an agent with production Terraform credentials, workspace `prod`', () => {
  const incident = project({ [`${ROOT}/infra/.terraform/environment`]: 'prod\n' });
  const agentEnv = { AWS_PROFILE: 'prod' };
  const infra = `${ROOT}/infra`;

  test('`terraform apply -auto-approve` is denied, as it is without a marker', async () => {
    const r = await decide('terraform apply -auto-approve', incident, infra, agentEnv);
    expect(r.decision).toBe('deny');
    expect(r.reason).toContain('applies whatever the plan contains without showing it to anyone');
  });

  test('`terraform destroy` is denied', async () => {
    expect((await decide('terraform destroy', incident, infra, agentEnv)).decision).toBe('deny');
  });

  test('a plain `terraform apply` asks under the marker, and is allowed without it', async () => {
    const r = await decide('terraform apply', incident, infra, agentEnv);
    expect(r.decision).toBe('ask');
    expect(r.reason).toBe(
      'Deadbolt asks a person first: this command changes production: `terraform apply` changes infrastructure (`terraform apply`) with AWS profile `prod` (`AWS_PROFILE`), ' +
        'which `../deadbolt.config.json` marks as production (`awsProfiles`: `prod`): every change there needs a person. ' +
        'Instead: A person runs it. To have the change reviewed: `terraform plan -out=tfplan`, `terraform show -json tfplan > plan.json`, `npx deadbolt plan plan.json`, then a person applies the saved plan.',
    );
    const withoutProfile = await decide('terraform apply', incident, infra);
    expect(withoutProfile.reason).toContain('in Terraform workspace `prod` (from `.terraform/environment`)');
    const noConfig = project({
      [`${ROOT}/deadbolt.config.json`]: undefined,
      [`${ROOT}/infra/.terraform/environment`]: 'prod\n',
    });
    expect((await decide('terraform apply', noConfig, infra, agentEnv)).decision).toBe('allow');
  });

  test('`aws rds modify-db-instance … --apply-immediately` asks under the production profile', async () => {
    const command =
      'aws rds modify-db-instance --db-instance-identifier student-records --backup-retention-period 7 --apply-immediately';
    const r = await decide(command, incident, ROOT, agentEnv);
    expect(r.decision).toBe('ask');
    expect(r.reason).toContain(
      'changes infrastructure (`aws rds modify-db-instance`) with AWS profile `prod` (`AWS_PROFILE`)',
    );
    expect((await decide(command, incident, ROOT, { AWS_PROFILE: 'dev' })).decision).toBe('allow');
  });

  test('reading production stays allowed', async () => {
    for (const c of [
      'terraform plan',
      'terraform plan -destroy',
      'terraform output',
      'terraform state list',
      'aws rds describe-db-instances',
      'aws sts get-caller-identity',
    ]) {
      expect({ c, ...(await decide(c, incident, infra, agentEnv)) }).toMatchObject({ c, decision: 'allow' });
    }
  });
});

describe('AWS profile', () => {
  const files = project();
  test.each([
    ['`--profile`', 'aws ec2 run-instances --image-id ami-1 --profile prod', {}, '`--profile`'],
    ['`--profile=`', 'aws ec2 run-instances --image-id ami-1 --profile=prod-eu', {}, '`--profile`'],
    [
      'a prefix assignment',
      'AWS_PROFILE=prod aws lambda update-function-code --function-name f --zip-file fileb://f.zip',
      {},
      '`AWS_PROFILE`',
    ],
    [
      'an export earlier in the line',
      'export AWS_PROFILE=prod-admin && aws lambda update-function-configuration --function-name f --timeout 30',
      {},
      '`AWS_PROFILE`',
    ],
    [
      'the hook environment',
      'aws dynamodb put-item --table-name t --item file://i.json',
      { AWS_PROFILE: 'prod' },
      '`AWS_PROFILE`',
    ],
    [
      '`AWS_DEFAULT_PROFILE`',
      'aws sqs send-message --queue-url q --message-body x',
      { AWS_DEFAULT_PROFILE: 'prod' },
      '`AWS_DEFAULT_PROFILE`',
    ],
    ['sam', 'sam sync --stack-name app --profile prod', {}, '`--profile`'],
    ['cdk, even with an approval prompt', 'cdk deploy --require-approval any-change --profile prod', {}, '`--profile`'],
    ['serverless', 'serverless invoke --function f --aws-profile prod', {}, '`--aws-profile`'],
    // Credential helpers that run a command under a profile, or set it for the rest of the line.
    ['aws-vault exec', 'aws-vault exec prod -- terraform apply', {}, '`AWS_PROFILE`'],
    [
      'aws-vault exec with options',
      'aws-vault exec --duration 1h prod-eu -- aws lambda update-function-code --function-name f --zip-file fileb://f.zip',
      {},
      '`AWS_PROFILE`',
    ],
    ['saml2aws exec', 'saml2aws exec --exec-profile prod -- terraform apply', {}, '`AWS_PROFILE`'],
    ["Granted's assume --exec", "assume prod --exec 'terraform apply'", {}, '`AWS_PROFILE`'],
    ["Granted's assume, sourced", 'assume prod && terraform apply', {}, '`AWS_PROFILE`'],
    ['awsume, sourced', 'awsume prod-admin && pulumi up', {}, '`AWS_PROFILE`'],
  ])('matched: %s', async (_about, command, env, source) => {
    const r = await decide(command, files, ROOT, env);
    expect(r.decision).toBe('ask');
    expect(r.reason).toContain(`with AWS profile \``);
    expect(r.reason).toContain(`(${source})`);
  });

  test.each([
    ['another profile', 'aws ec2 run-instances --image-id ami-1 --profile dev', {}],
    [
      'the flag wins over the environment',
      'aws ec2 run-instances --image-id ami-1 --profile dev',
      { AWS_PROFILE: 'prod' },
    ],
    ['no profile (the default one is not marked)', 'aws ec2 run-instances --image-id ami-1', {}],
    ['a read', 'aws ec2 describe-instances --profile prod', {}],
    ['a download', 'aws s3 cp s3://acme-data/report.csv . --profile prod', {}],
    ['a dry run', 'aws ec2 run-instances --image-id ami-1 --dry-run --profile prod', {}],
    ['configuring the CLI', 'aws configure set region eu-west-1 --profile prod', {}],
    ['signing in', 'aws sso login --profile prod', {}],
    ['aws-vault exec of another profile', 'aws-vault exec dev -- terraform apply', {}],
    ['aws-vault exec of a read', 'aws-vault exec prod -- aws s3 ls', {}],
    ['aws-vault login (runs nothing)', 'aws-vault login prod', {}],
    ['saml2aws exec of another profile', 'saml2aws exec --exec-profile dev -- terraform apply', {}],
    ['awsume of another profile', 'awsume dev && terraform apply', {}],
  ])('not matched: %s', async (_about, command, env) => {
    expect((await decide(command, files, ROOT, env)).decision).toBe('allow');
  });

  test('an upload to a bucket is a change', async () => {
    expect((await decide('aws s3 cp build/ s3://acme-site/ --recursive --profile prod', files)).decision).toBe('ask');
  });

  test('a computed profile may be production: ask, saying why', async () => {
    const r = await decide('aws ec2 run-instances --image-id ami-1 --profile "$PROFILE"', files);
    expect(r.decision).toBe('ask');
    expect(r.reason).toContain(
      'Deadbolt cannot tell whether it targets production: `--profile` is computed when the line runs',
    );
    expect(r.reason).toContain('marks AWS profiles `prod`, `prod-*` as production');
    expect(r.reason).toContain(
      'Instead: Name the target on the line (`--profile NAME` or `AWS_PROFILE=NAME` written out)',
    );
  });
});

describe('AWS account', () => {
  const files = project();
  test('an ARN in the command', async () => {
    const r = await decide(
      'aws sns publish --topic-arn arn:aws:sns:eu-west-1:111111111111:alerts --message hi --profile dev',
      files,
    );
    expect(r.decision).toBe('ask');
    expect(r.reason).toContain('in AWS account `111111111111` (the ARN `arn:aws:sns:eu-west-1:111111111111:alerts`)');
  });
  test('`AWS_ACCOUNT_ID`', async () => {
    expect(
      (
        await decide('aws sqs send-message --queue-url q --message-body x', files, ROOT, {
          AWS_ACCOUNT_ID: '111111111111',
        })
      ).reason,
    ).toContain('(`AWS_ACCOUNT_ID`)');
  });
  test('the account of the profile in ~/.aws/config (`role_arn`)', async () => {
    const r = await decide('AWS_PROFILE=ops terraform apply', files, `${ROOT}/infra/dev`);
    expect(r.decision).toBe('ask');
    expect(r.reason).toContain(
      'in AWS account `111111111111` (the account of AWS profile `ops` in the AWS config file)',
    );
  });
  test('another account', async () => {
    expect(
      (
        await decide(
          'AWS_PROFILE=dev aws sns publish --topic-arn arn:aws:sns:eu-west-1:222222222222:alerts --message hi',
          files,
        )
      ).decision,
    ).toBe('allow');
  });
});

describe('Terraform workspace', () => {
  const files = project();
  const dev = `${ROOT}/infra/dev`;
  test('`TF_WORKSPACE`', async () => {
    expect((await decide('TF_WORKSPACE=production terraform apply', files, dev)).reason).toContain(
      'in Terraform workspace `production` (`TF_WORKSPACE`)',
    );
  });
  test('`workspace select` earlier in the line', async () => {
    const r = await decide('terraform workspace select prod && terraform apply', files, dev);
    expect(r.decision).toBe('ask');
    expect(r.reason).toContain('in Terraform workspace `prod` (selected earlier in the line)');
  });
  test('`.terraform/environment` of the directory `cd` goes to', async () => {
    expect((await decide('cd infra/shared && terraform import aws_s3_bucket.b acme-data', files)).reason).toContain(
      'Terraform workspace `prod` (from `.terraform/environment`)',
    );
  });
  test('`.terraform/environment` of `-chdir`', async () => {
    expect((await decide('terraform -chdir=infra/shared taint aws_instance.web', files)).decision).toBe('ask');
  });
  test('`TF_DATA_DIR`', async () => {
    const withDataDir = project({ [`${dev}/.tfdata/environment`]: 'prod' });
    expect((await decide('TF_DATA_DIR=.tfdata terraform apply', withDataDir, dev)).reason).toContain(
      'Terraform workspace `prod`',
    );
  });
  test('another workspace, or a selection of another one', async () => {
    expect((await decide('terraform apply', files, dev)).decision).toBe('allow');
    expect(
      (await decide('terraform workspace select staging && terraform apply', files, `${ROOT}/infra/shared`)).decision,
    ).toBe('allow');
    expect((await decide('TF_WORKSPACE=dev terraform apply', files, dev)).decision).toBe('allow');
  });
  test('a directory computed when the line runs may be production: ask', async () => {
    const r = await decide('cd "$DIR" && terraform apply', files, ROOT);
    expect(r.decision).toBe('ask');
    expect(r.reason).toContain('Deadbolt cannot tell whether it targets production');
  });
  test('every mutating subcommand asks', async () => {
    for (const c of [
      'terraform import a.b id',
      'terraform state rm a.b',
      'terraform state mv a.b a.c',
      'terraform taint a.b',
      'terraform untaint a.b',
      'terraform force-unlock 1234',
      'terraform refresh',
      'terraform test',
      'tofu apply',
    ]) {
      expect({ c, ...(await decide(c, files, `${ROOT}/infra/shared`)) }).toMatchObject({ c, decision: 'ask' });
    }
  });
});

describe('Terraform paths', () => {
  const files = project();
  test('the working directory after `cd`', async () => {
    const r = await decide('cd infra/prod && terraform apply', files);
    expect(r.decision).toBe('ask');
    expect(r.reason).toContain(
      'on `infra/prod` (its working directory), which `deadbolt.config.json` marks as production (`terraformPaths`: `infra/prod/**`)',
    );
  });
  test('a subdirectory of a `**` path', async () => {
    expect((await decide('terraform apply', files, `${ROOT}/infra/prod/network`)).decision).toBe('ask');
  });
  test('`-chdir`', async () => {
    expect((await decide('terraform -chdir=infra/prod apply', files)).decision).toBe('ask');
  });
  test('`-var-file`', async () => {
    const r = await decide('terraform apply -var-file=../../envs/prod.tfvars', files, `${ROOT}/infra/dev`);
    expect(r.reason).toContain('on `envs/prod.tfvars` (`-var-file`)');
  });
  test('terragrunt `--working-dir`', async () => {
    expect((await decide('terragrunt apply --working-dir infra/prod', files)).decision).toBe('ask');
  });
  test('not matched: another directory, another var file', async () => {
    expect((await decide('cd infra/dev && terraform apply -var-file=dev.tfvars', files)).decision).toBe('allow');
  });
  test('a computed var file may be production: ask', async () => {
    expect((await decide('terraform apply -var-file="$ENV.tfvars"', files, `${ROOT}/infra/dev`)).decision).toBe('ask');
  });
});

describe('Pulumi stack', () => {
  const files = project();
  test.each([
    ['`--stack`', 'pulumi up --stack prod', {}, 'on Pulumi stack `prod` (`--stack`)'],
    [
      '`-s` with a qualified name',
      'pulumi refresh --yes -s acme/app/prod',
      {},
      'on Pulumi stack `acme/app/prod` (`--stack`)',
    ],
    ['`PULUMI_STACK`', 'pulumi import aws:s3/bucket:Bucket b acme-data', { PULUMI_STACK: 'prod' }, '(`PULUMI_STACK`)'],
    [
      '`stack select` earlier in the line',
      'pulumi stack select prod && pulumi up',
      {},
      'on Pulumi stack `prod` (selected earlier in the line)',
    ],
    [
      '`state` edits',
      'pulumi state rename urn:a new --stack prod',
      {},
      'changes infrastructure (`pulumi state rename`)',
    ],
    ['`cancel`', 'pulumi cancel --stack prod', {}, 'changes infrastructure (`pulumi cancel`)'],
  ])('matched: %s', async (_about, command, env, text) => {
    const r = await decide(command, files, ROOT, env);
    expect(r.decision).toBe('ask');
    expect(r.reason).toContain(text);
  });
  test.each([
    ['another stack', 'pulumi up --stack dev'],
    ['a preview', 'pulumi preview --stack prod'],
    ['reading outputs', 'pulumi stack output --stack prod'],
    ['selecting a stack', 'pulumi stack select prod'],
  ])('not matched: %s', async (_about, command) => {
    expect((await decide(command, files)).decision).toBe('allow');
  });
  test("a qualified marker does not match another organization's stack of that name", async () => {
    const qualified = project({}, { pulumiStacks: ['acme/app/prod'] });
    expect((await decide('pulumi up --stack other/app/prod', qualified)).decision).toBe('allow');
    expect((await decide('pulumi up --stack prod', qualified)).decision).toBe('ask');
  });
  test('no stack on the line: the selected stack is not read, so it asks', async () => {
    const r = await decide('pulumi up', files);
    expect(r.decision).toBe('ask');
    expect(r.reason).toContain('no stack is named on the line (`--stack`, `PULUMI_STACK`)');
    expect(r.reason).toContain('Name the target on the line (`--stack NAME`)');
  });
});

describe('kube context', () => {
  const files = project();
  test.each([
    ['`--context`', 'kubectl apply -f deploy.yaml --context prod-eu', {}, 'in kube context `prod-eu` (`--context`)'],
    [
      '`current-context` of KUBECONFIG',
      'kubectl scale deploy/web --replicas=0',
      { KUBECONFIG: `/tmp/none:${HOME}/.kube/prod` },
      'the `current-context` of `KUBECONFIG`',
    ],
    [
      '`use-context` earlier in the line',
      'kubectl config use-context prod-us && kubectl rollout restart deploy/web',
      {},
      'selected earlier in the line',
    ],
    ['helm `--kube-context`', 'helm upgrade web ./chart --kube-context prod-eu', {}, '(`--kube-context`)'],
    ['`HELM_KUBECONTEXT`', 'helm rollback web 3', { HELM_KUBECONTEXT: 'prod-eu' }, '(`HELM_KUBECONTEXT`)'],
  ])('matched: %s', async (_about, command, env, text) => {
    const withProd = project({ [`${HOME}/.kube/prod`]: "current-context: 'prod-eu'\n" });
    const r = await decide(command, withProd, ROOT, env);
    expect(r.decision).toBe('ask');
    expect(r.reason).toContain(text);
  });
  test('the default kubeconfig names a production context', async () => {
    const prodHome = project({ [`${HOME}/.kube/config`]: 'current-context: prod-eu\n' });
    expect((await decide('kubectl delete pod web-1', prodHome)).reason).toContain(
      'in kube context `prod-eu` (the `current-context` of `~/.kube/config`)',
    );
  });
  test.each([
    'kubectl apply -f deploy.yaml',
    'kubectl get pods --context prod-eu',
    'kubectl logs web-1 --context prod-eu',
    'kubectl apply -f deploy.yaml --dry-run=server --context prod-eu',
    'kubectl diff -f deploy.yaml --context prod-eu',
    'kubectl rollout status deploy/web --context prod-eu',
    'helm template web ./chart --kube-context prod-eu',
    'helm list --kube-context prod-eu',
  ])('not matched: %s', async (command) => {
    expect((await decide(command, files)).decision).toBe('allow');
  });
  test('an unreadable kubeconfig may be production: ask', async () => {
    const r = await decide('kubectl apply -f deploy.yaml', project({ [`${HOME}/.kube/config`]: undefined }));
    expect(r.decision).toBe('ask');
    expect(r.reason).toContain('the current context of `~/.kube/config` could not be read');
  });
  test('the pre-filter sends kubectl, helm, gcloud and az lines to the analysis', () => {
    for (const c of [
      'kubectl apply -f deploy.yaml',
      'helm upgrade web chart',
      'gcloud run deploy web',
      'az group delete -n rg',
      'k"ubectl" apply -f x.yaml',
    ])
      expect(cannotRunGuardedTool(c)).toBe(false);
    expect(cannotRunGuardedTool('ls -la')).toBe(true);
  });
});

describe('Google Cloud project', () => {
  const files = project();
  test('`--project`', async () => {
    expect((await decide('gcloud run deploy web --image gcr.io/acme/web --project acme-prod', files)).reason).toContain(
      'in Google Cloud project `acme-prod` (`--project`)',
    );
  });
  test('`CLOUDSDK_CORE_PROJECT`', async () => {
    expect(
      (
        await decide('gcloud sql instances patch db --backup-start-time 02:00', files, ROOT, {
          CLOUDSDK_CORE_PROJECT: 'acme-prod',
        })
      ).decision,
    ).toBe('ask');
  });
  test('the active gcloud configuration', async () => {
    const prod = project({ [`${HOME}/.config/gcloud/configurations/config_default`]: '[core]\nproject = acme-prod\n' });
    expect((await decide('gcloud compute instances stop web-1 --zone europe-west1-b', prod)).reason).toContain(
      '(the gcloud configuration `default`)',
    );
  });
  test('`config set project` earlier in the line', async () => {
    expect((await decide('gcloud config set project acme-prod && gcloud functions deploy f', files)).decision).toBe(
      'ask',
    );
  });
  test('Terraform with `GOOGLE_PROJECT`', async () => {
    expect((await decide('GOOGLE_PROJECT=acme-prod terraform apply', files, `${ROOT}/infra/dev`)).reason).toContain(
      '(`GOOGLE_PROJECT`)',
    );
  });
  test.each([
    'gcloud run deploy web --project acme-dev',
    'gcloud compute instances list --project acme-prod',
    'gcloud sql instances describe db --project acme-prod',
    'gcloud container clusters get-credentials prod --project acme-prod',
    'gcloud config set project acme-prod',
    'gcloud auth login',
    'gcloud storage cp gs://acme-prod-data/report.csv ./report.csv --project acme-prod',
  ])('not matched: %s', async (command) => {
    expect((await decide(command, files)).decision).toBe('allow');
  });
});

describe('Azure subscription', () => {
  const files = project();
  test('`--subscription` by id', async () => {
    expect(
      (await decide('az vm restart -n web -g rg --subscription 00000000-0000-0000-0000-00000000BEEF', files)).decision,
    ).toBe('ask');
  });
  test('the default subscription, by name', async () => {
    const prod = project({
      [`${HOME}/.azure/azureProfile.json`]: JSON.stringify({
        subscriptions: [
          { id: 'x', name: 'Acme Dev', isDefault: false },
          { id: 'y', name: 'Acme Production', isDefault: true },
        ],
      }),
    });
    expect((await decide('az webapp deploy --name web --src-path app.zip', prod)).reason).toContain(
      "in Azure subscription `Acme Production` (the Azure CLI's default subscription)",
    );
  });
  test('`account set` earlier in the line', async () => {
    expect(
      (await decide('az account set --subscription "Acme Production" && az vm restart -n web -g rg', files)).decision,
    ).toBe('ask');
  });
  test('Terraform with `ARM_SUBSCRIPTION_ID`', async () => {
    expect(
      (
        await decide('terraform apply', files, `${ROOT}/infra/dev`, {
          ARM_SUBSCRIPTION_ID: '00000000-0000-0000-0000-00000000beef',
        })
      ).decision,
    ).toBe('ask');
  });
  test.each([
    'az vm list',
    'az vm restart -n web -g rg',
    'az storage blob download -c c -n n -f f --subscription "Acme Production"',
    'az account set --subscription "Acme Production"',
    'az aks get-credentials -n prod -g rg',
  ])('not matched: %s', async (command) => {
    expect((await decide(command, files)).decision).toBe('allow');
  });
});

describe('what counts as a change', () => {
  const args = (line: string): Arg[] =>
    line
      .split(' ')
      .filter(Boolean)
      .map((w) => ({ value: w, text: w }));
  const mutating = (line: string): string | undefined => {
    const [name, ...rest] = line.split(' ');
    return mutationOf(name, args(rest.join(' ')))?.operation;
  };
  test.each([
    'terraform apply',
    'terraform import a.b id',
    'terraform state rm a.b',
    'terraform state push s.tfstate',
    'terraform taint a.b',
    'terraform workspace delete prod',
    'terraform force-unlock 1',
    'terragrunt run --all apply',
    'terragrunt backend delete',
    'pulumi up',
    'pulumi refresh --yes',
    'pulumi import t n id',
    'pulumi state delete urn',
    'pulumi stack rm prod',
    'pulumi cancel',
    'pulumi watch',
    'cdk deploy',
    'cdk import',
    'cdk bootstrap',
    'cdk gc',
    'cdktf deploy',
    'sam deploy',
    'sam sync',
    'serverless deploy',
    'sls remove',
    'aws rds modify-db-instance',
    'aws ec2 terminate-instances',
    'aws s3 rm s3://b/k',
    'aws s3 cp ./k s3://b/k --sse AES256',
    'aws s3 cp --sse AES256 ./k s3://b/k',
    'aws s3 sync . s3://b',
    'aws s3 mv s3://b/k ./k',
    'aws s3 cp s3://a/k s3://b/k',
    'gcloud storage cp ./f gs://b/f',
    'aws lambda invoke',
    'aws ssm start-session',
    'kubectl apply',
    'kubectl create ns x',
    'kubectl patch deploy web',
    'kubectl replace -f x',
    'kubectl delete pod x',
    'kubectl scale deploy web',
    'kubectl rollout restart deploy/web',
    'kubectl edit deploy web',
    'kubectl annotate pod x a=b',
    'kubectl label pod x a=b',
    'kubectl exec web -- sh',
    'helm install web chart',
    'helm upgrade web chart',
    'helm uninstall web',
    'helm rollback web 1',
    'gcloud run deploy web',
    'gcloud sql instances patch db',
    'gcloud projects add-iam-policy-binding p',
    'gcloud compute ssh vm',
    'gcloud beta run services update web',
    'az group create -n rg',
    'az vm delete -n vm',
    'az keyvault secret set --name s',
    'az webapp restart -n web',
  ])('changes: %s', (line) => {
    expect(mutating(line)).toBeDefined();
  });
  test.each([
    'terraform init',
    'terraform plan',
    'terraform validate',
    'terraform fmt',
    'terraform output',
    'terraform show',
    'terraform state list',
    'terraform workspace select prod',
    'terraform workspace list',
    'terraform --help',
    'terragrunt run --all plan',
    'terragrunt hclfmt',
    'terragrunt stack generate',
    'pulumi preview',
    'pulumi stack ls',
    'pulumi stack output',
    'pulumi config set k v',
    'pulumi login',
    'cdk synth',
    'cdk diff',
    'cdk ls',
    'cdk deploy --method=prepare-change-set',
    'cdk deploy --no-execute',
    'sam deploy --no-execute-changeset',
    'serverless deploy --noDeploy',
    'sam build',
    'sam validate',
    'sam local invoke',
    'serverless package',
    'serverless invoke local',
    'aws s3 ls',
    'aws ec2 describe-instances',
    'aws sts get-caller-identity',
    'aws logs tail /aws/lambda/f',
    'aws dynamodb query',
    'aws configure list',
    'aws eks update-kubeconfig',
    'aws s3 cp s3://b/k ./k',
    'aws s3 cp s3://b/k - --quiet',
    'aws s3 sync s3://b ./dir',
    'gcloud storage cp gs://b/f ./f',
    'kubectl get pods',
    'kubectl describe pod x',
    'kubectl logs x',
    'kubectl config use-context prod',
    'kubectl auth can-i get pods',
    'kubectl diff -f x',
    'kubectl apply --dry-run=client -f x',
    'kubectl port-forward svc/web 8080:80',
    'helm list',
    'helm status web',
    'helm template web chart',
    'helm repo update',
    'helm upgrade --dry-run web chart',
    'gcloud compute instances list',
    'gcloud projects describe p',
    'gcloud auth login',
    'gcloud config set project p',
    'gcloud logging read x',
    'gcloud container clusters get-credentials c',
    'az vm list',
    'az group show -n rg',
    'az login',
    'az account set -s x',
    'az deployment group what-if -g rg',
    'az aks get-credentials -n c',
  ])('only reads: %s', (line) => {
    expect(mutating(line)).toBeUndefined();
  });
  test('a computed subcommand counts as a change', () => {
    expect(mutationOf('kubectl', [{ text: '$VERB' }, { value: 'x', text: 'x' }])?.operation).toBe('kubectl …');
    expect(mutationOf('terraform', [{ text: '$SUB' }])?.operation).toBe('terraform …');
  });
});

describe('patterns', () => {
  test('names', () => {
    expect(matchesName('prod-*', 'prod-eu')).toBe(true);
    expect(matchesName('prod-*', 'prod')).toBe(false);
    expect(matchesName('*prod*', 'acme-prod-eu')).toBe(true);
    expect(matchesName('prod', 'production')).toBe(false);
    expect(matchesName('arn:aws:eks:*:111111111111:cluster/*', 'arn:aws:eks:eu-west-1:111111111111:cluster/main')).toBe(
      true,
    );
  });
  test('paths', () => {
    expect(matchesPath('infra/prod/**', 'infra/prod')).toBe(true);
    expect(matchesPath('infra/prod/**', 'infra/prod/network/vpc')).toBe(true);
    expect(matchesPath('infra/prod/**', 'infra/production')).toBe(false);
    expect(matchesPath('**/prod', 'envs/eu/prod')).toBe(true);
    expect(matchesPath('envs/*.tfvars', 'envs/prod.tfvars')).toBe(true);
    expect(matchesPath('envs/*.tfvars', 'envs/eu/prod.tfvars')).toBe(false);
  });
  test('Pulumi stacks: the common trailing segments', () => {
    expect(matchesStack('prod', 'acme/app/prod')).toBe(true);
    expect(matchesStack('acme/app/prod', 'prod')).toBe(true);
    expect(matchesStack('acme/app/prod', 'other/app/prod')).toBe(false);
    expect(matchesStack('prod', 'dev')).toBe(false);
  });
  test('matching stays fast on hostile input', () => {
    const start = Date.now();
    for (let k = 0; k < 200; k++) matchesName('*a*a*a*a*a*a*a*b', 'a'.repeat(2000));
    expect(Date.now() - start).toBeLessThan(2000);
  });
});

describe('the built binary, in a project with a config', () => {
  let tmp: string;
  let repo: string;
  let home: string;
  const clean = {
    AWS_PROFILE: undefined,
    AWS_DEFAULT_PROFILE: undefined,
    AWS_ACCOUNT_ID: undefined,
    TF_WORKSPACE: undefined,
    TF_DATA_DIR: undefined,
    KUBECONFIG: undefined,
    PULUMI_STACK: undefined,
    TF_CLI_ARGS: undefined,
    TF_CLI_ARGS_apply: undefined,
  };

  beforeAll(() => {
    requireBuiltBinary();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-env-'));
    repo = path.join(tmp, 'acme');
    home = path.join(tmp, 'home');
    fs.mkdirSync(path.join(repo, '.git'), { recursive: true });
    fs.writeFileSync(path.join(repo, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    fs.writeFileSync(
      path.join(repo, 'deadbolt.config.json'),
      configFile({ awsProfiles: ['prod'], terraformWorkspaces: ['prod'], kubeContexts: ['prod-*'] }),
    );
    fs.mkdirSync(path.join(repo, 'infra', '.terraform'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'infra', '.terraform', 'environment'), 'prod');
    fs.mkdirSync(path.join(home, '.kube'), { recursive: true });
    fs.writeFileSync(path.join(home, '.kube', 'config'), 'apiVersion: v1\ncurrent-context: prod-eu\n');
  });

  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('`hook explain`: `terraform apply` in workspace `prod` asks, `-auto-approve` is denied, a plan is allowed', () => {
    const cwd = path.join(repo, 'infra');
    const env = { ...clean, HOME: home };
    const apply = deadbolt(['hook', 'explain', 'terraform apply'], { cwd, env });
    expect(apply.status).toBe(1);
    expect(apply.stdout).toContain('ask: ');
    expect(apply.stdout).toContain(
      'in Terraform workspace `prod` (from `.terraform/environment`), which `../deadbolt.config.json` marks as production',
    );
    const auto = deadbolt(['hook', 'explain', 'terraform apply -auto-approve'], { cwd, env });
    expect(auto.stdout).toMatch(/^deny: /);
    const plan = deadbolt(['hook', 'explain', 'terraform plan'], { cwd, env });
    expect({ status: plan.status, stdout: plan.stdout }).toEqual({ status: 0, stdout: 'allow\n' });
  });

  test('`hook claude-code`: `kubectl apply` in a production context asks; the same line elsewhere is allowed', () => {
    const input = (cwd: string): string =>
      JSON.stringify({
        hook_event_name: 'PreToolUse',
        tool_name: 'Bash',
        cwd,
        tool_input: { command: 'kubectl apply -f deploy.yaml' },
      });
    const asked = deadbolt(['hook', 'claude-code'], { cwd: repo, input: input(repo), env: { ...clean, HOME: home } });
    expect(asked.status).toBe(0);
    const out = JSON.parse(asked.stdout) as {
      hookSpecificOutput: { permissionDecision: string; permissionDecisionReason: string };
    };
    expect(out.hookSpecificOutput.permissionDecision).toBe('ask');
    expect(out.hookSpecificOutput.permissionDecisionReason).toContain(
      'in kube context `prod-eu` (the `current-context` of `~/.kube/config`)',
    );
    const elsewhere = deadbolt(['hook', 'claude-code'], { cwd: tmp, input: input(tmp), env: { ...clean, HOME: home } });
    expect({ status: elsewhere.status, stdout: elsewhere.stdout }).toEqual({ status: 0, stdout: '' });
  });
});
