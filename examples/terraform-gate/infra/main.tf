# The configuration the sample plans in plans/ come from (abridged): an orders
# service with a Postgres database, an invoices bucket, a DynamoDB table, a
# customer managed key and a Lambda function.

terraform {
  required_version = ">= 1.7"
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.70" }
  }
}

provider "aws" {
  region = "eu-west-1"
  default_tags { tags = { env = "prod" } }
}

resource "aws_kms_key" "data" {
  description             = "orders data"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_db_instance" "orders" {
  identifier                  = "orders-prod"
  engine                      = "postgres"
  engine_version              = "16.4"
  instance_class              = "db.r6g.large"
  allocated_storage           = 100
  storage_type                = "gp3"
  storage_encrypted           = true
  kms_key_id                  = aws_kms_key.data.arn
  db_name                     = "orders"
  username                    = "orders_admin"
  manage_master_user_password = true
  multi_az                    = true
  backup_retention_period     = 14
  delete_automated_backups    = false
  deletion_protection         = true
  skip_final_snapshot         = false
  final_snapshot_identifier   = "orders-prod-final"

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_dynamodb_table" "orders" {
  name                        = "orders"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "pk"
  range_key                   = "sk"
  deletion_protection_enabled = true

  attribute {
    name = "pk"
    type = "S"
  }
  attribute {
    name = "sk"
    type = "S"
  }
  point_in_time_recovery {
    enabled = true
  }
}

resource "aws_s3_bucket" "invoices" {
  bucket = "orders-invoices-prod"
}

resource "aws_s3_bucket_versioning" "invoices" {
  bucket = aws_s3_bucket.invoices.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_lambda_function" "api" {
  function_name = "orders-api"
  role          = aws_iam_role.api.arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  memory_size   = 1024
  timeout       = 10
  s3_bucket     = "orders-artifacts"
  s3_key        = "api.zip"
}

resource "aws_iam_role" "api" {
  name = "orders-api"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

# A bucket this configuration no longer manages: removed from state, not destroyed.
removed {
  from = aws_s3_bucket.legacy_exports
  lifecycle {
    destroy = false
  }
}
