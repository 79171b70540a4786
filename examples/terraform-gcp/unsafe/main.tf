# The orders service on Google Cloud as the incident set it up: every guard is one
# that Terraform alone enforces, and every copy of the data lives in the project
# that holds the data. `deadbolt check plan.json` fails on it (see ../README.md).

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

provider "google" {
  project = var.project_id
  region  = var.region
}

resource "google_sql_database_instance" "orders" {
  name             = "orders-prod"
  project          = var.project_id
  region           = var.region
  database_version = "POSTGRES_16"

  # Stops `terraform destroy`, and nothing else: `gcloud sql instances delete`,
  # the console and the API delete the instance regardless.
  deletion_protection = true

  settings {
    tier              = "db-custom-4-16384"
    edition           = "ENTERPRISE"
    availability_type = "REGIONAL"
    disk_size         = 100
    # No deletion_protection_enabled (the API-level guard, off by default) and no
    # retain_backups_on_delete (off by default): deleting the instance deletes
    # every automated and on-demand backup with it.

    backup_configuration {
      enabled                        = true
      start_time                     = "02:00"
      point_in_time_recovery_enabled = false
      backup_retention_settings {
        retained_backups = 3
        retention_unit   = "COUNT"
      }
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

  # `terraform destroy` empties the bucket first, then deletes it.
  force_destroy = true

  versioning {
    enabled = false
  }

  # 0 turns soft delete off: a deleted object is gone at once.
  soft_delete_policy {
    retention_duration_seconds = 0
  }
}

resource "google_bigquery_dataset" "analytics" {
  dataset_id  = "orders_analytics"
  project     = var.project_id
  location    = "EU"
  description = "Order events exported from the orders database."

  # Destroying the dataset drops every table in it.
  delete_contents_on_destroy = true
}
