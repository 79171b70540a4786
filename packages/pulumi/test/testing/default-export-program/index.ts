/**
 * A user's ES-module program whose work is its default export, an async
 * function: `enforceDataProtection()` is called inside it.
 */
import * as aws from '@pulumi/aws';
import { enforceDataProtection } from '@deadbolt/pulumi';

export default async function main(): Promise<{ bucket: unknown }> {
  enforceDataProtection();
  const bucket = new aws.s3.Bucket('uploads', { forceDestroy: true });
  return { bucket: bucket.bucket };
}
