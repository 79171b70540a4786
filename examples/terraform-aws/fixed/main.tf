# The same setup, fixed: every data store refuses a delete, keeps what a
# delete would take, and AWS Backup copies every recovery point to a
# compliance-locked vault in a separate backup account, which the credentials
# of this state cannot touch.

terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.70"
    }
  }
}

# The workload account.
provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111111111111"]

  default_tags {
    tags = {
      project    = "student-records"
      managed-by = "terraform"
    }
  }
}

# The backup account: a separate account, reached through a role there.
# `allowed_account_ids` makes Terraform refuse to run this provider against
# any other account, and tells Deadbolt where the copies land.
provider "aws" {
  alias               = "backup"
  region              = "eu-west-1"
  allowed_account_ids = ["222222222222"]

  assume_role {
    role_arn = "arn:aws:iam::222222222222:role/student-records-backup-admin"
  }

  default_tags {
    tags = {
      project    = "student-records"
      managed-by = "terraform"
    }
  }
}
