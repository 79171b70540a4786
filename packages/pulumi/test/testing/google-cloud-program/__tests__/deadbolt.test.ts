// The `gcpMocks` snippet of packages/pulumi/README.md ("Google Cloud"), as written there, run on ../index.ts.
import { gcpMocks, runWithDeadbolt } from '@deadbolt/pulumi/testing';

test('Deadbolt finds no error in the Google Cloud program', async () => {
  const { errors } = await runWithDeadbolt(() => import('../index'), {
    config: { 'gcp:project': 'acme-data', 'gcp:region': 'us-central1' },
    mocks: gcpMocks({ project: 'acme-data', gcpRegion: 'us-central1' }),
  });
  expect(errors).toEqual([]);
});
