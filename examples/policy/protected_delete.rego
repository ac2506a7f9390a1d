# No plan deletes a resource tagged `protected` (a replace deletes too): deleting one needs a policy
# owner's /approve-policy on the plan's digest, for exactly this failure.
package terraform

import rego.v1

deny_protected_delete contains result if {
	some rc in input.resource_changes
	"delete" in rc.change.actions
	before := rc.change.before
	is_object(before)
	protected(tags_of(rc, before))
	verb := replace_or_delete(rc.change.actions)
	result := {
		"msg": sprintf("%s is tagged protected and this plan %s it", [rc.address, verb]),
		"address": rc.address,
	}
}

# A tag value is text in most providers; "true" and true both protect, anything else does not.
protected(tags) if tags.protected == true

protected(tags) if lower(sprintf("%v", [tags.protected])) == "true"

replace_or_delete(actions) := "replaces" if "create" in actions

else := "deletes"
