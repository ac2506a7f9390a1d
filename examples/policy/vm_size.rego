# Every VM the plan creates or updates has a size from the allowed list: `allowed_vm_sizes` of the data
# file given with the policies (data.json here, tf-plan's `policy-data`).
package terraform

import rego.v1

deny_vm_size contains result if {
	some rc in planned_vms
	not size_allowed(rc)
	result := {"msg": size_message(rc), "address": rc.address}
}

# Without the list no size is allowed, so that a missing data file fails the plan rather than passes it:
# conftest reads data only from --data (tf-plan's policy-data), never from the policy directory.
default allowed_sizes := []

allowed_sizes := data.allowed_vm_sizes if is_array(data.allowed_vm_sizes)

size_allowed(rc) if size_of(rc) in allowed_sizes

size_message(rc) := sprintf(
	"%s cannot be checked: no list of allowed VM sizes (give examples/policy/data.json as policy-data)",
	[rc.address],
) if {
	count(allowed_sizes) == 0
} else := sprintf(
	"%s has size %v, which is not one of the allowed sizes (%s)",
	[rc.address, size_of(rc), concat(", ", sort(allowed_sizes))],
)
