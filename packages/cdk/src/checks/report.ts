import type { IConstruct } from 'constructs';
import { acknowledgementTerm, type Finding } from '@deadbolt/rules';
import { PLUGIN_NAME } from './acknowledgements';

/**
 * The annotation text for one finding: what, why, fix, and how to accept it.
 * CDK appends the id (`(deadbolt::<rule>)`), which the CDK CLI shows as the rule.
 */
export function annotationText(f: Finding): string {
  const head = `${f.title}. ${f.message}`;
  if (f.acknowledged) {
    const expiry = ` (${acknowledgementTerm(f.acknowledged)})`;
    return `[${PLUGIN_NAME}::${f.ruleId}] ${head} Acknowledged at ${f.acknowledged.source ?? 'this construct'}${expiry}: ${f.acknowledged.reason}`;
  }
  const refused = f.acknowledgementRefused ? ` Acknowledgement refused: ${f.acknowledgementRefused}` : '';
  return `${head} Why: ${f.why} Fix: ${f.fix}${refused} To accept the risk with a written reason: ${f.acknowledgeWith}.`;
}

/**
 * Adds the finding to the construct in CDK's idiom: an error fails `cdk synth`.
 *
 * Entries are written exactly as `Validations.addError`, `Validations.addWarning`
 * (`[ack: <id>]`, which the CDK CLI shows as "Acknowledge with") and
 * `Annotations.addInfo` write them, without the stack trace those capture: a
 * trace would point into Deadbolt, not the app, and capturing one per finding
 * was most of the checks' reporting cost. Acknowledgements were already applied
 * by the engine, which turned acknowledged findings into infos.
 */
export function annotate(construct: IConstruct, f: Finding): void {
  const id = `${PLUGIN_NAME}::${f.ruleId}`;
  const text = annotationText(f);
  switch (f.severity) {
    case 'error':
      construct.node.addMetadata(ERROR, `${text} (${id})`);
      break;
    case 'warning':
      construct.node.addMetadata(WARNING, `${text} [ack: ${id}]`);
      break;
    default:
      construct.node.addMetadata(INFO, text);
  }
}

/** CDK's metadata types for annotations (`cloud-assembly-schema` `ArtifactMetadataEntryType`). */
const ERROR = 'aws:cdk:error';
const WARNING = 'aws:cdk:warning';
const INFO = 'aws:cdk:info';
