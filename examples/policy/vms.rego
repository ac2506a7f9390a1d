# What the three policies of this directory share: which resource changes are VMs, and where a resource
# keeps its tags. Conftest queries only rules named deny_*, warn_* and violation_*, so nothing here is
# a check of its own.
package terraform

import rego.v1

# The attribute that holds a VM's size, by resource type. The example's VMs are terraform_data resources
# (they plan offline), whose `input` object carries the size; the cloud types are here so the same
# policies serve a real configuration.
size_attribute := {
	"aws_instance": "instance_type",
	"google_compute_instance": "machine_type",
	"azurerm_linux_virtual_machine": "size",
	"azurerm_windows_virtual_machine": "size",
}

# Whether `values` (a change's `after`, or its `before`) are those of a VM.
is_vm(rc, values) if {
	object.get(size_attribute, rc.type, null) != null
	is_object(values)
}

is_vm(rc, values) if {
	rc.type == "terraform_data"
	is_object(values.input)
	"size" in object.keys(values.input)
}

# The VMs the plan creates or updates: resource changes whose `after` is a VM.
planned_vms contains rc if {
	some rc in input.resource_changes
	some action in rc.change.actions
	action in {"create", "update"}
	is_vm(rc, rc.change.after)
}

size_of(rc) := rc.change.after.input.size if {
	rc.type == "terraform_data"
} else := rc.change.after[size_attribute[rc.type]]

# Tags: terraform_data keeps them in its input, the cloud providers in `tags` (a missing or null `tags` is
# no tags).
tags_of(rc, values) := object.get(values.input, "tags", {}) if {
	rc.type == "terraform_data"
	is_object(values.input)
} else := tags if {
	tags := object.get(values, "tags", {})
	is_object(tags)
} else := {}
