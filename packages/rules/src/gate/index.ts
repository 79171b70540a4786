/** The destructive-change gate: plan readers, classification, approvals. */
export {
  CHANGE_ACTIONS,
  type ChangeAction,
  type ChangeSource,
  type ChangedProperty,
  type ClusterMember,
  type GatePlan,
  type PropertyDialect,
  type ResourceChange,
  type Retention,
} from './changes';
export {
  PROTECTIVE_PROPERTIES,
  protectiveSettingsOf,
  protectionLowerings,
  protectionLevel,
  plainValues,
  parsePath,
  formatPath,
  pathsOf,
  type Lowering,
  type LoweringKind,
  type PathSegment,
  type ProtectiveProperty,
  type PropertyPath,
  type ValueRead,
  type ValueSource,
} from './protection';
export { readTerraformPlan, looksLikeTerraformPlan } from './terraform-plan';
export { readPulumiPreview, looksLikePulumiPreview, typeFromUrn, PULUMI_UNKNOWN } from './pulumi-preview';
export { readChangeSet, readChangeSets, looksLikeChangeSet, type ChangeSetInput } from './change-set';
export { diffTemplates, type TemplateDiffOptions } from './template-diff';
export { type ClusterRemovals } from './members';
export {
  classifyChange,
  classifyChanges,
  dataKindOf,
  loweringsOf,
  undecidedSentence,
  APPROVAL_ACTIONS,
  type ApprovalAction,
  type DataKind,
  type DataKindReading,
  type Decision,
} from './classify';
export {
  builtInDataReason,
  declarationOf,
  parseTypeDeclarations,
  MAXIMUM_DECLARATIONS,
  type AppliedDeclaration,
  type DeclaredKind,
  type TypeDeclaration,
  type TypeDeclarations,
} from './type-declarations';
export {
  APPROVAL_SECRET_ENV,
  SIGNATURE_PREFIX,
  MINIMUM_SECRET_LENGTH,
  applyApprovals,
  approvalSubject,
  canonicalApproval,
  canonicalJson,
  createApproval,
  expiryTime,
  formatApprovals,
  mergeApprovals,
  parseApprovals,
  secretProblem,
  signApproval,
  verifyApproval,
  type Approval,
  type ApprovalOptions,
  type ApprovalSubject,
  type ApprovedDecision,
  type BlockedDecision,
  type GateResult,
  type SignatureCheck,
} from './approvals';
export {
  detectPlanFormat,
  parsePlanText,
  readPlan,
  runGate,
  type GateOptions,
  type GateReport,
  type PlanFormat,
} from './read-plan';
