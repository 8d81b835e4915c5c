"""The dashboard's layers: Streamlit only in the app, its navigation, sign-in, the page scripts and ui/."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "dashboard"
MAY_USE_STREAMLIT = (
    "dashboard/ui/",
    "dashboard/screens/",
    "dashboard/app.py",
    "dashboard/navigation.py",
    "dashboard/auth.py",
)


def imports_streamlit(path: Path) -> bool:
    """Whether the module imports streamlit (or anything under it) anywhere, at any depth."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "streamlit" for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "streamlit":
            return True
    return False


def streamlit_free_modules() -> list[str]:
    """Every dashboard module outside the Streamlit layer, as a dotted name."""
    names = []
    for path in sorted(DASHBOARD.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(MAY_USE_STREAMLIT) or relative.endswith("__main__.py"):
            continue
        names.append(relative.removesuffix(".py").removesuffix("/__init__").replace("/", "."))
    return names


def test_only_the_app_its_pages_and_ui_import_streamlit() -> None:
    importing = sorted(
        path.relative_to(ROOT).as_posix() for path in DASHBOARD.rglob("*.py") if imports_streamlit(path)
    )
    outside = [p for p in importing if not p.startswith(MAY_USE_STREAMLIT)]
    assert outside == []
    assert "dashboard/ui/filters.py" in importing  # the check sees an import where there is one


def test_queries_content_charts_and_the_pack_load_without_streamlit() -> None:
    modules = streamlit_free_modules()
    assert {"dashboard.queries", "dashboard.charts.map", "dashboard.content.progress"} <= set(modules)
    assert "dashboard.boardpack.contents" in modules
    code = (
        f"import sys, importlib\nfor m in {modules!r}: importlib.import_module(m)\n"
        "print('streamlit' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
