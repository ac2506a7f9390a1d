# The example's state in S3 instead of a local file. Copy this file into each stack's directory (network/ and
# infra/, beside their main.tf): an override file's backend block replaces the configuration's whole, so
# `backend "local" {}` becomes `backend "s3" {}`. It names no bucket or key on purpose: each stack's
# backend-config gives them (its own key, so each stack has its own state and lock file), and the credentials
# come from the environment, never from here. In a repository of your own, write the backend "s3" block in
# the configuration itself (README.md, "Setting up the state backend").
terraform {
  backend "s3" {}
}
