import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { Finding } from '@deadbolt/rules';
import { PLUGIN_NAME } from './acknowledgements';

/**
 * The annotation text for one finding: what, why, fix, and how to accept it.
 * CDK appends the id (`(deadbolt::<rule>)`), which the CDK CLI shows as the rule.
 */
export function annotationText(f: Finding): string {
  const head = `${f.title}. ${f.message}`;
  if (f.acknowledged) {
    const expiry = f.acknowledged.expires ? ` (until ${f.acknowledged.expires})` : '';
    return `[${PLUGIN_NAME}::${f.ruleId}] ${head} Acknowledged at ${f.acknowledged.source ?? 'this construct'}${expiry}: ${f.acknowledged.reason}`;
  }
  const refused = f.acknowledgementRefused ? ` Acknowledgement refused: ${f.acknowledgementRefused}` : '';
  return `${head} Why: ${f.why} Fix: ${f.fix}${refused} To accept the risk with a written reason: ${f.acknowledgeWith}.`;
}

/**
 * Adds the finding to the construct in CDK's idiom: an error fails `cdk synth`.
 *
 * Errors and infos are written as the metadata entries `Validations.addError` and
 * `Annotations.addInfo` write, without the stack trace they capture: a trace
 * would point into Deadbolt, not the app, and capturing one per finding was most
 * of the checks' reporting cost. Warnings go through `Validations.addWarning` so
 * that CDK's own acknowledgement of `deadbolt::<rule>` applies to them.
 */
export function annotate(construct: IConstruct, f: Finding): void {
  const id = `${PLUGIN_NAME}::${f.ruleId}`;
  const text = annotationText(f);
  switch (f.severity) {
    case 'error':
      construct.node.addMetadata(ERROR, `${text} (${id})`);
      break;
    case 'warning':
      Validations.of(construct).addWarning(id, text);
      break;
    default:
      construct.node.addMetadata(INFO, text);
  }
}

/** CDK's metadata types for annotations (`cloud-assembly-schema` `ArtifactMetadataEntryType`). */
const ERROR = 'aws:cdk:error';
const INFO = 'aws:cdk:info';
