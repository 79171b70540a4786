# A customer managed key: snapshots encrypted with the AWS managed aws/rds key
# cannot be copied to another account. Its policy lets the backup account use
# it to copy the snapshots.
resource "aws_kms_key" "records" {
  description             = "student-records database and its backups"
  deletion_window_in_days = 30
  enable_key_rotation     = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Owner"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111111111111:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "BackupAccountCopies"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::222222222222:root" }
        Action    = ["kms:Decrypt", "kms:DescribeKey", "kms:CreateGrant", "kms:ReEncrypt*", "kms:GenerateDataKey*"]
        Resource  = "*"
      },
    ]
  })

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_db_instance" "records" {
  identifier                  = "student-records"
  engine                      = "postgres"
  engine_version              = "16.4"
  instance_class              = "db.t4g.medium"
  allocated_storage           = 100
  db_name                     = "records"
  username                    = "records_admin"
  manage_master_user_password = true
  storage_encrypted           = true
  kms_key_id                  = aws_kms_key.records.arn
  backup_retention_period     = 14
  copy_tags_to_snapshot       = true

  deletion_protection       = true
  delete_automated_backups  = false
  skip_final_snapshot       = false
  final_snapshot_identifier = "student-records-final"

  lifecycle {
    prevent_destroy = true
  }
}
