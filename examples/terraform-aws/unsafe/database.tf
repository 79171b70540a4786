# The student records database. Nothing stops a delete: no deletion protection,
# no final snapshot, and the automated backups (one day of them) are deleted
# with the instance (`delete_automated_backups` defaults to true).
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
  backup_retention_period     = 1
  skip_final_snapshot         = true
}
