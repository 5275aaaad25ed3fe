#!/usr/bin/env python3
"""Runs the cdrun-validate hook of .pre-commit-hooks.yaml the way pre-commit runs a
`language: system` hook: the entry split with shlex, the matching file names appended, no shell
around it, cdrun found on PATH. Two scratch bundles, one valid and one broken.

Usage: precommit_hook_test.py SOURCE_DIR CDRUN_BINARY    exit 0 pass, 1 fail, 77 skipped
"""
import os
import re
import shlex
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:  # pre-commit itself needs PyYAML; without it there is nothing to test
    print("SKIP: python3 has no yaml module")
    sys.exit(77)

FAILURES = []


def check(condition, what):
    if not condition:
        FAILURES.append(what)


def write(path, text, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, mode)


def run_hook(hook, files, cwd, cdrun_dir):
    env = dict(os.environ, PATH=cdrun_dir + os.pathsep + os.environ.get("PATH", ""))
    cmd = shlex.split(hook["entry"]) + hook.get("args", []) + files
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)


def main():
    source_dir, cdrun = sys.argv[1], sys.argv[2]
    with open(os.path.join(source_dir, ".pre-commit-hooks.yaml")) as f:
        hooks = yaml.safe_load(f)
    by_id = {h["id"]: h for h in hooks}
    check("cdrun-validate" in by_id, "no hook with id cdrun-validate")
    hook = by_id["cdrun-validate"]
    check(hook.get("language") == "system", "language is not system")
    files = re.compile(hook["files"])
    # pre-commit matches `files` with re.search against repository-relative paths.
    for path in ("appspec.yml", "appspec.yaml", "deploy/web/appspec.yml"):
        check(files.search(path), f"files does not match {path}")
    for path in ("appspec.yml.orig", "myappspec.yml", "appspec.json", "appspec.yml/README"):
        check(not files.search(path), f"files matches {path}")

    with tempfile.TemporaryDirectory() as repo:
        write(os.path.join(repo, "good/appspec.yml"),
              "version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: scripts/start.sh\n")
        write(os.path.join(repo, "good/scripts/start.sh"), "#!/bin/sh\necho started\n", 0o755)
        # The appspec is fine; its bundle lacks the script it names, which only a bundle check sees.
        write(os.path.join(repo, "broken/appspec.yml"),
              "version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: scripts/missing.sh\n")
        cdrun_dir = os.path.dirname(os.path.abspath(cdrun))

        both = run_hook(hook, ["good/appspec.yml", "broken/appspec.yml"], repo, cdrun_dir)
        check(both.returncode == 1, f"exit {both.returncode} with a broken bundle, expected 1:\n{both.stdout}{both.stderr}")
        check("cdrun-validate: broken failed validation\n" in both.stderr, f"broken not named:\n{both.stderr}")
        check("good failed" not in both.stderr, f"good named as failed:\n{both.stderr}")
        check("broken/scripts/missing.sh" in both.stdout or "broken/appspec.yml" in both.stdout,
              f"the finding does not name the broken bundle's file:\n{both.stdout}")

        good = run_hook(hook, ["good/appspec.yml"], repo, cdrun_dir)
        check(good.returncode == 0, f"exit {good.returncode} on a valid bundle:\n{good.stdout}{good.stderr}")
        check(good.stderr == "", f"stderr on a valid bundle:\n{good.stderr}")

    for failure in FAILURES:
        print("FAIL:", failure)
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
