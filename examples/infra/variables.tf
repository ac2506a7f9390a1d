variable "environment" {
  description = "The deployment environment: dev or prod (set by env/<environment>.tfvars)."
  type        = string
  validation {
    condition     = contains(["dev", "prod"], var.environment)
    error_message = "The environment must be dev or prod."
  }
}

variable "image_id" {
  description = "The golden image the VMs boot from: packer-build's image-id (or image-name) output. Changing it replaces every VM."
  type        = string
  validation {
    condition     = length(var.image_id) > 0
    error_message = "The image_id must not be empty."
  }
}

variable "web_count" {
  description = "Number of web VMs."
  type        = number
  default     = 1
  validation {
    condition     = var.web_count >= 1 && var.web_count <= 9 && floor(var.web_count) == var.web_count
    error_message = "The web_count must be a whole number from 1 to 9."
  }
}

variable "db_count" {
  description = "Number of database VMs."
  type        = number
  default     = 1
  validation {
    condition     = var.db_count >= 1 && var.db_count <= 9 && floor(var.db_count) == var.db_count
    error_message = "The db_count must be a whole number from 1 to 9."
  }
}

variable "vm_size" {
  description = "Size of every VM. Changing it updates the VMs in place."
  type        = string
  default     = "small"
}

variable "owner" {
  description = "The team that owns the VMs: their owner tag. No validation here: examples/policy is what refuses an empty one."
  type        = string
  default     = "platform-team"
}

variable "hosts" {
  description = <<-EOT
    Where each VM answers SSH, by VM name (web-1, web-2, ..., db-1, ...): { address, port }. On a real cloud the
    VM resources would give these; in the test bed each VM is an sshd on 127.0.0.1 with its own port, chosen
    per run, so the pipeline passes them. No default: nothing here points at a real machine.
  EOT
  type = map(object({
    address = string
    port    = optional(number, 22)
  }))
}

variable "db_password" {
  description = "The database password. Sensitive: pass it from a secret (tf-plan `vars`), never in a var file."
  type        = string
  sensitive   = true
  nullable    = false
}
