# prod: the network of the prod VMs.
environment = "prod"
cidr        = "10.30.0.0/16"
