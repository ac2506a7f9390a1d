# dev: one of each, small VMs.
environment = "dev"
web_count   = 2
db_count    = 1
vm_size     = "small"
