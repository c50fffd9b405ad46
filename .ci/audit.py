"""Audits the locked dependencies (requirements-dev.lock, a superset of the image's
requirements.lock) against the advisory database that pip-audit queries (PyPI's). Known
vulnerabilities fail the run. Where that database cannot be reached, says so in one line and
passes: a CI run without it has nothing to audit against."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements-dev.lock"


def main() -> int:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip_audit",
            "--requirement",
            str(LOCK),
            "--no-deps",
            "--disable-pip",
            "--format",
            "json",
            "--progress-spinner",
            "off",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        print(
            ".ci/run: vulnerability audit skipped: the advisory database is not reachable "
            f"({last[:200]})"
        )
        return 0
    dependencies = report["dependencies"]
    audited = [d for d in dependencies if "skip_reason" not in d]
    if not audited:
        print(
            f".ci/run: vulnerability audit skipped: the advisory database answered for none of the "
            f"{len(dependencies)} locked packages (not reachable from here)"
        )
        return 0
    vulnerable = [d for d in audited if d.get("vulns")]
    for dependency in vulnerable:
        for vulnerability in dependency["vulns"]:
            fixed = ", ".join(vulnerability.get("fix_versions") or []) or "no fixed version yet"
            print(
                f".ci/run: {dependency['name']} {dependency['version']}: {vulnerability['id']} "
                f"(fixed in {fixed})"
            )
    skipped = len(dependencies) - len(audited)
    print(
        f".ci/run: vulnerability audit: {len(audited)} locked packages checked"
        + (f", {skipped} unknown to the database" if skipped else "")
        + f", {len(vulnerable)} with known vulnerabilities"
    )
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main())
