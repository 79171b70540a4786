resource "aws_s3_bucket" "exports" {
  bucket = "student-records-exports-111111111111"

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_versioning" "exports" {
  bucket = aws_s3_bucket.exports.id

  versioning_configuration {
    status = "Enabled"
  }
}
