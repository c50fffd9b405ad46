"""The README's API walk-through, pasted into a shell against a running server with the demo
story: every command works, prints what the README says it prints, and pasting it again
duplicates nothing."""

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from claims.models import Claim, Review

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("restore_database_after_module"),
    pytest.mark.skipif(
        not (shutil.which("bash") and shutil.which("curl")), reason="needs bash and curl"
    ),
]


def walkthrough() -> str:
    readme = (ROOT / "README.md").read_text()
    after = readme[readme.index("A session against the demo") :]
    return re.search(r"```sh\n(.*?)```", after, re.DOTALL).group(1)


def expected_output(script: str) -> tuple[list[str], list[str]]:
    """What the first and a second paste print: "# → 2 (3 once step 3 … has run)" is 2 the first
    time and 3 after."""
    first, second = [], []
    for line in re.findall(r"^# → (.*)$", script, re.MULTILINE):
        later = re.fullmatch(r"(.*) \((\S+) once .*\)", line)
        first.append(later.group(1) if later else line)
        second.append(later.group(2) if later else line)
    return first, second


def paste(script: str, base_url: str) -> list[str]:
    result = subprocess.run(
        ["bash", "-c", script.replace("http://127.0.0.1:8000", base_url)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_the_api_walkthrough_prints_what_the_readme_shows_and_can_be_pasted_twice(live_server):
    call_command("load_demo", stdout=io.StringIO())
    script = walkthrough()
    expected_first, expected_second = expected_output(script)

    assert paste(script, live_server.url) == expected_first
    assert paste(script, live_server.url) == expected_second
    claim = Claim.objects.get(text="Rebel fighters have entered the outskirts of Homs")
    assert Review.objects.filter(claim=claim).count() == 1
