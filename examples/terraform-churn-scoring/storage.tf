resource "aws_kms_key" "ml" {
  description         = "Batch transform output, volumes and capture"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-churn-scoring-data"
}

resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "OnlyThroughTheEndpoint"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.data.arn, "${aws_s3_bucket.data.arn}/*"]
        Condition = {
          StringNotEquals = { "aws:SourceVpce" = aws_vpc_endpoint.s3.id }
        }
      },
    ]
  })
}
