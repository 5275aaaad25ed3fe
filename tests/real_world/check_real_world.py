#!/usr/bin/env python3
"""Hold cdrun to its judged verdicts on appspecs and bundles taken from public repositories.

Each case in manifest.json was judged by hand: whether the revision deploys, and which error and
warning codes cdrun reports on it that are true. A case fails when cdrun reports an error or a
warning whose code is not judged true for it (a false alarm), when it calls a revision that deploys
invalid, or when it calls a revision that is broken valid (unless the case says why no reading of
its stored files can see the breakage: unseen_because). Notes are never judged: --strict ignores them.

Usage: check_real_world.py CDRUN [--case ID]... [--verbose]
       check_real_world.py CDRUN --self-test     proves on a scratch corpus that each rule bites
Prints one line per failure, then "N passed, M failed"; exit 0 when none failed.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
JUDGED_SEVERITIES = ("error", "warning")


def load_manifest(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)["cases"]


def target_of(case, cases_dir):
    """A bundle is validated as its directory; an appspec on its own as the file, so that the
    scripts and sources it names (absent from the corpus) are not looked for."""
    folder = os.path.join(cases_dir, case["id"])
    if case["kind"] == "bundle":
        return folder
    return os.path.join(folder, case["files"][0]["file"])


def run_validate(cdrun, target):
    proc = subprocess.run([cdrun, "validate", "--format", "json", "--color", "never", target],
                          capture_output=True, text=True, timeout=120)
    try:
        return proc.returncode, json.loads(proc.stdout), proc.stderr
    except json.JSONDecodeError:
        return proc.returncode, None, proc.stderr or proc.stdout


def judge_case(case, cdrun, cases_dir):
    """Returns the failure lines of one case (empty when it passes)."""
    cid = case["id"]
    target = target_of(case, cases_dir)
    if not os.path.exists(target):
        return [f"{cid}: {target} is missing from the corpus"]
    status, report, stderr = run_validate(cdrun, target)
    if report is None or status not in (0, 1):
        return [f"{cid}: cdrun validate exited {status} without a report: {stderr.strip()[:200]}"]
    failures = []
    allowed = {entry["code"] for entry in case["allowed"]}
    for d in report["diagnostics"]:
        if d["severity"] in JUDGED_SEVERITIES and d["code"] not in allowed:
            where = os.path.relpath(d["file"], cases_dir) if d["file"] else cid
            failures.append(f"{cid}: false {d['severity']} {d['code']} at {where}:{d['line']}: {d['message']}")
    valid = report["valid"]
    if case["deploys"] and not valid:
        failures.append(f"{cid}: cdrun says invalid, but the revision deploys")
    if not case["deploys"] and valid and not case.get("unseen_because"):
        failures.append(f"{cid}: cdrun says valid, but the revision fails: {case['why_not']}")
    return failures


def check_manifest(cases):
    """The manifest's own shape: a judgement needs its reason."""
    problems = []
    seen = set()
    for case in cases:
        cid = case.get("id", "?")
        if cid in seen:
            problems.append(f"{cid}: listed twice")
        seen.add(cid)
        for key in ("repository", "files", "platform", "kind", "deploys", "allowed"):
            if key not in case:
                problems.append(f"{cid}: no {key}")
        if case.get("kind") not in ("bundle", "appspec-only"):
            problems.append(f"{cid}: kind must be bundle or appspec-only")
        if case.get("deploys") is False and not case.get("why_not"):
            problems.append(f"{cid}: deploys is false without why_not")
        for entry in case.get("allowed", []):
            if not entry.get("code") or not entry.get("reason"):
                problems.append(f"{cid}: an allowed code needs a code and a reason")
    return problems


def self_test(cdrun):
    """One scratch appspec with a known warning (an unknown top-level key, CD221) and one the agent
    rejects (os: linus): each rule of judge_case must fail the case it is about, and only that."""
    with tempfile.TemporaryDirectory() as cases_dir:
        def case(cid, text, **judged):
            os.makedirs(os.path.join(cases_dir, cid))
            with open(os.path.join(cases_dir, cid, "appspec.yml"), "w", encoding="utf-8") as f:
                f.write(text)
            entry = {"id": cid, "files": [{"file": "appspec.yml"}], "kind": "appspec-only", "allowed": []}
            entry.update(judged)
            return entry
        warned = "version: 0.0\nos: linux\nstray: 1\n"
        broken = "version: 0.0\nos: linus\n"
        expectations = [
            (case("false-warning", warned, deploys=True), ["false warning CD221"]),
            (case("judged-warning", warned, deploys=True, allowed=[{"code": "CD221", "reason": "r"}]), []),
            # Both agents reject `os: linus` (CD100 for 1.8, CD110 for 2.x): only the verdict rule fires.
            (case("deploys-but-invalid", broken, deploys=True,
                  allowed=[{"code": "CD100", "reason": "r"}, {"code": "CD110", "reason": "r"}]),
             ["says invalid"]),
            (case("fails-but-valid", warned, deploys=False, why_not="w", allowed=[{"code": "CD221", "reason": "r"}]),
             ["says valid"]),
            (case("fails-unseen", warned, deploys=False, why_not="w", unseen_because="u",
                  allowed=[{"code": "CD221", "reason": "r"}]), []),
        ]
        wrong = []
        for entry, wanted in expectations:
            got = judge_case(entry, cdrun, cases_dir)
            if len(got) != len(wanted) or any(w not in g for w, g in zip(wanted, got)):
                wrong.append(f"{entry['id']}: expected {wanted}, got {got}")
        print("\n".join(wrong) if wrong else f"self-test: {len(expectations)} rules hold")
        return 1 if wrong else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cdrun", help="the cdrun binary")
    parser.add_argument("--manifest", default=os.path.join(HERE, "manifest.json"))
    parser.add_argument("--cases-dir", default=os.path.join(HERE, "cases"))
    parser.add_argument("--case", action="append", help="check only this case (repeatable)")
    parser.add_argument("--verbose", action="store_true", help="also list the cases that pass")
    parser.add_argument("--self-test", action="store_true", help="check the checker on a scratch corpus")
    args = parser.parse_args()
    if args.self_test:
        return self_test(args.cdrun)

    cases = load_manifest(args.manifest)
    problems = check_manifest(cases)
    if problems:
        print("\n".join(problems))
        print(f"manifest: {len(problems)} problems")
        return 1
    if args.case:
        cases = [c for c in cases if c["id"] in args.case]
    passed = failed = 0
    for case in cases:
        failures = judge_case(case, args.cdrun, args.cases_dir)
        if failures:
            failed += 1
            print("\n".join(failures))
        else:
            passed += 1
            if args.verbose:
                print(f"{case['id']}: ok")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
