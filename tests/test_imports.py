"""The package's import graph: no circles, nothing imported from the package ``__init__``, depth <= 10.

The graph (``scripts/import_graph.py``) counts imports inside functions too; only ``if TYPE_CHECKING:``
imports, which never run, are left out.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_DEPTH = 10


@pytest.fixture(scope="module")
def graph_tool():
    spec = importlib.util.spec_from_file_location("import_graph", ROOT / "scripts" / "import_graph.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["import_graph"] = module
    spec.loader.exec_module(module)
    return module


def test_no_import_circle_and_nothing_from_the_package_init(graph_tool):
    edges, from_init = graph_tool.graph()
    assert graph_tool.circles(edges) == []
    assert from_init == []


def test_import_depth_is_at_most_ten_levels(graph_tool):
    edges, _ = graph_tool.graph()
    levels, chain = graph_tool.depth(edges)
    assert levels <= MAX_DEPTH, " -> ".join(chain)


def test_the_tool_finds_a_circle_through_a_function_level_import(graph_tool, tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "a.py").write_text("from .sub import b\n")
    (package / "sub" / "b.py").write_text("def f():\n    from ..c import g\n")
    (package / "c.py").write_text("from typing import TYPE_CHECKING\nfrom . import a\n"
                                  "if TYPE_CHECKING:\n    from .sub import b\n")
    (package / "d.py").write_text("from pkg import a\nfrom . import thing\n")
    edges, from_init = graph_tool.graph(package)
    assert graph_tool.circles(edges) == [["pkg.a", "pkg.c", "pkg.sub.b"]]
    assert graph_tool.depth(edges)[0] == 2  # d -> the collapsed circle
    assert from_init == [("pkg.d", "thing")]


def test_the_public_api_and_the_readme_paths_import():
    import importlib
    import pkgutil
    from types import ModuleType

    import eventwire

    for module in pkgutil.walk_packages(eventwire.__path__, "eventwire."):
        importlib.import_module(module.name)  # a subpackage named like an API function would replace it
    from eventwire.pipeline import extract_articles
    from eventwire.store.database import Store
    from eventwire.store.export import export_events

    assert eventwire.Store is Store and eventwire.export_events is export_events
    assert eventwire.extract_articles is extract_articles
    for name in eventwire.__all__:
        assert getattr(eventwire, name) is not None and not isinstance(getattr(eventwire, name), ModuleType), name
