"""The README's examples are the commands' real output, so they cannot drift (as sqlite-utils checks with cog)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tools import readme_examples

SCRIPT = Path(sys.executable).parent / "ussrfilms"


@pytest.mark.skipif(not SCRIPT.exists(), reason="the console script is installed by pip install")
def test_every_readme_example_is_real_output(capsys):
    assert readme_examples.check() == 0, capsys.readouterr().out
