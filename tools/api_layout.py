"""Layout helpers of the generator (tools/gen_api.py): lines as ruff formats them, so
that the generated source needs no formatter to pass its check."""

from __future__ import annotations

LINE_LENGTH = 100  # as in pyproject.toml's [tool.ruff]
INDENT = "    "


def call(head: str, arguments: list[str], indent: str, tail: str = "") -> list[str]:
    """``head(arg, ...)tail`` on one line, or one argument a line where it is too long."""
    line = f"{indent}{head}({', '.join(arguments)}){tail}"
    if len(line) <= LINE_LENGTH:
        return [line]
    inner = indent + INDENT
    return [f"{indent}{head}(", *(f"{inner}{a}," for a in arguments), f"{indent}){tail}"]


def dictionary(items: list[tuple[str, str]]) -> str:
    return "{" + ", ".join(f'"{key}": {value}' for key, value in items) + "}"


def packed(positional: list[str], star: str | None) -> str:
    """The positional arguments as a tuple expression."""
    if star and not positional:
        return star  # already a tuple
    parts = [*positional, f"*{star}"] if star else positional
    if not parts:
        return "()"
    return f"({parts[0]},)" if len(parts) == 1 else f"({', '.join(parts)})"


def docstring(text: str) -> list[str]:
    prefix = 'r"""' if "\\" in text else '"""'
    lines = text.rstrip("\n").split("\n")
    if len(lines) == 1:
        return [f'{INDENT}{prefix}{lines[0]}"""']
    body = [f"{INDENT}{prefix}{lines[0]}"]
    body += [f"{INDENT}{line}" if line.strip() else "" for line in lines[1:]]
    return [*body, f'{INDENT}"""']


def split_parameters(parameters: str) -> list[str]:
    """Split ``"a: int, b: tuple[int, ...]"`` at the commas outside brackets."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(parameters):
        if char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(parameters[start:i].strip())
            start = i + 1
    parts.append(parameters[start:].strip())
    return [part for part in parts if part]
