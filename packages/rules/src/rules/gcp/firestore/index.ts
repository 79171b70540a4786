import type { Rule } from '../../../engine/rule';
import firestoreDeleteProtection from './firestore-delete-protection';
import firestorePointInTimeRecovery from './firestore-point-in-time-recovery';
import firestoreDeletionPolicy from './firestore-deletion-policy';

export const FIRESTORE_RULES: readonly Rule[] = [
  firestoreDeleteProtection,
  firestorePointInTimeRecovery,
  firestoreDeletionPolicy,
];
