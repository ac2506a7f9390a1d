# dev: the network of the dev VMs.
environment = "dev"
cidr        = "10.20.0.0/16"
