# The incident's setup, as it was: one account, one state, defaults everywhere.
# `terraform destroy` (or an agent running it) deletes the database, its
# automated backups, the exports bucket with every object in it, and the backup
# vault with its recovery points, in one run.

terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.70"
    }
  }
}

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
