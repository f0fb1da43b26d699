"""`pip install .` gives a working octavo: the styles and templates travel inside the wheel."""

import subprocess
import sys
import zipfile

from conftest import REPO


def test_wheel_carries_styles_and_templates(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", str(tmp_path), str(REPO)],
        check=True,
    )
    (wheel,) = tmp_path.glob("octavo-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for resource in sorted((REPO / "styles").iterdir()) + sorted((REPO / "templates").iterdir()):
        assert f"octavo/{resource.parent.name}/{resource.name}" in names
    assert "octavo/cli.py" in names
