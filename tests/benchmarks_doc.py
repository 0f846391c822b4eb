"""docs/benchmarks.md has one "## " section per benchmark script (tests/emulator/bench.py,
tests/bench_inventory.py, tests/bench_modules.py); each script replaces its own section
through ``replace_section`` and the others stay, whatever order the scripts run in."""

from __future__ import annotations

import os
import re

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "docs", "benchmarks.md")
ORDER = ("Emulator", "Inventory", "Modules")
HEADING = re.compile(r"^## (.+)$", re.M)


def replace_section(section, path=OUT):
    """Write ``section`` (text starting with "## <name>") into the file in place of its namesake."""
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else "# Benchmarks\n"
    marks = list(HEADING.finditer(text))
    title = text[:marks[0].start()] if marks else text
    sections = {}
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
        sections[mark.group(1).strip()] = text[mark.start():end].strip("\n")
    sections[HEADING.match(section).group(1).strip()] = section.strip("\n")
    names = [name for name in ORDER if name in sections] + [name for name in sections if name not in ORDER]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(title.rstrip("\n") + "\n\n" + "\n\n".join(sections[name] for name in names) + "\n")
