variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "vpc_cidr" {
  type    = string
  default = "10.40.0.0/16"
}

variable "image" {
  type        = string
  description = "ECR image of the scoring container"
  default     = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn-scoring:2.3.0"
}

variable "instance_count" {
  type    = number
  default = 2
}
