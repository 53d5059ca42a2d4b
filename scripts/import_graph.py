"""The import graph of the eventwire package: its circles and its depth.

    python scripts/import_graph.py            # depth, circles, and the longest chain

Every ``import``/``from ... import`` of an eventwire module counts, inside functions too; imports under
``if TYPE_CHECKING:`` do not (they never run). ``from . import x`` counts as importing the module ``x`` when
there is one. Depth is the number of levels of the graph after collapsing each circle into one node: a
module importing no other eventwire module is level 1. Used by ``tests/test_imports.py``.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "eventwire"


def module_names(root: Path = PACKAGE) -> dict[str, Path]:
    """``eventwire.x.y`` -> file, for every module of the package (``__init__`` files named by their package)."""
    names = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST):
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            yield from (n for child in node.orelse for n in _imports_of(child))
            continue
        yield from _imports_of(node)


def _imports_of(node: ast.AST):
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        yield node
    elif not isinstance(node, ast.If) or not _is_type_checking(node):
        yield from _imports(node)
    else:
        for child in node.orelse:
            yield from _imports_of(child)


def graph(root: Path = PACKAGE) -> tuple[dict[str, set[str]], list[tuple[str, str]]]:
    """(module -> the eventwire modules it imports, [(module, name)] of names imported from ``eventwire/__init__``)."""
    modules = module_names(root)
    edges: dict[str, set[str]] = {name: set() for name in modules}
    from_init = []
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(base + ([node.module] if node.module else []))
                else:
                    base = node.module or ""
                targets = []
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    if sub in modules:
                        targets.append(sub)
                    else:
                        targets.append(base)
                        if base == root.name:
                            from_init.append((name, alias.name))
            for target in targets:
                if target in modules and target != name:
                    edges[name].add(target)
    return edges, from_init


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def depth(edges: dict[str, set[str]]) -> tuple[int, list[str]]:
    """Levels of the graph with circles collapsed, and one longest chain (top first)."""
    comp_of = {v: v for v in edges}
    for comp in circles(edges):
        for v in comp:
            comp_of[v] = comp[0]
    dag: dict[str, set[str]] = {c: set() for c in comp_of.values()}
    for v, targets in edges.items():
        dag[comp_of[v]] |= {comp_of[t] for t in targets if comp_of[t] != comp_of[v]}
    memo: dict[str, list[str]] = {}

    def chain(v: str) -> list[str]:
        if v not in memo:
            best = max((chain(w) for w in sorted(dag[v])), key=len, default=[])
            memo[v] = [v] + best
        return memo[v]

    longest = max((chain(v) for v in sorted(dag)), key=len)
    return len(longest), longest


def main() -> int:
    edges, from_init = graph()
    found = circles(edges)
    levels, longest = depth(edges)
    print(f"{len(edges)} modules, depth {levels}: " + " -> ".join(longest))
    for comp in found:
        print("circle: " + " <-> ".join(comp))
    for module, name in from_init:
        print(f"{module} imports {name} from the package __init__")
    return 1 if found or from_init else 0


if __name__ == "__main__":
    sys.exit(main())
