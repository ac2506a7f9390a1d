# The network the VMs of ../infra join: the first stack of the example's two, which iac-pipeline.yml
# applies in wave 1, before the VMs' stack (which depends on it) is planned in wave 2. A terraform_data
# resource stands for the network, as the VMs stand for machines, so it plans and applies offline.
terraform {
  required_version = ">= 1.6.0"
  backend "local" {}
}

variable "environment" {
  description = "The deployment environment: dev or prod (set by env/<environment>.tfvars)."
  type        = string
}

variable "cidr" {
  description = "The network's address range."
  type        = string
  default     = "10.20.0.0/16"
  validation {
    condition     = can(cidrhost(var.cidr, 0))
    error_message = "The cidr must be an IPv4 range such as 10.20.0.0/16."
  }
}

resource "terraform_data" "network" {
  input = {
    name = "${var.environment}-net"
    cidr = var.cidr
  }
}

output "network" {
  description = "The network's name and range."
  value       = terraform_data.network.output
}
