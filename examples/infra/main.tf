# The VMs of the example: terraform_data resources stand for them (built into OpenTofu, so the configuration
# plans and applies offline). Each records what a VM would be created from; a change of the golden image
# replaces the VM (immutable infrastructure), a change of its size updates it in place.

locals {
  web_names = [for i in range(var.web_count) : "web-${i + 1}"]
  db_names  = [for i in range(var.db_count) : "db-${i + 1}"]

  # The tags the policies of ../policy read: every VM names its owner, and in prod the databases are
  # protected, so a plan that deletes or replaces one needs a policy owner's /approve-policy.
  web_tags = { owner = var.owner }
  db_tags  = { owner = var.owner, protected = tostring(var.environment == "prod") }
}

# Changing the image replaces every VM: terraform_data replaces itself when triggers_replace changes.
resource "terraform_data" "image" {
  input = var.image_id
}

resource "terraform_data" "web" {
  count = var.web_count

  input = {
    name        = local.web_names[count.index]
    role        = "web"
    environment = var.environment
    image_id    = var.image_id
    size        = var.vm_size
    tags        = local.web_tags
  }
  triggers_replace = [var.image_id]

  lifecycle {
    precondition {
      condition     = contains(keys(var.hosts), local.web_names[count.index])
      error_message = "The hosts variable has no SSH endpoint for ${local.web_names[count.index]}."
    }
  }
}

resource "terraform_data" "db" {
  count = var.db_count

  input = {
    name        = local.db_names[count.index]
    role        = "db"
    environment = var.environment
    image_id    = var.image_id
    size        = var.vm_size
    tags        = local.db_tags
    # Only a digest of the password: the VM "knows" which password it was given, the state shows no secret.
    password_sha256 = sha256(var.db_password)
  }
  triggers_replace = [var.image_id]

  lifecycle {
    precondition {
      condition     = contains(keys(var.hosts), local.db_names[count.index])
      error_message = "The hosts variable has no SSH endpoint for ${local.db_names[count.index]}."
    }
  }
}
