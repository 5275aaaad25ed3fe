#!/usr/bin/env python3
"""The release binary in an empty root: nothing from the host but the kernel.

The root holds only cdrun, busybox (with its applet links: the hooks' /bin/sh, sleep, ps), /dev/null,
/proc and the test's own bundles. Each command runs as root in new mount and PID namespaces
(`unshare`), chrooted there, with PATH=/bin and no HOME: no shared library, no NSS module, no CA
file, no /etc at all. What it checks is what a CodeDeploy host or CI image needs from cdrun.

  empty_root_test.py --cdrun build-static/runner/cdrun               # every check (x86_64)
  empty_root_test.py --cdrun dist/.../bin/cdrun --qemu /usr/bin/qemu-aarch64-static --quick

--qemu runs cdrun under qemu-user (copied into the root), for the arm64 binary on an x86_64 machine;
the hooks cdrun starts are the root's busybox, run by the kernel. --quick keeps validate, deploy
with a hook and exec's timeout. Exit status 0 when every check passed.
"""

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import empty_root_bundles as bundles

FAILURES = []
UNSHARE, MOUNT, CHROOT = (shutil.which(tool, path="/usr/sbin:/usr/bin:/sbin:/bin") for tool in
                          ("unshare", "mount", "chroot"))


def check(condition, what, detail=""):
    print(("ok    " if condition else "FAIL  ") + what)
    if not condition:
        FAILURES.append(what)
        if detail:
            print("      " + detail.replace("\n", "\n      "))


class EmptyRoot:
    def __init__(self, path, cdrun, qemu):
        self.path = path
        self.prefix = []
        os.makedirs(os.path.join(path, "bin"))
        os.makedirs(os.path.join(path, "dev"))
        os.makedirs(os.path.join(path, "proc"))
        open(os.path.join(path, "dev", "null"), "w").close()  # a mount point for the host's /dev/null
        shutil.copy2(cdrun, os.path.join(path, "bin", "cdrun"))
        os.symlink("cdrun", os.path.join(path, "bin", "codedeploy-local"))
        shutil.copy2("/bin/busybox", os.path.join(path, "bin", "busybox"))
        applets = subprocess.run(["/bin/busybox", "--list"], capture_output=True, text=True, check=True).stdout
        for applet in applets.split():
            link = os.path.join(path, "bin", applet)
            if not os.path.lexists(link):
                os.symlink("busybox", link)
        if qemu:
            shutil.copy2(qemu, os.path.join(path, "bin", "qemu"))
            self.prefix = ["/bin/qemu"]

    def host_path(self, inside):
        return os.path.join(self.path, inside.lstrip("/"))

    def run(self, args, env=None, timeout=120, shell=False):
        """Runs cdrun ARGS (or, with shell=True, a busybox sh script) inside the root."""
        command = ["/bin/sh", "-c", args] if shell else self.prefix + ["/bin/cdrun"] + args
        # The host's tools set the root up; inside it only PATH=/bin (busybox) is left.
        mount_then_chroot = ('%s -t proc proc "$0/proc" && %s --bind /dev/null "$0/dev/null" && exec %s "$0" "$@"'
                             % (MOUNT, MOUNT, CHROOT))
        environment = {"PATH": "/bin"}
        environment.update(env or {})
        try:
            done = subprocess.run([UNSHARE, "--mount", "--pid", "--fork", "--kill-child", "/bin/sh", "-c",
                                   mount_then_chroot, self.path] + command,
                                  env=environment, capture_output=True, text=True, timeout=timeout)
            return done.returncode, done.stdout, done.stderr
        except subprocess.TimeoutExpired as e:
            return None, e.stdout or "", "timed out after %d s" % timeout

    def read(self, inside):
        try:
            with open(self.host_path(inside)) as f:
                return f.read()
        except OSError:
            return None


def shown(rc, out, err):
    return "exit %s\nstdout: %s\nstderr: %s" % (rc, out.strip()[-1500:], err.strip()[-1500:])


def check_validate(root):
    rc, out, err = root.run(["validate", "/work/v1"])
    check(rc == 0, "validate accepts a bundle directory", shown(rc, out, err))
    rc, out, err = root.run(["validate", "/work/v2.tgz"])
    check(rc == 0, "validate accepts a tgz bundle", shown(rc, out, err))
    rc, out, err = root.run(["validate", "/work/broken.tgz"])
    # The agent's own words for a hook whose script is missing from the bundle (agent-behavior.md).
    check(rc == 1 and "scripts/missing.sh" in out + err, "validate rejects a tgz whose hook script is missing",
          shown(rc, out, err))


def check_deploys(root):
    rc, out, err = root.run(["deploy", "-l", "/work/v1", "-t", "directory"])
    check(rc == 0, "deploy of revision 1 (directory) succeeds", shown(rc, out, err))
    check(root.read("/srv/app/version.txt") == "v1\n", "revision 1's file is installed at its destination")
    check((root.read("/srv/marks/after-install") or "").startswith("v1 AfterInstall"),
          "revision 1's AfterInstall hook ran through busybox sh with LIFECYCLE_EVENT set",
          repr(root.read("/srv/marks/after-install")))
    check(root.read("/srv/marks/stop") is None, "no ApplicationStop ran before the first revision existed")
    rc, out, err = root.run(["deploy", "-l", "/work/v2.tgz", "-t", "tgz"])
    check(rc == 0, "deploy of revision 2 (tgz) succeeds", shown(rc, out, err))
    check(root.read("/srv/app/version.txt") == "v2\n", "revision 2 replaced revision 1's file")
    check(root.read("/srv/marks/stop") == "v1 ApplicationStop\n",
          "revision 2's ApplicationStop ran revision 1's script (the last successful revision)",
          repr(root.read("/srv/marks/stop")))
    check((root.read("/srv/marks/after-install") or "").startswith("v2 AfterInstall"), "revision 2's AfterInstall ran")


def check_plan_and_status(root):
    rc, out, err = root.run(["plan", "-l", "/work/v2.tgz", "-t", "tgz"])
    check(rc == 0 and "stop.sh" in out and "after_install.sh" in out,
          "plan names the previous revision's ApplicationStop script and the new AfterInstall", shown(rc, out, err))
    rc, out, err = root.run(["status"])
    check(rc == 0 and "default-local-deployment-group" in out, "status lists the deployment group",
          shown(rc, out, err))


def check_exec_timeout(root):
    script = ('/bin/cdrun exec --timeout 1 --kill-grace 1 -- /bin/sh -c "sleep 300 & sleep 301"; echo "rc=$?"; '
              'sleep 0.2; ps -o pid,args')
    if root.prefix:
        script = script.replace("/bin/cdrun", "/bin/qemu /bin/cdrun", 1)
    started = time.monotonic()
    rc, out, err = root.run(script, shell=True, timeout=60)
    took = time.monotonic() - started
    check("rc=124" in out, "exec ends a command past its timeout with status 124", shown(rc, out, err))
    # The shell running this script names the sleeps in its own command line; any other line that
    # does is a process the timeout left behind.
    left = [line for line in out.splitlines() if "sleep 30" in line and "ps -o" not in line]
    check("rc=" in out and not left, "no process of the timed-out command is left", out)
    check(took < 20, "exec returned within its deadline and grace (%.1f s)" % took)


def check_role_render(root):
    rc, out, err = root.run(["role", "render", "--parts", "service-role", "--print", "service-role-trust.json"])
    check(rc == 0 and '"codedeploy.amazonaws.com"' in out, "role render prints the service role's trust policy",
          shown(rc, out, err))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check_onprem_configure(root):
    port = free_port()
    moto = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        keys = {"AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
                "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}
        rc, out, err = root.run(["onprem", "configure", "--role-arn", "arn:aws:iam::123456789012:role/OnPremHosts",
                                 "--session-name", "host-1", "--region", "us-east-1", "--config-dir", "/conf",
                                 "--endpoint-url", "http://127.0.0.1:%d" % port], env=keys)
        check(rc == 0, "onprem configure assumes the role through moto on loopback", shown(rc, out, err))
        yml = root.read("/conf/codedeploy.onpremises.yml") or ""
        check("assumed-role/OnPremHosts/host-1" in yml, "codedeploy.onpremises.yml names the session ARN", yml)
        credentials = root.read("/conf/credentials") or ""
        check("aws_session_token" in credentials, "the session credentials file holds a session token")
        check(keys["AWS_SECRET_ACCESS_KEY"] not in out + err, "the base secret is never printed")
    finally:
        moto.terminate()
        moto.wait(timeout=10)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cdrun", required=True)
    parser.add_argument("--qemu")
    parser.add_argument("--quick", action="store_true")
    options = parser.parse_args()
    if os.geteuid() != 0:
        print("empty_root_test: needs root (chroot, mount namespaces)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="cdrun-empty-root-") as scratch:
        root = EmptyRoot(os.path.join(scratch, "root"), options.cdrun, options.qemu)
        bundles.write_all(root.host_path("/work"))
        rc, out, err = root.run(["--version"])
        check(rc == 0 and out.startswith("cdrun "), "cdrun starts in the empty root", shown(rc, out, err))
        check_validate(root)
        check_deploys(root)
        check_exec_timeout(root)
        if not options.quick:
            check_plan_and_status(root)
            check_role_render(root)
            check_onprem_configure(root)
    print("%d failed" % len(FAILURES))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
