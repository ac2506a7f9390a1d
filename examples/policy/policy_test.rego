# Unit tests of the three policies, on hand-made `tofu show -json` documents: `conftest verify -p
# examples/policy`. Each test gives the data it needs with `with`, so they pass with or without -d.
package terraform

import rego.v1

sizes := ["small", "medium", "large"]

vm(address, actions, before, after) := {
	"address": address,
	"type": "terraform_data",
	"change": {"actions": actions, "before": before, "after": after},
}

vm_input(size, tags) := {"input": {"name": "web-1", "role": "web", "size": size, "tags": tags}}

plan(changes) := {"format_version": "1.2", "resource_changes": changes}

rules_of(results) := {r.address: r.msg | some r in results}

# ---- the example as it is planned: creates that keep every rule ------------------------------------

test_example_create_passes if {
	doc := plan([
		vm("terraform_data.web[0]", ["create"], null, vm_input("small", {"owner": "platform-team"})),
		vm("terraform_data.db[0]", ["create"], null, vm_input("small", {"owner": "platform-team", "protected": "true"})),
		{"address": "terraform_data.image", "type": "terraform_data", "change": {"actions": ["create"], "before": null, "after": {"input": "Null"}}},
	])
	count(deny_protected_delete) == 0 with input as doc with data.allowed_vm_sizes as sizes
	count(deny_vm_size) == 0 with input as doc with data.allowed_vm_sizes as sizes
	count(deny_missing_owner) == 0 with input as doc with data.allowed_vm_sizes as sizes
}

# ---- deny_protected_delete -------------------------------------------------------------------------

test_protected_replace_fails if {
	tags := {"owner": "data", "protected": "true"}
	doc := plan([vm("terraform_data.db[0]", ["delete", "create"], vm_input("large", tags), vm_input("large", tags))])
	rules_of(deny_protected_delete) == {"terraform_data.db[0]": "terraform_data.db[0] is tagged protected and this plan replaces it"} with input as doc
}

test_protected_delete_fails if {
	doc := plan([vm("terraform_data.db[0]", ["delete"], vm_input("large", {"protected": true}), null)])
	rules_of(deny_protected_delete) == {"terraform_data.db[0]": "terraform_data.db[0] is tagged protected and this plan deletes it"} with input as doc
}

test_protected_tag_on_a_cloud_resource_fails if {
	doc := plan([{
		"address": "aws_s3_bucket.logs",
		"type": "aws_s3_bucket",
		"change": {"actions": ["delete"], "before": {"bucket": "logs", "tags": {"protected": "TRUE"}}, "after": null},
	}])
	object.keys(rules_of(deny_protected_delete)) == {"aws_s3_bucket.logs"} with input as doc
}

test_unprotected_delete_passes if {
	doc := plan([
		vm("terraform_data.web[0]", ["delete"], vm_input("small", {"owner": "web"}), null),
		vm("terraform_data.db[0]", ["delete", "create"], vm_input("small", {"protected": "false"}), vm_input("small", {"protected": "false"})),
		{"address": "aws_s3_bucket.tmp", "type": "aws_s3_bucket", "change": {"actions": ["delete"], "before": {"tags": null}, "after": null}},
	])
	count(deny_protected_delete) == 0 with input as doc
}

test_protected_update_in_place_passes if {
	tags := {"owner": "data", "protected": "true"}
	doc := plan([vm("terraform_data.db[0]", ["update"], vm_input("small", tags), vm_input("large", tags))])
	count(deny_protected_delete) == 0 with input as doc with data.allowed_vm_sizes as sizes
}

# ---- deny_vm_size ----------------------------------------------------------------------------------

test_size_outside_the_list_fails if {
	doc := plan([
		vm("terraform_data.web[0]", ["update"], vm_input("small", {"owner": "a"}), vm_input("xlarge", {"owner": "a"})),
		vm("terraform_data.web[1]", ["create"], null, vm_input("large", {"owner": "a"})),
	])
	rules_of(deny_vm_size) == {"terraform_data.web[0]": "terraform_data.web[0] has size xlarge, which is not one of the allowed sizes (large, medium, small)"} with input as doc with data.allowed_vm_sizes as sizes
}

test_cloud_instance_type_is_checked if {
	doc := plan([{
		"address": "aws_instance.app",
		"type": "aws_instance",
		"change": {"actions": ["create"], "before": null, "after": {"instance_type": "m5.24xlarge", "tags": {"owner": "a"}}},
	}])
	object.keys(rules_of(deny_vm_size)) == {"aws_instance.app"} with input as doc with data.allowed_vm_sizes as ["t3.micro"]
}

# `null` stands for a data file that was not given (a `with` cannot remove data that -d loaded).
test_missing_size_list_fails_closed if {
	doc := plan([vm("terraform_data.web[0]", ["create"], null, vm_input("small", {"owner": "a"}))])
	rules_of(deny_vm_size) == {"terraform_data.web[0]": "terraform_data.web[0] cannot be checked: no list of allowed VM sizes (give examples/policy/data.json as policy-data)"} with input as doc with data.allowed_vm_sizes as null
}

test_deleted_vm_size_is_not_checked if {
	doc := plan([vm("terraform_data.web[0]", ["delete"], vm_input("xlarge", {"owner": "a"}), null)])
	count(deny_vm_size) == 0 with input as doc with data.allowed_vm_sizes as sizes
}

test_non_vm_terraform_data_is_not_a_vm if {
	doc := plan([{"address": "terraform_data.image", "type": "terraform_data", "change": {"actions": ["create"], "before": null, "after": {"input": "golden-1"}}}])
	count(planned_vms) == 0 with input as doc
}

# ---- deny_missing_owner ----------------------------------------------------------------------------

test_missing_or_blank_owner_fails if {
	doc := plan([
		vm("terraform_data.web[0]", ["create"], null, vm_input("small", {})),
		vm("terraform_data.web[1]", ["create"], null, vm_input("small", {"owner": "  "})),
		vm("terraform_data.web[2]", ["create"], null, {"input": {"size": "small"}}),
		{"address": "aws_instance.app", "type": "aws_instance", "change": {"actions": ["create"], "before": null, "after": {"instance_type": "t3.micro", "tags": null}}},
		vm("terraform_data.db[0]", ["create"], null, vm_input("small", {"owner": "team-data"})),
	])
	object.keys(rules_of(deny_missing_owner)) == {
		"terraform_data.web[0]",
		"terraform_data.web[1]",
		"terraform_data.web[2]",
		"aws_instance.app",
	} with input as doc
}
