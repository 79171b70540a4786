'use strict';
/**
 * A realistic `terraform show -json` plan (format 1.2, Terraform 1.9) of an
 * estate on AWS and Google Cloud that already exists: `--resources` resource
 * instances (default about 20,000) in one `module "service"` called with
 * `for_each` per service, each module holding counted stateless AWS resources
 * (Lambda functions, their roles, policy attachments, alarms, permissions,
 * security group rules, DNS records, SSM parameters) and its AWS data stores
 * (a DynamoDB table, a bucket with its separate versioning resource, every
 * other service an RDS instance, every fourth a KMS key) with an AWS Backup
 * plan and a selection that names the table and the database by reference;
 * and a child `module "gcp"` with its Google Cloud side (workload service
 * accounts and their project roles by `for_each`, Pub/Sub topics and
 * subscriptions, an exports bucket, some services a Cloud SQL instance or a
 * BigQuery dataset and table).
 *
 * Like a real plan of a running estate it has `prior_state` (every resource as
 * deployed), `planned_values`, `resource_changes` (mostly no-ops with equal
 * before and after, some in-place updates, a service being created with its
 * values unknown until apply) and `configuration` with the module calls'
 * `for_each_expression`, the resources' `count_expression` and
 * `for_each_expression`, and `references` (to other resources, to `var.*`
 * passed down through both module calls). The `lean` shape is the same estate
 * with small attribute sets. Seeded: every run judges the same plan.
 */

const { random } = require('../random');
const REGION = 'eu-west-1';
const ACCOUNT = '111111111111';
const AWS = 'registry.terraform.io/hashicorp/aws';
const GOOGLE = 'registry.terraform.io/hashicorp/google';
const PROJECT = 'acme-prod';
const PROJECT_NUMBER = '123456789012';
const GREGION = 'europe-west1';
/** The project roles each service's first workload account is granted (`for_each`). */
const ROLES = [
  'roles/pubsub.publisher',
  'roles/pubsub.subscriber',
  'roles/storage.objectAdmin',
  'roles/cloudsql.client',
];

const tags = (svc) => ({ service: svc, team: `team-${svc.length % 7}` });
const tagsAll = (svc) => ({ ...tags(svc), env: 'prod', 'managed-by': 'terraform' });
const gLabels = (svc) => ({ service: svc, team: `team-${svc.length % 7}` });
const gLabelsAll = (svc) => ({ ...gLabels(svc), env: 'prod', 'goog-terraform-provisioned': 'true' });
const hex = (n, w = 8) => n.toString(16).padStart(w, '0');

/** Attribute sets per type as hashicorp/aws 5.x writes them in state; `svc` and `i` make names unique. */
const VALUES = {
  aws_lambda_function: (svc, i) => ({
    architectures: ['arm64'],
    arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${svc}-fn-${i}`,
    code_sha256: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=',
    code_signing_config_arn: '',
    dead_letter_config: [],
    description: `${svc} handler ${i}`,
    environment: [{ variables: { LOG_LEVEL: 'info', TABLE: `${svc}-main` } }],
    ephemeral_storage: [{ size: 512 }],
    file_system_config: [],
    filename: null,
    function_name: `${svc}-fn-${i}`,
    handler: 'index.handler',
    id: `${svc}-fn-${i}`,
    image_config: [],
    image_uri: '',
    invoke_arn: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:${svc}-fn-${i}/invocations`,
    kms_key_arn: '',
    last_modified: '2026-11-01T10:00:00.000+0000',
    layers: [],
    logging_config: [
      { application_log_level: '', log_format: 'Text', log_group: `/aws/lambda/${svc}-fn-${i}`, system_log_level: '' },
    ],
    memory_size: 512,
    package_type: 'Zip',
    publish: false,
    qualified_arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${svc}-fn-${i}:$LATEST`,
    qualified_invoke_arn: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:${svc}-fn-${i}:$LATEST/invocations`,
    replace_security_groups_on_destroy: null,
    replacement_security_group_ids: null,
    reserved_concurrent_executions: -1,
    role: `arn:aws:iam::${ACCOUNT}:role/${svc}-fn-${i}`,
    runtime: 'nodejs20.x',
    s3_bucket: 'artifacts',
    s3_key: `${svc}/fn-${i}.zip`,
    s3_object_version: null,
    signing_job_arn: '',
    signing_profile_version_arn: '',
    skip_destroy: false,
    snap_start: [],
    source_code_hash: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=',
    source_code_size: 10240,
    tags: tags(svc),
    tags_all: tagsAll(svc),
    timeout: 10,
    timeouts: null,
    tracing_config: [{ mode: 'PassThrough' }],
    version: '$LATEST',
    vpc_config: [],
  }),
  aws_iam_role: (svc, i) => ({
    arn: `arn:aws:iam::${ACCOUNT}:role/${svc}-fn-${i}`,
    assume_role_policy:
      '{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"}}],"Version":"2012-10-17"}',
    create_date: '2026-01-01T00:00:00Z',
    description: '',
    force_detach_policies: false,
    id: `${svc}-fn-${i}`,
    inline_policy: [],
    managed_policy_arns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
    max_session_duration: 3600,
    name: `${svc}-fn-${i}`,
    name_prefix: '',
    path: '/',
    permissions_boundary: '',
    tags: tags(svc),
    tags_all: tagsAll(svc),
    unique_id: `AROA${hex(svc.length * 1000 + i, 12).toUpperCase()}`,
  }),
  aws_iam_role_policy_attachment: (svc, i) => ({
    id: `${svc}-fn-${i}-20260101000000000000000001`,
    policy_arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    role: `${svc}-fn-${i}`,
  }),
  aws_cloudwatch_metric_alarm: (svc, i) => ({
    actions_enabled: true,
    alarm_actions: [`arn:aws:sns:${REGION}:${ACCOUNT}:alerts`],
    alarm_description: `Errors of ${svc}-fn-${i}`,
    alarm_name: `${svc}-fn-${i}-errors`,
    arn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${svc}-fn-${i}-errors`,
    comparison_operator: 'GreaterThanThreshold',
    datapoints_to_alarm: 0,
    dimensions: { FunctionName: `${svc}-fn-${i}` },
    evaluate_low_sample_count_percentiles: '',
    evaluation_periods: 1,
    extended_statistic: '',
    id: `${svc}-fn-${i}-errors`,
    insufficient_data_actions: [],
    metric_name: 'Errors',
    metric_query: [],
    namespace: 'AWS/Lambda',
    ok_actions: [],
    period: 300,
    statistic: 'Sum',
    tags: tags(svc),
    tags_all: tagsAll(svc),
    threshold: 0,
    threshold_metric_id: '',
    treat_missing_data: 'notBreaching',
    unit: '',
  }),
  aws_lambda_permission: (svc, i) => ({
    action: 'lambda:InvokeFunction',
    event_source_token: null,
    function_name: `${svc}-fn-${i}`,
    function_url_auth_type: null,
    id: 'AllowAPIGatewayInvoke',
    principal: 'apigateway.amazonaws.com',
    principal_org_id: null,
    qualifier: '',
    source_account: null,
    source_arn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:api/*/*`,
    statement_id: 'AllowAPIGatewayInvoke',
    statement_id_prefix: '',
  }),
  aws_security_group_rule: (svc, i) => ({
    cidr_blocks: ['10.0.0.0/16'],
    description: `${svc} rule ${i}`,
    from_port: 443 + i,
    id: `sgrule-${hex(svc.length * 97 + i, 10)}`,
    ipv6_cidr_blocks: null,
    prefix_list_ids: null,
    protocol: 'tcp',
    security_group_id: `sg-${hex(svc.length, 17)}`,
    security_group_rule_id: `sgr-${hex(svc.length * 131 + i, 17)}`,
    self: false,
    source_security_group_id: null,
    to_port: 443 + i,
    type: 'ingress',
  }),
  aws_route53_record: (svc, i) => ({
    alias: [],
    allow_overwrite: null,
    cidr_routing_policy: [],
    failover_routing_policy: [],
    fqdn: `${svc}-${i}.internal.example.com`,
    geolocation_routing_policy: [],
    geoproximity_routing_policy: [],
    health_check_id: '',
    id: `Z0123456789ABCDEFGHIJ_${svc}-${i}.internal.example.com_CNAME`,
    latency_routing_policy: [],
    multivalue_answer_routing_policy: false,
    name: `${svc}-${i}.internal.example.com`,
    records: [`${svc}.execute-api.${REGION}.amazonaws.com`],
    set_identifier: '',
    ttl: 300,
    type: 'CNAME',
    weighted_routing_policy: [],
    zone_id: 'Z0123456789ABCDEFGHIJ',
  }),
  aws_ssm_parameter: (svc, i) => ({
    allowed_pattern: '',
    arn: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/${svc}/config-${i}`,
    data_type: 'text',
    description: '',
    id: `/${svc}/config-${i}`,
    insecure_value: null,
    key_id: '',
    name: `/${svc}/config-${i}`,
    overwrite: null,
    tags: tags(svc),
    tags_all: tagsAll(svc),
    tier: 'Standard',
    type: 'String',
    value: `value-${i}`,
    version: 3,
  }),
  aws_dynamodb_table: (svc) => ({
    arn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${svc}-main`,
    attribute: [
      { name: 'pk', type: 'S' },
      { name: 'sk', type: 'S' },
    ],
    billing_mode: 'PAY_PER_REQUEST',
    deletion_protection_enabled: true,
    global_secondary_index: [],
    hash_key: 'pk',
    id: `${svc}-main`,
    import_table: [],
    local_secondary_index: [],
    name: `${svc}-main`,
    on_demand_throughput: [],
    point_in_time_recovery: [{ enabled: true, recovery_period_in_days: 35 }],
    range_key: 'sk',
    read_capacity: 0,
    replica: [],
    restore_date_time: null,
    restore_source_name: null,
    restore_source_table_arn: null,
    restore_to_latest_time: null,
    server_side_encryption: [],
    stream_arn: '',
    stream_enabled: false,
    stream_label: '',
    stream_view_type: '',
    table_class: 'STANDARD',
    tags: tags(svc),
    tags_all: tagsAll(svc),
    timeouts: null,
    ttl: [{ attribute_name: 'expires', enabled: true }],
    write_capacity: 0,
  }),
  aws_s3_bucket: (svc) => ({
    acceleration_status: '',
    acl: null,
    arn: `arn:aws:s3:::${svc}-assets-${ACCOUNT}`,
    bucket: `${svc}-assets-${ACCOUNT}`,
    bucket_domain_name: `${svc}-assets-${ACCOUNT}.s3.amazonaws.com`,
    bucket_prefix: '',
    bucket_regional_domain_name: `${svc}-assets-${ACCOUNT}.s3.${REGION}.amazonaws.com`,
    cors_rule: [],
    force_destroy: false,
    grant: [
      {
        id: 'c0ffee0000000000000000000000000000000000000000000000000000000000',
        permissions: ['FULL_CONTROL'],
        type: 'CanonicalUser',
        uri: '',
      },
    ],
    hosted_zone_id: 'Z1BKCTXD74EZPE',
    id: `${svc}-assets-${ACCOUNT}`,
    lifecycle_rule: [],
    logging: [],
    object_lock_configuration: [],
    object_lock_enabled: false,
    policy: '',
    region: REGION,
    replication_configuration: [],
    request_payer: 'BucketOwner',
    server_side_encryption_configuration: [
      {
        rule: [
          {
            apply_server_side_encryption_by_default: [{ kms_master_key_id: '', sse_algorithm: 'AES256' }],
            bucket_key_enabled: false,
          },
        ],
      },
    ],
    tags: tags(svc),
    tags_all: tagsAll(svc),
    timeouts: null,
    versioning: [{ enabled: true, mfa_delete: false }],
    website: [],
    website_domain: null,
    website_endpoint: null,
  }),
  aws_s3_bucket_versioning: (svc) => ({
    bucket: `${svc}-assets-${ACCOUNT}`,
    expected_bucket_owner: '',
    id: `${svc}-assets-${ACCOUNT}`,
    mfa: null,
    versioning_configuration: [{ mfa_delete: '', status: 'Enabled' }],
  }),
  aws_db_instance: (svc) => ({
    address: `${svc}.c9akciq32.${REGION}.rds.amazonaws.com`,
    allocated_storage: 100,
    allow_major_version_upgrade: null,
    apply_immediately: false,
    arn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:${svc}`,
    auto_minor_version_upgrade: true,
    availability_zone: `${REGION}a`,
    backup_retention_period: 14,
    backup_target: 'region',
    backup_window: '03:00-04:00',
    blue_green_update: [],
    ca_cert_identifier: 'rds-ca-rsa2048-g1',
    character_set_name: '',
    copy_tags_to_snapshot: true,
    custom_iam_instance_profile: '',
    customer_owned_ip_enabled: false,
    db_name: 'app',
    db_subnet_group_name: 'data',
    dedicated_log_volume: false,
    delete_automated_backups: false,
    deletion_protection: true,
    domain: '',
    domain_auth_secret_arn: '',
    domain_dns_ips: null,
    domain_fqdn: '',
    domain_iam_role_name: '',
    domain_ou: '',
    enabled_cloudwatch_logs_exports: ['postgresql'],
    endpoint: `${svc}.c9akciq32.${REGION}.rds.amazonaws.com:5432`,
    engine: 'postgres',
    engine_lifecycle_support: 'open-source-rds-extended-support',
    engine_version: '16.4',
    engine_version_actual: '16.4',
    final_snapshot_identifier: `${svc}-final`,
    hosted_zone_id: 'Z29XKXDKYMONMX',
    iam_database_authentication_enabled: false,
    id: `db-${hex(svc.length * 7919, 26).toUpperCase()}`,
    identifier: svc,
    identifier_prefix: '',
    instance_class: 'db.r6g.large',
    iops: 3000,
    kms_key_id: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${hex(svc.length, 8)}-0000-4000-8000-000000000000`,
    latest_restorable_time: '2026-12-03T08:55:00Z',
    license_model: 'postgresql-license',
    listener_endpoint: [],
    maintenance_window: 'sun:04:30-sun:05:30',
    manage_master_user_password: true,
    master_user_secret: [
      {
        kms_key_id: `arn:aws:kms:${REGION}:${ACCOUNT}:key/aws-secrets`,
        secret_arn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:rds!db-${svc}`,
        secret_status: 'active',
      },
    ],
    master_user_secret_kms_key_id: null,
    max_allocated_storage: 500,
    monitoring_interval: 0,
    monitoring_role_arn: '',
    multi_az: true,
    nchar_character_set_name: '',
    network_type: 'IPV4',
    option_group_name: 'default:postgres-16',
    parameter_group_name: 'default.postgres16',
    password: null,
    performance_insights_enabled: false,
    performance_insights_kms_key_id: '',
    performance_insights_retention_period: 0,
    port: 5432,
    publicly_accessible: false,
    replica_mode: '',
    replicas: [],
    replicate_source_db: '',
    resource_id: `db-${hex(svc.length * 7919, 26).toUpperCase()}`,
    restore_to_point_in_time: [],
    s3_import: [],
    skip_final_snapshot: false,
    snapshot_identifier: null,
    status: 'available',
    storage_encrypted: true,
    storage_throughput: 125,
    storage_type: 'gp3',
    tags: tags(svc),
    tags_all: tagsAll(svc),
    timeouts: null,
    timezone: '',
    upgrade_storage_config: null,
    username: 'app_admin',
    vpc_security_group_ids: [`sg-${hex(svc.length, 17)}`],
  }),
  aws_kms_key: (svc) => ({
    arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${hex(svc.length, 8)}-0000-4000-8000-000000000000`,
    bypass_policy_lockout_safety_check: false,
    custom_key_store_id: '',
    customer_master_key_spec: 'SYMMETRIC_DEFAULT',
    deletion_window_in_days: 30,
    description: `${svc} data`,
    enable_key_rotation: true,
    id: `${hex(svc.length, 8)}-0000-4000-8000-000000000000`,
    is_enabled: true,
    key_id: `${hex(svc.length, 8)}-0000-4000-8000-000000000000`,
    key_usage: 'ENCRYPT_DECRYPT',
    multi_region: false,
    policy:
      '{"Statement":[{"Action":"kms:*","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Resource":"*","Sid":"Enable IAM User Permissions"}],"Version":"2012-10-17"}',
    rotation_period_in_days: 365,
    tags: tags(svc),
    tags_all: tagsAll(svc),
    timeouts: null,
    xks_key_id: '',
  }),
  aws_backup_plan: (svc) => ({
    advanced_backup_setting: [],
    arn: `arn:aws:backup:${REGION}:${ACCOUNT}:backup-plan:${svc}`,
    id: `${hex(svc.length * 31, 8)}-0000-4000-8000-${hex(svc.length, 12)}`,
    name: `${svc}-daily`,
    rule: [
      {
        completion_window: 10080,
        copy_action: [
          {
            destination_vault_arn: `arn:aws:backup:${REGION}:222222222222:backup-vault:central`,
            lifecycle: [{ cold_storage_after: 0, delete_after: 35, opt_in_to_archive_for_supported_resources: false }],
          },
        ],
        enable_continuous_backup: false,
        lifecycle: [{ cold_storage_after: 0, delete_after: 35, opt_in_to_archive_for_supported_resources: false }],
        recovery_point_tags: {},
        rule_name: 'daily',
        schedule: 'cron(0 3 * * ? *)',
        schedule_expression_timezone: 'Etc/UTC',
        start_window: 60,
        target_vault_name: 'services',
      },
    ],
    tags: tags(svc),
    tags_all: tagsAll(svc),
    version: 'ZmFkZWQtdmVyc2lvbi1pZA==',
  }),
  aws_backup_selection: (svc, i, withDb) => ({
    condition: [{ string_equals: [], string_like: [], string_not_equals: [], string_not_like: [] }],
    iam_role_arn: `arn:aws:iam::${ACCOUNT}:role/backup`,
    id: `${hex(svc.length * 37, 8)}-0000-4000-8000-${hex(svc.length, 12)}`,
    name: `${svc}-data`,
    not_resources: [],
    plan_id: `${hex(svc.length * 31, 8)}-0000-4000-8000-${hex(svc.length, 12)}`,
    resources: [
      `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${svc}-main`,
      ...(withDb ? [`arn:aws:rds:${REGION}:${ACCOUNT}:db:${svc}`] : []),
    ],
    selection_tag: [],
  }),
  // hashicorp/google 6.x attribute sets. `i` is a count index, or the for_each key of an IAM member.
  google_storage_bucket: (svc) => ({
    autoclass: [],
    cors: [],
    custom_placement_config: [],
    default_event_based_hold: false,
    effective_labels: gLabelsAll(svc),
    enable_object_retention: false,
    encryption: [{ default_kms_key_name: `projects/${PROJECT}/locations/europe/keyRings/data/cryptoKeys/${svc}` }],
    force_destroy: false,
    hierarchical_namespace: [{ enabled: false }],
    id: `${PROJECT}-${svc}-exports`,
    labels: gLabels(svc),
    lifecycle_rule: [
      {
        action: [{ storage_class: '', type: 'Delete' }],
        condition: [
          {
            age: 0,
            created_before: '',
            custom_time_before: '',
            days_since_custom_time: 0,
            days_since_noncurrent_time: 30,
            matches_prefix: [],
            matches_storage_class: [],
            matches_suffix: [],
            noncurrent_time_before: '',
            num_newer_versions: 0,
            send_age_if_zero: false,
            send_days_since_custom_time_if_zero: false,
            send_days_since_noncurrent_time_if_zero: false,
            send_num_newer_versions_if_zero: false,
            with_state: 'ARCHIVED',
          },
        ],
      },
    ],
    location: 'EU',
    logging: [],
    name: `${PROJECT}-${svc}-exports`,
    project: PROJECT,
    project_number: PROJECT_NUMBER,
    public_access_prevention: 'enforced',
    requester_pays: false,
    retention_policy: [],
    rpo: 'DEFAULT',
    self_link: `https://www.googleapis.com/storage/v1/b/${PROJECT}-${svc}-exports`,
    soft_delete_policy: [{ effective_time: '2026-01-01T00:00:00.000Z', retention_duration_seconds: 604800 }],
    storage_class: 'STANDARD',
    terraform_labels: gLabelsAll(svc),
    timeouts: null,
    uniform_bucket_level_access: true,
    url: `gs://${PROJECT}-${svc}-exports`,
    versioning: [{ enabled: true }],
    website: [],
  }),
  google_pubsub_topic: (svc, i) => ({
    effective_labels: gLabelsAll(svc),
    id: `projects/${PROJECT}/topics/${svc}-events-${i}`,
    ingestion_data_source_settings: [],
    kms_key_name: '',
    labels: gLabels(svc),
    message_retention_duration: '86400s',
    message_storage_policy: [{ allowed_persistence_regions: [GREGION], enforce_in_transit: false }],
    name: `${svc}-events-${i}`,
    project: PROJECT,
    schema_settings: [],
    terraform_labels: gLabelsAll(svc),
    timeouts: null,
  }),
  google_pubsub_subscription: (svc, i) => ({
    ack_deadline_seconds: 20,
    bigquery_config: [],
    cloud_storage_config: [],
    dead_letter_policy: [],
    effective_labels: gLabelsAll(svc),
    enable_exactly_once_delivery: false,
    enable_message_ordering: false,
    expiration_policy: [{ ttl: '' }],
    filter: '',
    id: `projects/${PROJECT}/subscriptions/${svc}-worker-${i}`,
    labels: gLabels(svc),
    message_retention_duration: '604800s',
    name: `${svc}-worker-${i}`,
    project: PROJECT,
    push_config: [],
    retain_acked_messages: false,
    retry_policy: [{ maximum_backoff: '600s', minimum_backoff: '10s' }],
    terraform_labels: gLabelsAll(svc),
    timeouts: null,
    topic: `projects/${PROJECT}/topics/${svc}-events-${i}`,
  }),
  google_service_account: (svc, i) => ({
    account_id: `${svc}-sa-${i}`,
    create_ignore_already_exists: null,
    description: `${svc} workload ${i}`,
    disabled: false,
    display_name: `${svc} ${i}`,
    email: `${svc}-sa-${i}@${PROJECT}.iam.gserviceaccount.com`,
    id: `projects/${PROJECT}/serviceAccounts/${svc}-sa-${i}@${PROJECT}.iam.gserviceaccount.com`,
    member: `serviceAccount:${svc}-sa-${i}@${PROJECT}.iam.gserviceaccount.com`,
    name: `projects/${PROJECT}/serviceAccounts/${svc}-sa-${i}@${PROJECT}.iam.gserviceaccount.com`,
    project: PROJECT,
    timeouts: null,
    unique_id: String(100000000000000000000n + BigInt(svc.length * 1000 + Number(i))),
  }),
  google_project_iam_member: (svc, role) => ({
    condition: [],
    etag: 'BwYjK8Qr3xE=',
    id: `${PROJECT}/${role}/serviceAccount:${svc}-sa-0@${PROJECT}.iam.gserviceaccount.com`,
    member: `serviceAccount:${svc}-sa-0@${PROJECT}.iam.gserviceaccount.com`,
    project: PROJECT,
    role,
  }),
  google_sql_database_instance: (svc) => ({
    available_maintenance_versions: [],
    clone: [],
    connection_name: `${PROJECT}:${GREGION}:${svc}`,
    database_version: 'POSTGRES_16',
    deletion_protection: true,
    dns_name: '',
    dns_names: [],
    encryption_key_name: null,
    first_ip_address: '10.20.0.3',
    id: svc,
    instance_type: 'CLOUD_SQL_INSTANCE',
    ip_address: [{ ip_address: '10.20.0.3', time_to_retire: '', type: 'PRIVATE' }],
    maintenance_version: 'POSTGRES_16_4.R20241008.01_00',
    master_instance_name: '',
    name: svc,
    private_ip_address: '10.20.0.3',
    project: PROJECT,
    psc_service_attachment_link: '',
    public_ip_address: '',
    region: GREGION,
    replica_configuration: [],
    replica_names: [],
    replication_cluster: [],
    restore_backup_context: [],
    root_password: null,
    self_link: `https://sqladmin.googleapis.com/sql/v1beta4/projects/${PROJECT}/instances/${svc}`,
    server_ca_cert: [
      {
        cert: '-----BEGIN CERTIFICATE-----\nMIIDfzCCAmegAwIBAgIBADANBgkqhkiG9w0BAQsFADB3MS0wKwYDVQQuEyQ\n-----END CERTIFICATE-----',
        common_name: `C=US,O=Google\\, Inc,CN=Google Cloud SQL Server CA,dnQualifier=${svc}`,
        create_time: '2026-01-01T00:00:00.000Z',
        expiration_time: '2036-01-01T00:00:00.000Z',
        sha1_fingerprint: 'f0b9c5a3d2e1f0b9c5a3d2e1f0b9c5a3d2e1f0b9',
      },
    ],
    service_account_email_address: `p${PROJECT_NUMBER}-abcdef@gcp-sa-cloud-sql.iam.gserviceaccount.com`,
    settings: [
      {
        activation_policy: 'ALWAYS',
        active_directory_config: [],
        advanced_machine_features: [],
        availability_type: 'REGIONAL',
        backup_configuration: [
          {
            backup_retention_settings: [{ retained_backups: 14, retention_unit: 'COUNT' }],
            binary_log_enabled: false,
            enabled: true,
            location: 'eu',
            point_in_time_recovery_enabled: true,
            start_time: '03:00',
            transaction_log_retention_days: 7,
          },
        ],
        collation: '',
        connector_enforcement: 'NOT_REQUIRED',
        data_cache_config: [],
        database_flags: [{ name: 'log_min_duration_statement', value: '1000' }],
        deletion_protection_enabled: true,
        deny_maintenance_period: [],
        disk_autoresize: true,
        disk_autoresize_limit: 0,
        disk_size: 100,
        disk_type: 'PD_SSD',
        edition: 'ENTERPRISE',
        enable_dataplex_integration: false,
        enable_google_ml_integration: false,
        insights_config: [],
        ip_configuration: [
          {
            allocated_ip_range: '',
            authorized_networks: [],
            enable_private_path_for_google_cloud_services: false,
            ipv4_enabled: false,
            private_network: `projects/${PROJECT}/global/networks/private`,
            psc_config: [],
            server_ca_mode: 'GOOGLE_MANAGED_INTERNAL_CA',
            ssl_mode: 'ENCRYPTED_ONLY',
          },
        ],
        location_preference: [{ follow_gae_application: '', secondary_zone: '', zone: `${GREGION}-b` }],
        maintenance_window: [{ day: 7, hour: 3, update_track: 'stable' }],
        password_validation_policy: [],
        pricing_plan: 'PER_USE',
        sql_server_audit_config: [],
        tier: 'db-custom-2-7680',
        time_zone: '',
        user_labels: gLabels(svc),
        version: 12,
      },
    ],
    timeouts: null,
  }),
  google_bigquery_dataset: (svc) => ({
    access: [
      {
        dataset: [],
        domain: '',
        group_by_email: '',
        iam_member: '',
        role: 'OWNER',
        routine: [],
        special_group: 'projectOwners',
        user_by_email: '',
        view: [],
      },
      {
        dataset: [],
        domain: '',
        group_by_email: '',
        iam_member: '',
        role: 'READER',
        routine: [],
        special_group: 'projectReaders',
        user_by_email: '',
        view: [],
      },
    ],
    creation_time: 1767225600000,
    dataset_id: svc.replace(/-/g, '_'),
    default_collation: '',
    default_encryption_configuration: [],
    default_partition_expiration_ms: 0,
    default_table_expiration_ms: 0,
    delete_contents_on_destroy: false,
    description: `${svc} analytics`,
    effective_labels: gLabelsAll(svc),
    etag: 'k9Pq3xZt0bH1cJ6mV2wYbA==',
    external_dataset_reference: [],
    friendly_name: '',
    id: `projects/${PROJECT}/datasets/${svc.replace(/-/g, '_')}`,
    is_case_insensitive: false,
    labels: gLabels(svc),
    last_modified_time: 1767225600000,
    location: 'EU',
    max_time_travel_hours: '168',
    project: PROJECT,
    resource_tags: {},
    self_link: `https://bigquery.googleapis.com/bigquery/v2/projects/${PROJECT}/datasets/${svc.replace(/-/g, '_')}`,
    storage_billing_model: '',
    terraform_labels: gLabelsAll(svc),
    timeouts: null,
  }),
  google_bigquery_table: (svc) => ({
    biglake_configuration: [],
    clustering: ['tenant'],
    creation_time: 1767225600000,
    dataset_id: svc.replace(/-/g, '_'),
    deletion_protection: true,
    description: '',
    effective_labels: gLabelsAll(svc),
    encryption_configuration: [],
    etag: 'Zt0bH1cJ6mV2wYbAk9Pq3x==',
    expiration_time: 0,
    external_data_configuration: [],
    friendly_name: '',
    id: `projects/${PROJECT}/datasets/${svc.replace(/-/g, '_')}/tables/events`,
    labels: gLabels(svc),
    last_modified_time: 1767225600000,
    location: 'EU',
    materialized_view: [],
    max_staleness: '',
    num_bytes: 10485760,
    num_long_term_bytes: 0,
    num_rows: 50000,
    project: PROJECT,
    range_partitioning: [],
    require_partition_filter: false,
    resource_tags: {},
    schema:
      '[{"mode":"REQUIRED","name":"id","type":"STRING"},{"mode":"REQUIRED","name":"tenant","type":"STRING"},{"mode":"REQUIRED","name":"created","type":"TIMESTAMP"},{"mode":"NULLABLE","name":"payload","type":"JSON"}]',
    self_link: `https://bigquery.googleapis.com/bigquery/v2/projects/${PROJECT}/datasets/${svc.replace(/-/g, '_')}/tables/events`,
    table_constraints: [],
    table_id: 'events',
    table_replication_info: [],
    terraform_labels: gLabelsAll(svc),
    time_partitioning: [{ expiration_ms: 0, field: 'created', require_partition_filter: false, type: 'DAY' }],
    type: 'TABLE',
    view: [],
  }),
};

/** Schema versions of hashicorp/aws 5.x. */
const SCHEMA_VERSION = { aws_db_instance: 2, aws_dynamodb_table: 1, aws_route53_record: 2, aws_security_group_rule: 2 };

/** The resources of one service module: [type, name, count (undefined: no count), configuration expressions]. */
function blocks(withDb, withKey) {
  const ref = (...r) => ({ references: r });
  const c = (v) => ({ constant_value: v });
  // `aws_iam_role.fn[count.index].arn`: a computed index, so Terraform lists the resource and `count.index`.
  const idx = (type, name) => ref(`${type}.${name}`, 'count.index');
  return [
    [
      'aws_lambda_function',
      'fn',
      10,
      {
        function_name: ref('var.name', 'count.index'),
        handler: c('index.handler'),
        memory_size: c(512),
        role: idx('aws_iam_role', 'fn'),
        runtime: c('nodejs20.x'),
        s3_bucket: c('artifacts'),
        s3_key: ref('var.name', 'count.index'),
        tags: ref('var.tags'),
        timeout: c(10),
      },
    ],
    ['aws_iam_role', 'fn', 10, { assume_role_policy: {}, name: ref('var.name', 'count.index'), tags: ref('var.tags') }],
    [
      'aws_iam_role_policy_attachment',
      'fn',
      10,
      {
        policy_arn: c('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'),
        role: idx('aws_iam_role', 'fn'),
      },
    ],
    [
      'aws_cloudwatch_metric_alarm',
      'errors',
      10,
      {
        alarm_actions: ref('var.alerts_topic_arn'),
        alarm_name: ref('var.name', 'count.index'),
        comparison_operator: c('GreaterThanThreshold'),
        dimensions: ref('aws_lambda_function.fn', 'count.index'),
        evaluation_periods: c(1),
        metric_name: c('Errors'),
        namespace: c('AWS/Lambda'),
        period: c(300),
        statistic: c('Sum'),
        threshold: c(0),
      },
    ],
    [
      'aws_lambda_permission',
      'api',
      10,
      {
        action: c('lambda:InvokeFunction'),
        function_name: idx('aws_lambda_function', 'fn'),
        principal: c('apigateway.amazonaws.com'),
        source_arn: ref('var.api_execution_arn'),
        statement_id: c('AllowAPIGatewayInvoke'),
      },
    ],
    [
      'aws_security_group_rule',
      'ingress',
      12,
      {
        cidr_blocks: c(['10.0.0.0/16']),
        from_port: ref('count.index'),
        protocol: c('tcp'),
        security_group_id: ref('var.security_group_id'),
        to_port: ref('count.index'),
        type: c('ingress'),
      },
    ],
    [
      'aws_route53_record',
      'api',
      5,
      {
        name: ref('var.name', 'count.index'),
        records: ref('var.api_domain'),
        ttl: c(300),
        type: c('CNAME'),
        zone_id: ref('var.zone_id'),
      },
    ],
    [
      'aws_ssm_parameter',
      'config',
      12,
      { name: ref('var.name', 'count.index'), type: c('String'), value: ref('count.index') },
    ],
    [
      'aws_dynamodb_table',
      'main',
      undefined,
      {
        attribute: [
          { name: c('pk'), type: c('S') },
          { name: c('sk'), type: c('S') },
        ],
        billing_mode: c('PAY_PER_REQUEST'),
        deletion_protection_enabled: c(true),
        hash_key: c('pk'),
        name: ref('var.name'),
        point_in_time_recovery: [{ enabled: c(true) }],
        range_key: c('sk'),
        tags: ref('var.tags'),
        ttl: [{ attribute_name: c('expires'), enabled: c(true) }],
      },
    ],
    ['aws_s3_bucket', 'assets', undefined, { bucket: ref('var.name'), tags: ref('var.tags') }],
    [
      'aws_s3_bucket_versioning',
      'assets',
      undefined,
      {
        bucket: ref('aws_s3_bucket.assets.id', 'aws_s3_bucket.assets'),
        versioning_configuration: [{ status: c('Enabled') }],
      },
    ],
    ...(withDb
      ? [
          [
            'aws_db_instance',
            'main',
            1,
            {
              allocated_storage: c(100),
              backup_retention_period: c(14),
              copy_tags_to_snapshot: c(true),
              delete_automated_backups: c(false),
              deletion_protection: c(true),
              engine: c('postgres'),
              engine_version: c('16.4'),
              final_snapshot_identifier: ref('var.name'),
              identifier: ref('var.name'),
              instance_class: c('db.r6g.large'),
              kms_key_id: ref('var.kms_key_arn'),
              manage_master_user_password: c(true),
              multi_az: c(true),
              skip_final_snapshot: c(false),
              storage_encrypted: c(true),
              storage_type: c('gp3'),
              tags: ref('var.tags'),
              username: c('app_admin'),
            },
          ],
        ]
      : []),
    ...(withKey
      ? [
          [
            'aws_kms_key',
            'data',
            1,
            {
              deletion_window_in_days: c(30),
              description: ref('var.name'),
              enable_key_rotation: c(true),
              tags: ref('var.tags'),
            },
          ],
        ]
      : []),
    [
      'aws_backup_plan',
      'daily',
      undefined,
      {
        name: ref('var.name'),
        rule: [
          {
            copy_action: [
              { destination_vault_arn: ref('var.central_vault_arn'), lifecycle: [{ delete_after: c(35) }] },
            ],
            lifecycle: [{ delete_after: c(35) }],
            rule_name: c('daily'),
            schedule: c('cron(0 3 * * ? *)'),
            target_vault_name: c('services'),
          },
        ],
        tags: ref('var.tags'),
      },
    ],
    [
      'aws_backup_selection',
      'data',
      undefined,
      {
        iam_role_arn: ref('var.backup_role_arn'),
        name: ref('var.name'),
        plan_id: ref('aws_backup_plan.daily.id', 'aws_backup_plan.daily'),
        resources: ref(
          'aws_dynamodb_table.main.arn',
          'aws_dynamodb_table.main',
          ...(withDb ? ['aws_db_instance.main[0].arn', 'aws_db_instance.main[0]', 'aws_db_instance.main'] : []),
        ),
      },
    ],
  ];
}

/**
 * The resources of a service's `module "gcp"`, its Google Cloud side, called
 * from the service module: workload service accounts and their project roles
 * (`for_each`), Pub/Sub topics and subscriptions, an exports bucket, every
 * fourth service a Cloud SQL instance, every other a BigQuery dataset and table.
 */
function gcpBlocks(withSql, withWarehouse) {
  const ref = (...r) => ({ references: r });
  const c = (v) => ({ constant_value: v });
  const idx = (type, name) => ref(`${type}.${name}`, 'count.index');
  const labels = ref('var.labels');
  const project = ref('var.project');
  return [
    [
      'google_service_account',
      'workload',
      4,
      { account_id: ref('var.name', 'count.index'), display_name: ref('var.name', 'count.index'), project },
    ],
    [
      'google_project_iam_member',
      'workload',
      ROLES,
      {
        member: ref(
          'google_service_account.workload[0].member',
          'google_service_account.workload[0]',
          'google_service_account.workload',
        ),
        project,
        role: ref('each.key'),
      },
    ],
    [
      'google_pubsub_topic',
      'events',
      4,
      { labels, message_retention_duration: c('86400s'), name: ref('var.name', 'count.index'), project },
    ],
    [
      'google_pubsub_subscription',
      'worker',
      4,
      {
        ack_deadline_seconds: c(20),
        labels,
        message_retention_duration: c('604800s'),
        name: ref('var.name', 'count.index'),
        project,
        retry_policy: [{ maximum_backoff: c('600s'), minimum_backoff: c('10s') }],
        topic: idx('google_pubsub_topic', 'events'),
      },
    ],
    [
      'google_storage_bucket',
      'exports',
      undefined,
      {
        encryption: [{ default_kms_key_name: ref('var.kms_key_name') }],
        force_destroy: c(false),
        labels,
        lifecycle_rule: [
          {
            action: [{ type: c('Delete') }],
            condition: [{ days_since_noncurrent_time: c(30), with_state: c('ARCHIVED') }],
          },
        ],
        location: c('EU'),
        name: ref('var.project', 'var.name'),
        project,
        public_access_prevention: c('enforced'),
        uniform_bucket_level_access: c(true),
        versioning: [{ enabled: c(true) }],
      },
    ],
    ...(withSql
      ? [
          [
            'google_sql_database_instance',
            'main',
            undefined,
            {
              database_version: c('POSTGRES_16'),
              deletion_protection: c(true),
              name: ref('var.name'),
              project,
              region: c(GREGION),
              settings: [
                {
                  availability_type: c('REGIONAL'),
                  backup_configuration: [
                    {
                      backup_retention_settings: [{ retained_backups: c(14) }],
                      enabled: c(true),
                      location: c('eu'),
                      point_in_time_recovery_enabled: c(true),
                      start_time: c('03:00'),
                    },
                  ],
                  database_flags: [{ name: c('log_min_duration_statement'), value: c('1000') }],
                  deletion_protection_enabled: c(true),
                  disk_size: c(100),
                  ip_configuration: [{ ipv4_enabled: c(false), private_network: ref('var.network_id') }],
                  tier: c('db-custom-2-7680'),
                  user_labels: labels,
                },
              ],
            },
          ],
        ]
      : []),
    ...(withWarehouse
      ? [
          [
            'google_bigquery_dataset',
            'analytics',
            undefined,
            { dataset_id: ref('var.name'), description: ref('var.name'), labels, location: c('EU'), project },
          ],
          [
            'google_bigquery_table',
            'events',
            undefined,
            {
              clustering: c(['tenant']),
              dataset_id: ref('google_bigquery_dataset.analytics.dataset_id', 'google_bigquery_dataset.analytics'),
              deletion_protection: c(true),
              labels,
              project,
              schema: {},
              table_id: c('events'),
              time_partitioning: [{ field: c('created'), type: c('DAY') }],
            },
          ],
        ]
      : []),
  ];
}

/** Marks every leaf of a create's unknown-until-apply attributes, as `after_unknown` does. */
function unknownMarks(values, keys) {
  const out = {};
  for (const k of keys) if (k in values) out[k] = true;
  return out;
}

/** Attributes the providers compute (`member` too: an IAM member's is built from a new account's email). */
const COMPUTED = [
  'arn',
  'id',
  'unique_id',
  'create_date',
  'invoke_arn',
  'qualified_arn',
  'qualified_invoke_arn',
  'last_modified',
  'version',
  'code_sha256',
  'self_link',
  'email',
  'member',
  'etag',
  'url',
  'project_number',
  'creation_time',
  'last_modified_time',
  'connection_name',
  'first_ip_address',
  'private_ip_address',
  'ip_address',
  'server_ca_cert',
  'service_account_email_address',
  'num_bytes',
  'num_rows',
  'num_long_term_bytes',
];

/**
 * A value set cut to its `id`, `arn`, and the arguments its configuration writes as literals or nested blocks, or
 * as references to other resources.
 */
function leanValues(values, expressions) {
  const out = {};
  for (const k of Object.keys(values)) {
    const e = expressions[k];
    const written =
      e !== undefined &&
      ('constant_value' in e || Array.isArray(e) || (e.references ?? []).some((r) => !/^(var|each|count)\./.test(r)));
    if (written || k === 'id' || k === 'arn') out[k] = values[k];
  }
  return out;
}

const DATA_STORES = new Set([
  'aws_dynamodb_table',
  'aws_s3_bucket',
  'aws_db_instance',
  'aws_kms_key',
  'google_storage_bucket',
  'google_sql_database_instance',
  'google_bigquery_dataset',
  'google_bigquery_table',
]);

/**
 * The plan, and the numbers `run.js` checks: resources (AWS and Google), data
 * stores (judged types), changes by action.
 *
 * `shape`: `full` (default) is the plan described above; `lean` is the same
 * estate with each resource's values cut to `id`, `arn` and the arguments its
 * configuration writes literally or by reference to another resource, and
 * without `prior_state`: a plan of resources with small schemas, where parsing
 * is cheap and what reading and judging cost per resource shows.
 */
function generatePlan(target = 20000, { shape = 'full' } = {}) {
  if (shape !== 'full' && shape !== 'lean') throw new Error(`Unknown plan shape \`${shape}\`: full or lean.`);
  const lean = shape === 'lean';
  const rand = random(14);
  const perService = blocks(false, false)
    .concat(gcpBlocks(false, false))
    .reduce((n, b) => n + count(b[2]), 0);
  // A database every other service, a key and a Cloud SQL instance every fourth, a dataset and table every other.
  const services = Math.max(1, Math.round(target / (perService + 0.5 + 0.25 + 0.25 + 1)));
  const planned = [];
  const prior = [];
  const changes = [];
  const stats = { resources: 0, aws: 0, google: 0, dataStores: 0, creates: 0, updates: 0, noops: 0, services };
  const configs = { service: new Map(), gcp: new Map() };
  for (let s = 0; s < services; s++) {
    const svc = `svc-${String(s).padStart(4, '0')}`;
    const module = `module.service["${svc}"]`;
    const gcpModule = `${module}.module.gcp`;
    const withDb = s % 2 === 0;
    const withKey = s % 4 === 0;
    // The last 1% of services are new: created by this plan, their computed values unknown.
    const isNew = s >= services - Math.max(1, Math.round(services / 100));
    const parts = [
      { address: module, blocks: blocks(withDb, withKey), config: configs.service, provider: AWS },
      { address: gcpModule, blocks: gcpBlocks(s % 4 === 1, s % 2 === 1), config: configs.gcp, provider: GOOGLE },
    ];
    const modulePlanned = [];
    const modulePrior = [];
    for (const part of parts) {
      const plannedHere = [];
      const priorHere = [];
      for (const [type, name, count, expressions] of part.blocks) {
        if (!part.config.has(`${type}.${name}`)) part.config.set(`${type}.${name}`, { type, name, count, expressions });
        const keys = Array.isArray(count) ? count : Array.from({ length: count ?? 1 }, (_, i) => i);
        for (const i of keys) {
          const full = VALUES[type](svc, i, withDb);
          const values = lean ? leanValues(full, expressions) : full;
          const index = count === undefined ? {} : { index: i };
          const address = `${part.address}.${type}.${name}${count === undefined ? '' : `[${JSON.stringify(i)}]`}`;
          const base = {
            address,
            mode: 'managed',
            type,
            name,
            ...index,
            provider_name: part.provider,
            schema_version: SCHEMA_VERSION[type] ?? 0,
          };
          stats.resources++;
          stats[part.provider === AWS ? 'aws' : 'google']++;
          if (DATA_STORES.has(type)) stats.dataStores++;
          let change;
          if (isNew) {
            const after = { ...values };
            for (const k of COMPUTED) delete after[k];
            change = {
              actions: ['create'],
              before: null,
              after,
              after_unknown: unknownMarks(values, COMPUTED),
              before_sensitive: false,
              after_sensitive: {},
            };
            plannedHere.push({ ...base, values: after, sensitive_values: {} });
            stats.creates++;
          } else if ((type === 'aws_lambda_function' || type === 'google_pubsub_subscription') && rand() < 0.25) {
            const after =
              type === 'aws_lambda_function'
                ? { ...values, source_code_hash: 'Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0MTIzNDU=' }
                : { ...values, ack_deadline_seconds: 30 };
            change = {
              actions: ['update'],
              before: values,
              after,
              after_unknown:
                type === 'aws_lambda_function' ? { last_modified: true, version: true, qualified_arn: true } : {},
              before_sensitive: {},
              after_sensitive: {},
            };
            plannedHere.push({ ...base, values: after, sensitive_values: {} });
            priorHere.push({ ...base, values, sensitive_values: {} });
            stats.updates++;
          } else {
            change = {
              actions: ['no-op'],
              before: values,
              after: values,
              after_unknown: {},
              before_sensitive: {},
              after_sensitive: {},
            };
            plannedHere.push({ ...base, values, sensitive_values: {} });
            priorHere.push({ ...base, values, sensitive_values: {}, depends_on: [] });
            stats.noops++;
          }
          changes.push({
            address,
            module_address: part.address,
            mode: 'managed',
            type,
            name,
            ...index,
            provider_name: part.provider,
            change,
          });
        }
      }
      modulePlanned.push({ resources: plannedHere, address: part.address });
      if (priorHere.length) modulePrior.push({ resources: priorHere, address: part.address });
    }
    // The Google module is a child of the service module.
    planned.push({ ...modulePlanned[0], child_modules: [modulePlanned[1]] });
    if (modulePrior.length === 2) prior.push({ ...modulePrior[0], child_modules: [modulePrior[1]] });
  }
  const configResources = (map, providerKey) =>
    [...map.values()]
      .map(({ type, name, count, expressions }) => ({
        address: `${type}.${name}`,
        mode: 'managed',
        type,
        name,
        provider_config_key: providerKey,
        expressions,
        schema_version: SCHEMA_VERSION[type] ?? 0,
        ...(count === undefined
          ? {}
          : Array.isArray(count)
            ? { for_each_expression: { references: ['local.roles'] } }
            : {
                count_expression:
                  type === 'aws_db_instance' || type === 'aws_kms_key'
                    ? { references: [`var.${type === 'aws_db_instance' ? 'with_database' : 'with_key'}`] }
                    : { constant_value: count },
              }),
      }))
      .sort((a, b) => (a.address < b.address ? -1 : 1));
  const plan = {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: { root_module: { child_modules: planned } },
    resource_changes: changes,
    ...(lean
      ? {}
      : {
          prior_state: {
            format_version: '1.0',
            terraform_version: '1.9.8',
            values: { root_module: { child_modules: prior } },
          },
        }),
    configuration: {
      provider_config: {
        aws: {
          name: 'aws',
          full_name: AWS,
          version_constraint: '~> 5.70',
          expressions: { allowed_account_ids: { constant_value: [ACCOUNT] }, region: { constant_value: REGION } },
        },
        google: {
          name: 'google',
          full_name: GOOGLE,
          version_constraint: '~> 6.10',
          expressions: { project: { constant_value: PROJECT }, region: { constant_value: GREGION } },
        },
      },
      root_module: {
        module_calls: {
          service: {
            source: './modules/service',
            expressions: {
              kms_key_arn: { references: ['aws_kms_key.shared.arn', 'aws_kms_key.shared'] },
              name: { references: ['each.key'] },
              tags: { references: ['each.value.tags', 'each.value'] },
            },
            for_each_expression: { references: ['local.services'] },
            module: {
              resources: configResources(configs.service, 'aws'),
              module_calls: {
                gcp: {
                  source: './modules/gcp',
                  expressions: {
                    kms_key_name: { references: ['var.gcp_kms_key_name'] },
                    labels: { references: ['var.tags'] },
                    name: { references: ['var.name'] },
                    network_id: { references: ['var.gcp_network_id'] },
                    project: { references: ['var.gcp_project'] },
                  },
                  module: { resources: configResources(configs.gcp, 'google') },
                },
              },
            },
          },
        },
      },
    },
    relevant_attributes: [
      { resource: 'module.service.aws_backup_plan.daily', attribute: ['id'] },
      { resource: 'module.service.aws_dynamodb_table.main', attribute: ['arn'] },
      { resource: 'module.service.aws_iam_role.fn', attribute: ['arn'] },
      { resource: 'module.service.aws_s3_bucket.assets', attribute: ['id'] },
      { resource: 'module.service.module.gcp.google_service_account.workload', attribute: ['member'] },
      { resource: 'module.service.module.gcp.google_pubsub_topic.events', attribute: ['id'] },
    ],
    timestamp: '2026-12-03T09:14:03Z',
    applyable: true,
    complete: true,
    errored: false,
  };
  return { plan, stats };
}

/** How many instances a block has: its `count`, its `for_each` keys, or one. */
function count(n) {
  return Array.isArray(n) ? n.length : (n ?? 1);
}

module.exports = { generatePlan };
