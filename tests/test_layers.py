"""The import contracts in pyproject.toml ([tool.importlinter]) hold: apps import each other only
downward, and inside each app entry points sit above services and selectors, and those above
models."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_apps_and_layers_import_only_downward():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
