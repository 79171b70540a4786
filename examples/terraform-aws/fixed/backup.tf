# The local vault, compliance-locked: after 3 days nobody, root included, can
# remove the lock or delete a recovery point before its retention ends.
resource "aws_backup_vault" "records" {
  name        = "student-records"
  kms_key_arn = aws_kms_key.records.arn

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_backup_vault_lock_configuration" "records" {
  backup_vault_name   = aws_backup_vault.records.name
  changeable_for_days = 3
  min_retention_days  = 7
  max_retention_days  = 365
}

# The copy's vault, in the backup account.
resource "aws_backup_vault" "central" {
  provider = aws.backup
  name     = "student-records-central"

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_backup_vault_lock_configuration" "central" {
  provider            = aws.backup
  backup_vault_name   = aws_backup_vault.central.name
  changeable_for_days = 3
  min_retention_days  = 35
  max_retention_days  = 365
}

# Lets the workload account copy into the central vault, nothing more.
resource "aws_backup_vault_policy" "central" {
  provider          = aws.backup
  backup_vault_name = aws_backup_vault.central.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "CopyFromWorkload"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111111111111:root" }
      Action    = "backup:CopyIntoBackupVault"
      Resource  = "*"
    }]
  })
}

resource "aws_backup_plan" "records" {
  name = "student-records-daily"

  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.records.name
    schedule          = "cron(0 3 * * ? *)"

    lifecycle {
      delete_after = 35
    }

    copy_action {
      destination_vault_arn = aws_backup_vault.central.arn

      lifecycle {
        delete_after = 35
      }
    }
  }
}

resource "aws_iam_role" "backup" {
  name = "student-records-backup"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "backup.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "backup" {
  role       = aws_iam_role.backup.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"
}

resource "aws_backup_selection" "records" {
  name         = "student-records"
  plan_id      = aws_backup_plan.records.id
  iam_role_arn = aws_iam_role.backup.arn
  resources    = [aws_db_instance.records.arn, aws_s3_bucket.exports.arn]
}
