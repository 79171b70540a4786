# The orders service on Google Cloud, fixed: the guards are the ones Google
# enforces, the backups outlive the instance, and a copy of the database lives
# in a second project whose vault refuses to delete a backup early.
# `deadbolt check plan.json` passes on it (see ../README.md).

terraform {
  required_version = ">= 1.9"
  required_providers {
    google = { source = "hashicorp/google", version = "~> 7.0" }
  }
}

variable "project_id" {
  type        = string
  description = "The project that runs the orders service and holds its data."
  default     = "acme-orders-prod"
}

variable "region" {
  type        = string
  description = "The region of the database, the bucket and the dataset."
  default     = "europe-west1"
}

variable "backup_project_id" {
  type        = string
  description = "A separate project that holds only the backup vault: the orders project cannot delete it."
  default     = "acme-orders-backup"
}

provider "google" {
  project = var.project_id
  region  = var.region
}

# The backup project: the credentials that deploy the orders service need no
# role here beyond what Backup and DR grants its service agent.
provider "google" {
  alias   = "backup"
  project = var.backup_project_id
  region  = var.region
}

resource "google_sql_database_instance" "orders" {
  name             = "orders-prod"
  project          = var.project_id
  region           = var.region
  database_version = "POSTGRES_16"

  # Terraform's own guard; the API guard is settings.deletion_protection_enabled.
  deletion_protection      = true
  final_backup_description = "Final backup taken when orders-prod was deleted"

  settings {
    tier              = "db-custom-4-16384"
    edition           = "ENTERPRISE"
    availability_type = "REGIONAL"
    disk_size         = 100

    # Enforced by Cloud SQL: gcloud, the console and the API cannot delete the
    # instance until someone turns it off.
    deletion_protection_enabled = true
    # Deleting the instance keeps its automated and on-demand backups.
    retain_backups_on_delete = true

    backup_configuration {
      enabled                        = true
      start_time                     = "02:00"
      point_in_time_recovery_enabled = true
      transaction_log_retention_days = 7
      backup_retention_settings {
        retained_backups = 14
        retention_unit   = "COUNT"
      }
    }

    # One more backup, taken when the instance is deleted, kept for 30 days.
    final_backup_config {
      enabled        = true
      retention_days = 30
    }

    ip_configuration {
      ipv4_enabled    = false
      private_network = "projects/acme-orders-prod/global/networks/orders"
    }
  }
}

resource "google_storage_bucket" "invoices" {
  name                        = "acme-orders-invoices-prod"
  project                     = var.project_id
  location                    = "EU"
  uniform_bucket_level_access = true
  force_destroy               = false
  # A destroy through Terraform fails (provider 7.33 and later).
  deletion_policy = "PREVENT"

  versioning {
    enabled = true
  }

  # A deleted or overwritten object stays restorable for 30 days.
  soft_delete_policy {
    retention_duration_seconds = 2592000
  }
}

resource "google_bigquery_dataset" "analytics" {
  dataset_id                 = "orders_analytics"
  project                    = var.project_id
  location                   = "EU"
  description                = "Order events exported from the orders database."
  delete_contents_on_destroy = false
  # Time travel: a dropped or overwritten table can be restored for 7 days.
  max_time_travel_hours = "168"
  deletion_policy       = "PREVENT"
}

# The vault lives in the backup project. Its minimum enforced retention means no
# one, the backup project's owners included, can delete a backup before 30 days.
resource "google_backup_dr_backup_vault" "orders" {
  provider                                   = google.backup
  location                                   = var.region
  backup_vault_id                            = "orders-vault"
  description                                = "Backups of the orders database, outside the orders project."
  backup_minimum_enforced_retention_duration = "2592000s"
  deletion_policy                            = "PREVENT"
}

resource "google_backup_dr_backup_plan" "orders" {
  project        = var.project_id
  location       = var.region
  backup_plan_id = "orders-daily"
  resource_type  = "sqladmin.googleapis.com/Instance"
  backup_vault   = google_backup_dr_backup_vault.orders.id

  backup_rules {
    rule_id               = "daily"
    backup_retention_days = 35
    standard_schedule {
      recurrence_type = "DAILY"
      time_zone       = "UTC"
      backup_window {
        start_hour_of_day = 1
        end_hour_of_day   = 5
      }
    }
  }
}

resource "google_backup_dr_backup_plan_association" "orders" {
  project                    = var.project_id
  location                   = var.region
  backup_plan_association_id = "orders-prod"
  resource_type              = "sqladmin.googleapis.com/Instance"
  resource                   = "projects/${var.project_id}/instances/${google_sql_database_instance.orders.name}"
  backup_plan                = google_backup_dr_backup_plan.orders.name
}
