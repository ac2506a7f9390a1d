// Apart from the inventory's reading (inventory.ts, which loads the YAML parser): the input layers of
// ansible-configure and smoke-test need only this test, and a refused input should not load more.

// Ansible's `-i host1,host2,` form: a comma makes it a list, not a file name.
export const HOST_LIST = /^[^\s=]+,[^\s=]*$/;

/**
 * Whether the `inventory` input is the inventory itself rather than a path: several lines, a host list,
 * or one line that sets a variable (`web-1 ansible_host=10.0.0.1`). The input layer holds the rest to
 * the path rule.
 */
export function isInventoryContent(value: string): boolean {
  return value.includes('\n') || HOST_LIST.test(value) || value.includes('=');
}
