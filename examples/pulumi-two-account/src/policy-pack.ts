/**
 * The same catalogue as a CrossGuard policy pack, for organizations that run
 * packs centrally (`pulumi preview --policy-pack policy-pack`, or published
 * with `pulumi policy publish`). Mandatory: a data-loss finding fails the preview.
 */
import { dataProtectionPolicyPack } from '@deadbolt/pulumi/policy';

dataProtectionPolicyPack({ name: 'deadbolt-data-protection' });
