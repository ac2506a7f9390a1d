# The inventory tf-apply publishes (its `inventory-output` input, `ansible_inventory` by default): a map of
# group → { hosts = { name → host variables }, vars = group variables }.
output "ansible_inventory" {
  description = "The VMs as an Ansible inventory: groups web and db, with each VM's SSH address and port."
  value = {
    web = {
      hosts = { for vm in terraform_data.web : vm.output.name => {
        ansible_host = var.hosts[vm.output.name].address
        ansible_port = var.hosts[vm.output.name].port
        image_id     = vm.output.image_id
        vm_size      = vm.output.size
      } }
      vars = { deploy_env = var.environment, app_port = 8080 }
    }
    db = {
      hosts = { for vm in terraform_data.db : vm.output.name => {
        ansible_host = var.hosts[vm.output.name].address
        ansible_port = var.hosts[vm.output.name].port
        image_id     = vm.output.image_id
        vm_size      = vm.output.size
      } }
      vars = { deploy_env = var.environment, db_port = 5432 }
    }
  }
}

output "web_vms" {
  description = "Names of the web VMs."
  value       = [for vm in terraform_data.web : vm.output.name]
}

output "db_vms" {
  description = "Names of the database VMs."
  value       = [for vm in terraform_data.db : vm.output.name]
}

output "image_id" {
  description = "The image every VM runs."
  value       = terraform_data.image.output
}

# Sensitive: tf-apply redacts it from outputs.json and the step outputs unless expose-sensitive is set.
output "db_url" {
  description = "Connection string of the first database, with its password."
  value       = "postgres://app:${var.db_password}@${local.db_names[0]}:5432/app"
  sensitive   = true
}
