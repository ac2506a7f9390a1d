import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The machine-readable side of every Ansible run: a notification callback shipped with the action and
 * written next to its other scratch files at run time. Why our own rather than a stock one:
 * ansible-core has no JSON callback at all (`json` and `jsonl` live in the ansible.posix collection,
 * which a runner with only ansible-core, as `setup` installs it, does not have); a stdout callback would
 * also take the log away from the user's own (default, yaml, ...) output. A notification callback runs
 * beside whatever stdout callback is configured, so the log stays what Ansible users know, while each
 * result, diff and the recap go as JSON lines to the file named by IAC_ANSIBLE_EVENTS. Results reach
 * callbacks already censored for `no_log` tasks.
 */
export const EVENTS_CALLBACK_NAME = 'iac_events';
export const EVENTS_FILE_VARIABLE = 'IAC_ANSIBLE_EVENTS';

const CALLBACK_SOURCE = String.raw`# Written by iac-pipeline's ansible-configure at run time; not part of any collection.
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = """
    name: iac_events
    type: notification
    short_description: Machine-readable results for iac-pipeline
    description:
      - Appends one JSON object a line for each task result, file diff and the recap to the file named by
        the IAC_ANSIBLE_EVENTS environment variable. The screen output is left to the stdout callback.
    requirements:
      - enabled in callbacks_enabled
"""

import json
import os
import time

from ansible import __version__ as ansible_version
from ansible.parsing.ajson import AnsibleJSONEncoder
from ansible.plugins.callback import CallbackBase

FACT_ACTIONS = frozenset(
    (
        "setup",
        "gather_facts",
        "ansible.builtin.setup",
        "ansible.builtin.gather_facts",
        "ansible.legacy.setup",
        "ansible.legacy.gather_facts",
    )
)
FACT_KEYS = (
    "ansible_distribution",
    "ansible_distribution_version",
    "ansible_os_family",
    "ansible_kernel",
    "ansible_architecture",
    "ansible_python_version",
)
TEXT_LIMIT = 4000


def _text(value):
    if value is None:
        return ""
    if not isinstance(value, str):
        try:
            value = json.dumps(value, cls=AnsibleJSONEncoder, sort_keys=True)
        except Exception:
            value = str(value)
    return value if len(value) <= TEXT_LIMIT else "..." + value[-TEXT_LIMIT:]


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "notification"
    CALLBACK_NAME = "iac_events"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, display=None):
        super(CallbackModule, self).__init__(display)
        path = os.environ.get("IAC_ANSIBLE_EVENTS")
        self._out = open(path, "a", encoding="utf-8") if path else None
        self._play = ""
        self._pattern = ""

    def _write(self, event):
        if self._out is None:
            return
        self._out.write(json.dumps(event, cls=AnsibleJSONEncoder, sort_keys=True) + "\n")
        self._out.flush()

    def v2_playbook_on_start(self, playbook):
        self._write({"event": "start", "ansible_version": ansible_version})

    def v2_playbook_on_play_start(self, play):
        self._play = play.get_name()
        hosts = play.hosts
        self._pattern = ",".join(hosts) if isinstance(hosts, list) else _text(hosts)
        self._write({"event": "play", "play": self._play, "pattern": self._pattern, "at": time.time()})

    def v2_playbook_on_no_hosts_matched(self):
        self._write({"event": "no_hosts_matched", "play": self._play, "pattern": self._pattern})

    def _task(self, result):
        task = result._task
        return {
            "host": result._host.get_name(),
            "task": task.get_name(),
            "action": task.action,
            "play": self._play,
            "path": task.get_path() or "",
        }

    def _record(self, result, status, ignored=False):
        event = dict(self._task(result), event="result", status=status)
        values = result._result
        if ignored:
            event["ignored"] = True
        if status in ("failed", "unreachable"):
            event.update(self._failure(values))
        if status in ("ok", "changed") and event["action"] in FACT_ACTIONS:
            facts = values.get("ansible_facts") or {}
            event["facts"] = dict((key, _text(facts[key])) for key in FACT_KEYS if key in facts)
        self._write(event)

    def _failure(self, values):
        # A loop reports "One or more items failed"; the first failed item says what went wrong.
        for item in values.get("results") or []:
            if isinstance(item, dict) and item.get("failed"):
                values = item
                break
        failure = {"message": _text(values.get("msg") or values.get("censored") or values.get("reason"))}
        for key in ("stderr", "stdout"):
            if values.get(key):
                failure[key] = _text(values[key])
        if values.get("rc") is not None:
            failure["rc"] = values["rc"]
        return failure

    def v2_runner_on_ok(self, result):
        self._record(result, "changed" if result._result.get("changed") else "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, "failed", ignored=ignore_errors)

    def v2_runner_on_unreachable(self, result):
        self._record(result, "unreachable")

    def v2_runner_on_skipped(self, result):
        self._record(result, "skipped")

    def v2_on_file_diff(self, result):
        values = result._result
        diffs = []
        if result._task.loop and "results" in values:
            diffs = [item["diff"] for item in values["results"] if item.get("diff") and item.get("changed")]
        elif values.get("diff") and values.get("changed"):
            diffs = [values["diff"]]
        for diff in diffs:
            text = self._get_diff(diff)
            if text:
                self._write(dict(self._task(result), event="diff", diff=text))

    def v2_playbook_on_stats(self, stats):
        hosts = {}
        for host in sorted(stats.processed.keys()):
            summary = stats.summarize(host)
            hosts[host] = {
                "ok": summary.get("ok", 0),
                "changed": summary.get("changed", 0),
                "unreachable": summary.get("unreachable", 0),
                "failed": summary.get("failures", 0),
                "skipped": summary.get("skipped", 0),
                "rescued": summary.get("rescued", 0),
                "ignored": summary.get("ignored", 0),
            }
        self._write({"event": "stats", "hosts": hosts})
`;

/** Writes the callback plugin into `<dir>/callback_plugins` and returns that directory. */
export async function writeEventsCallback(dir: string): Promise<string> {
  const pluginDir = join(dir, 'callback_plugins');
  await mkdir(pluginDir, { recursive: true });
  await writeFile(join(pluginDir, `${EVENTS_CALLBACK_NAME}.py`), CALLBACK_SOURCE);
  return pluginDir;
}
