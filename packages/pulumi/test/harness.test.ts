import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { runProgram } from './harness';

describe('mock harness', () => {
  it('records inputs and resource options the mocks do not pass to newResource', async () => {
    const hook = () =>
      new pulumi.ResourceHook('deny-delete', () => {
        throw new Error('no');
      });
    const run = await runProgram(() => {
      const h = hook();
      new aws.s3.Bucket(
        'data',
        { forceDestroy: false },
        { protect: true, retainOnDelete: true, hooks: { beforeDelete: [h] } },
      );
      new aws.s3.Bucket('plain', {});
    });
    expect(run.error).toBeUndefined();
    const data = run.get('aws:s3/bucket:Bucket', 'data');
    expect(data.inputs.forceDestroy).toBe(false);
    expect(data.protect).toBe(true);
    expect(data.retainOnDelete).toBe(true);
    expect(data.beforeDelete).toEqual(['deny-delete']);
    expect(run.hooks.has('deny-delete')).toBe(true);
    const plain = run.get('aws:s3/bucket:Bucket', 'plain');
    expect(plain.protect).toBeUndefined();
    expect(plain.retainOnDelete).toBeUndefined();
  });
});
