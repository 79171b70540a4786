# The Terraform half of the Google parity case (test/parity/google-parity.test.ts):
# plan.json beside it is `terraform show -json` of this configuration. The test
# declares the same resources with @pulumi/gcp and expects the same rule ids,
# and every Google rule of the catalogue fires on at least one resource here.
#
# Regenerate plan.json (needs the hashicorp/google provider download):
#   terraform init -backend=false
#   terraform plan -refresh=false -out=tfplan
#   terraform show -json tfplan | jq . > plan.json
#   rm -rf tfplan .terraform .terraform.lock.hcl

terraform {
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
  name                = "orders-prod"
  region              = "europe-west1"
  database_version    = "POSTGRES_16"
  deletion_protection = true

  settings {
    tier = "db-custom-4-16384"
    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = false
      backup_retention_settings {
        retained_backups = 3
      }
    }
  }
}

resource "google_storage_bucket" "invoices" {
  name          = "acme-orders-invoices-prod"
  location      = "EU"
  force_destroy = true
  soft_delete_policy {
    retention_duration_seconds = 0
  }
  retention_policy {
    retention_period = "86400"
  }
  lifecycle_rule {
    action {
      type = "Delete"
    }
    condition {
      age = 1
    }
  }
}

resource "google_storage_bucket" "archive" {
  name     = "acme-orders-archive-prod"
  location = "EU"
  versioning {
    enabled = true
  }
  lifecycle_rule {
    action {
      type = "Delete"
    }
    condition {
      num_newer_versions = 1
    }
  }
}

resource "google_bigquery_dataset" "analytics" {
  dataset_id                  = "orders_analytics"
  location                    = "EU"
  delete_contents_on_destroy  = true
  max_time_travel_hours       = "48"
  default_table_expiration_ms = 3600000
}

resource "google_bigquery_table" "orders" {
  dataset_id          = google_bigquery_dataset.analytics.dataset_id
  table_id            = "orders"
  deletion_protection = false
  expiration_time     = 1798761600000
}

resource "google_spanner_instance" "ledger" {
  name          = "ledger"
  config        = "regional-europe-west1"
  display_name  = "Ledger"
  num_nodes     = 1
  force_destroy = true
}

resource "google_spanner_database" "ledger" {
  name                = "ledger"
  instance            = google_spanner_instance.ledger.name
  deletion_protection = false
}

resource "google_firestore_database" "sessions" {
  name                              = "sessions"
  location_id                       = "eur3"
  type                              = "FIRESTORE_NATIVE"
  delete_protection_state           = "DELETE_PROTECTION_DISABLED"
  point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_DISABLED"
  deletion_policy                   = "DELETE"
}

resource "google_sql_database_instance" "reports" {
  name                = "orders-reports"
  region              = "europe-west1"
  database_version    = "MYSQL_8_0"
  deletion_protection = false

  settings {
    tier = "db-n1-standard-2"
    backup_configuration {
      enabled            = true
      binary_log_enabled = true
      backup_retention_settings {
        retained_backups = 30
      }
    }
  }
}

resource "google_alloydb_cluster" "payments" {
  cluster_id          = "payments"
  location            = "europe-west1"
  deletion_protection = false
  network_config {
    network = "projects/acme-orders-prod/global/networks/default"
  }
  automated_backup_policy {
    enabled = false
  }
  continuous_backup_config {
    enabled = false
  }
}

resource "google_bigtable_instance" "events" {
  name                = "orders-events"
  deletion_protection = false
  force_destroy       = true
  cluster {
    cluster_id = "orders-events-c1"
    zone       = "europe-west1-b"
    num_nodes  = 1
  }
}

resource "google_bigtable_table" "events" {
  name                = "events"
  instance_name       = google_bigtable_instance.events.name
  deletion_protection = "UNPROTECTED"
}

resource "google_filestore_instance" "exports" {
  name                        = "orders-exports"
  location                    = "europe-west1-b"
  tier                        = "ZONAL"
  deletion_protection_enabled = false
  file_shares {
    name        = "exports"
    capacity_gb = 1024
  }
  networks {
    network = "default"
    modes   = ["MODE_IPV4"]
  }
}

resource "google_redis_cluster" "cache" {
  name                        = "orders-cache"
  region                      = "europe-west1"
  shard_count                 = 1
  deletion_protection_enabled = false
  psc_configs {
    network = "projects/acme-orders-prod/global/networks/default"
  }
}

resource "google_kms_crypto_key" "orders" {
  name                       = "orders"
  key_ring                   = "projects/acme-orders-prod/locations/europe-west1/keyRings/orders"
  destroy_scheduled_duration = "86400s"
}

resource "google_compute_instance" "worker" {
  name         = "orders-worker"
  machine_type = "e2-standard-4"
  zone         = "europe-west1-b"
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    network = "default"
  }
}

resource "google_project" "orders" {
  project_id      = "acme-orders-prod"
  name            = "Acme orders"
  org_id          = "123456789012"
  deletion_policy = "DELETE"
}

resource "google_backup_dr_backup_vault" "orders" {
  location                                   = "europe-west1"
  backup_vault_id                            = "orders-vault"
  backup_minimum_enforced_retention_duration = "86400s"
}

resource "google_backup_dr_backup_plan" "orders" {
  location       = "europe-west1"
  backup_plan_id = "orders-daily"
  resource_type  = "sqladmin.googleapis.com/Instance"
  backup_vault   = google_backup_dr_backup_vault.orders.id
  backup_rules {
    rule_id               = "daily"
    backup_retention_days = 3
    standard_schedule {
      recurrence_type = "DAILY"
      time_zone       = "UTC"
      backup_window {
        start_hour_of_day = 0
        end_hour_of_day   = 6
      }
    }
  }
}

resource "google_backup_dr_backup_plan_association" "orders" {
  location                   = "europe-west1"
  backup_plan_association_id = "orders-reports"
  resource_type              = "sqladmin.googleapis.com/Instance"
  resource                   = google_sql_database_instance.reports.id
  backup_plan                = google_backup_dr_backup_plan.orders.name
}
