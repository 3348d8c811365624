#!/usr/bin/env python3
"""Structure guards (run by scripts/test.sh):
1. no import cycle between the top-level modules of engine, app or server
   (`crate::x` references outside tests);
2. no hand-written source file over 400 lines (tests and the catalog data table excepted).
Exit 1 with what broke."""
import os, re, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
MAX_LINES = 400
DATA_FILES = {"engine/src/catalog/mod.rs"}  # the GPU, model, tier and cloud-price tables


def sources(crate):
    for d, _, files in os.walk(os.path.join(ROOT, crate)):
        for f in files:
            if f.endswith(".rs"):
                yield os.path.join(d, f)


def code_outside_tests(path):
    src = open(path, encoding="utf-8").read()
    cut = src.find("#[cfg(test)]")
    if cut >= 0:
        src = src[:cut]
    return "\n".join(l for l in src.split("\n") if not l.strip().startswith("//"))


def cycles(crate):
    graph = {}
    for p in sources(crate):
        rel = os.path.relpath(p, os.path.join(ROOT, crate))
        if os.path.basename(p) == "tests.rs":
            continue
        module = rel.split(os.sep)[0].removesuffix(".rs")
        if module in ("lib", "main"):
            continue
        for used in re.findall(r"crate::(\w+)", code_outside_tests(p)):
            if used != module:
                graph.setdefault(module, set()).add(used)
    # Tarjan's strongly connected components.
    index, low, stack, on, found, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
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
                found.append(sorted(comp))

    for v in list(graph):
        if v not in index:
            visit(v)
    return found


failures = []
for crate in ("engine/src", "app/src", "server/src"):
    for comp in cycles(crate):
        failures.append(f"import cycle in {crate}: {' <-> '.join(comp)}")
for crate in ("engine/src", "app/src", "server/src", "server/examples"):
    for p in sources(crate):
        rel = os.path.relpath(p, ROOT)
        if "/tests/" in rel or rel.endswith("/tests.rs") or rel in DATA_FILES:
            continue
        n = sum(1 for _ in open(p, encoding="utf-8"))
        if n > MAX_LINES:
            failures.append(f"{rel}: {n} lines (over {MAX_LINES}; split it by what it does)")
for f in failures:
    print("structure:", f)
if failures:
    sys.exit(1)
print("structure: no import cycles; no source file over", MAX_LINES, "lines (data excepted:", ", ".join(sorted(DATA_FILES)) + ")")
