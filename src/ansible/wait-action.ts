import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The wait's own action plugin: ansible.builtin.wait_for_connection with one shell command (`true`)
 * as the probe on SSH hosts, in place of the ping module. The ping module costs a round of interpreter
 * discovery, a temporary directory, a file transfer and a Python start on the host, all of which the
 * playbook's first task does again (wait_for_connection keeps neither the interpreter it found nor
 * anything else): about half a second a host that the wait added to every run. The shell command
 * answers whether the host takes SSH sessions for the user with the key, which is what the wait is
 * for; a host whose Python is broken fails in the playbook's first task, with Ansible's message.
 *
 * Everything else is wait_for_connection's, on purpose: the arguments, the timeout and the pause
 * between tries, the connection reset before each try (a ControlPersist master left by an earlier
 * step must not answer for a host that was replaced since), the skip in check mode. A connection
 * that is not SSH, or a shell that is not POSIX (PowerShell on Windows), gets wait_for_connection
 * itself, whose ping module is redirected to the one that fits.
 */
export const WAIT_ACTION_NAME = 'iac_wait_for_connection';

const ACTION_SOURCE = String.raw`# Written by iac-pipeline's ansible-configure at run time; not part of any collection.
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase
from ansible.plugins.action.wait_for_connection import ActionModule as WaitForConnection

PROBE_TRANSPORTS = frozenset(("ssh", "paramiko"))


class ActionModule(WaitForConnection):
    def run(self, tmp=None, task_vars=None):
        shell = getattr(self._connection, "_shell", None)
        if self._connection.transport not in PROBE_TRANSPORTS or getattr(shell, "SHELL_FAMILY", None) != "sh":
            return super(ActionModule, self).run(tmp, task_vars)
        if self._play_context.check_mode:
            return dict(skipped=True)
        result = ActionBase.run(self, tmp, task_vars)
        timeout = int(self._task.args.get("timeout", self.DEFAULT_TIMEOUT))
        delay = int(self._task.args.get("delay", self.DEFAULT_DELAY))
        sleep = int(self._task.args.get("sleep", self.DEFAULT_SLEEP))
        start = time.time()
        deadline = start + timeout
        if delay:
            time.sleep(delay)
        # Tries until the deadline, the last time at the deadline itself: a host gets the whole timeout.
        while True:
            error = self._probe()
            left = deadline - time.time()
            if error is None or left <= 0:
                break
            time.sleep(min(sleep, left))
        if error is not None:
            result["failed"] = True
            result["msg"] = "timed out waiting for a shell on the host: %s" % error
        result["elapsed"] = int(time.time() - start)
        return result

    def _probe(self):
        """None when the host ran the command, else why not (Ansible's connection error, as it words it)."""
        try:
            try:
                self._connection.reset()
            except AttributeError:
                pass
            answer = self._low_level_execute_command("true", sudoable=False)
        except Exception as e:
            return to_text(e)
        if answer.get("rc") == 0:
            return None
        stderr = to_text(answer.get("stderr") or "").strip()
        return "the shell exited with code %s%s" % (answer.get("rc"), ": " + stderr if stderr else "")
`;

/** Writes the plugin into `<dir>/action_plugins`, where Ansible looks beside a playbook in `dir`. */
export async function writeWaitAction(dir: string): Promise<void> {
  const pluginDir = join(dir, 'action_plugins');
  await mkdir(pluginDir, { recursive: true });
  await writeFile(join(pluginDir, `${WAIT_ACTION_NAME}.py`), ACTION_SOURCE);
}
