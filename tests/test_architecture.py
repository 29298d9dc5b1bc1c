"""The ground floor depends on nothing above it.

`core` (code every app shares) and `clinic_site` (the project's configuration) may import
Django and libraries, never a feature app: each app adds its own sitemap, footer fragment
and content models from its AppConfig.ready(), and settings or URLs name apps only as text.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FEATURE_APPS = {"home", "treatments", "locations", "testimonials", "appointments"}
GROUND_FLOOR = ["core", "clinic_site"]


def imported_modules(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def feature_imports(package_dir):
    for path in sorted(package_dir.rglob("*.py")):
        for module in imported_modules(path):
            if module.split(".")[0] in FEATURE_APPS:
                yield f"{path.relative_to(package_dir.parent)} imports {module}"


@pytest.mark.parametrize("package", GROUND_FLOOR)
def test_the_ground_floor_imports_no_feature_app(package):
    assert list(feature_imports(ROOT / package)) == []


def test_the_check_sees_a_feature_import_even_inside_a_function(tmp_path):
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "leaky.py").write_text(
        "import os\n\ndef f():\n    from treatments.models import Treatment\n"
    )
    assert list(feature_imports(tmp_path / "core")) == ["core/leaky.py imports treatments.models"]
