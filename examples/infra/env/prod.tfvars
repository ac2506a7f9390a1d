# prod: more VMs, larger ones.
environment = "prod"
web_count   = 3
db_count    = 2
vm_size     = "large"
