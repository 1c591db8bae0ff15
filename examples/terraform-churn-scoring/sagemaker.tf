resource "aws_sagemaker_model" "churn" {
  name                     = local.name
  execution_role_arn       = aws_iam_role.sagemaker.arn
  enable_network_isolation = true

  primary_container {
    image          = var.image
    model_data_url = "s3://${aws_s3_bucket.data.bucket}/models/churn/model.tar.gz"
  }

  vpc_config {
    subnets            = aws_subnet.private[*].id
    security_group_ids = [aws_security_group.sagemaker.id]
  }
}

resource "aws_sfn_state_machine" "nightly_scoring" {
  name     = "${local.name}-nightly"
  role_arn = aws_iam_role.states.arn
  definition = jsonencode({
    Comment = "Nightly churn scoring"
    StartAt = "Score"
    States = {
      Score = {
        Type     = "Task"
        Resource = "arn:aws:states:::sagemaker:createTransformJob.sync"
        Parameters = {
          "TransformJobName.$" = "$$.Execution.Name"
          ModelName            = aws_sagemaker_model.churn.name
          TransformInput = {
            DataSource = {
              S3DataSource = {
                S3DataType = "S3Prefix"
                S3Uri      = "s3://${aws_s3_bucket.data.bucket}/input/"
              }
            }
            ContentType = "text/csv"
          }
          TransformOutput = {
            S3OutputPath = "s3://${aws_s3_bucket.data.bucket}/output/"
            KmsKeyId     = aws_kms_key.ml.arn
          }
          TransformResources = {
            InstanceCount  = var.instance_count
            InstanceType   = "ml.m5.xlarge"
            VolumeKmsKeyId = aws_kms_key.ml.arn
          }
        }
        End = true
      }
    }
  })
}

data "aws_iam_policy_document" "states_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["states.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "states" {
  name               = "${local.name}-states"
  assume_role_policy = data.aws_iam_policy_document.states_trust.json
}
