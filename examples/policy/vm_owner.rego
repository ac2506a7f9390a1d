# Every VM the plan creates or updates has an `owner` tag that names someone: a missing, null or blank
# owner fails.
package terraform

import rego.v1

deny_missing_owner contains result if {
	some rc in planned_vms
	not has_owner(tags_of(rc, rc.change.after))
	result := {"msg": sprintf("%s has no owner tag", [rc.address]), "address": rc.address}
}

has_owner(tags) if {
	is_string(tags.owner)
	trim_space(tags.owner) != ""
}
