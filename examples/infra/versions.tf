# The state lives wherever tf-plan's and tf-apply's backend-config point (`path=<shared dir>/<env>.tfstate`):
# each job of the pipeline starts from an empty workspace, so the state must be outside of it.
terraform {
  required_version = ">= 1.6.0"
  backend "local" {}
}
