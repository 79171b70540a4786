# Nightly exports of the records. `force_destroy` lets Terraform empty the
# bucket before deleting it, and without versioning an overwrite or a delete
# is final.
resource "aws_s3_bucket" "exports" {
  bucket        = "student-records-exports-111111111111"
  force_destroy = true
}

resource "aws_s3_bucket_versioning" "exports" {
  bucket = aws_s3_bucket.exports.id

  versioning_configuration {
    status = "Disabled"
  }
}
