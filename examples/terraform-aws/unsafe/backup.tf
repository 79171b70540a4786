# AWS Backup, in the same account and the same state as the database: whoever
# can destroy the database can destroy the vault and its recovery points too.
resource "aws_backup_vault" "records" {
  name = "student-records"
}

resource "aws_backup_plan" "records" {
  name = "student-records-daily"

  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.records.name
    schedule          = "cron(0 3 * * ? *)"

    lifecycle {
      delete_after = 7
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
  resources    = [aws_db_instance.records.arn]
}
