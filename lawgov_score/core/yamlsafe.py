"""Safe YAML loading that remembers where every key and item came from.

PyYAML's safe loader is the right parser, but it forgets line numbers, silently keeps the last
of two duplicate keys, expands aliases without limit and reads ``1.10`` as the float 1.1.  A
rubric needs the opposite on each count, so this module composes the node graph with the
safe loader and builds the Python values itself:

* mappings become ``LDict`` and sequences ``LList``, which carry the line of every key/item;
* a duplicate key is a problem (E-YAML-DUPKEY), not a silent overwrite;
* only the plain-data tags are accepted (E-YAML-TAG for ``!!python/object`` and friends);
* alias expansion has a node budget (E-YAML-ALIAS), so an alias bomb fails at once; only nodes
  repeated through an alias count, so a long rubric written out in full (45,000 items) is no bomb;
* a referenced file must be a regular file within the size cap: a device (``/dev/zero``) or a
  FIFO is refused before it is opened, and no more than the cap is ever read;
* mapping keys, and the values of keys listed in ``RAW_KEYS``, keep their source text.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, problem, said

# Values that are identifiers, never numbers: `id: 1.10` must stay "1.10".
RAW_KEYS = frozenset({"id", "parent", "remove", "extends", "cap_grade", "name", "unit", "levels", "aliases"})

MAX_BYTES = 5 * 1024 * 1024  # a real rubric is ~100 KB; beyond this it is not a rubric
MAX_NODES = 200_000  # nodes repeated by alias expansion

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:timestamp",
}


Loc = tuple[str, int]  # (file shown in messages, 1-based line)


class LDict(dict):
    """A dict that knows where it and each of its keys were written.

    Locations are (path, line) pairs rather than bare lines because ``extends`` merges
    mappings from several files: an overridden key points into the overriding file.
    """

    def __init__(self, *a, loc: Loc = ("", 0), **k):
        super().__init__(*a, **k)
        self.loc: Loc = loc
        self.key_locs: dict[str, Loc] = {}

    def loc_of(self, key: str) -> Loc:
        """Where ``key`` was written (the mapping's own place for a key it lacks)."""
        return self.key_locs.get(key, self.loc)


class LList(list):
    """A list that knows where it and each of its items were written."""

    def __init__(self, *a, loc: Loc = ("", 0), **k):
        super().__init__(*a, **k)
        self.loc: Loc = loc
        self.item_locs: list[Loc] = []

    def loc_of(self, index: int) -> Loc:
        """Where item ``index`` was written (the list's own place for an index it lacks)."""
        return self.item_locs[index] if 0 <= index < len(self.item_locs) else self.loc


def shown(value: Any, limit: int = 60) -> str:
    """A value for a message, written as YAML writes it (``[1, 2]``, ``{at: 95}``), never as a
    Python class name; text stays quoted ('五分') so that a blank or a number-like text shows.
    Long values are cut at ``limit`` characters."""

    def flow(v: Any) -> str:
        if isinstance(v, dict):
            return "{" + ", ".join(f"{k}: {flow(x)}" for k, x in v.items()) + "}"
        if isinstance(v, (list, tuple)):
            return "[" + ", ".join(flow(x) for x in v) + "]"
        if v is None:
            return "null"
        if isinstance(v, bool):
            return "true" if v else "false"
        return str(getattr(v, "shown", v))  # a field-dictionary path shows as written

    text = repr(str(value)) if isinstance(value, str) and not hasattr(value, "shown") else flow(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Builder:
    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []
        self.repeated = 0  # nodes built a second time, through an alias
        self.seen: set[int] = set()
        self.scalars = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, raw: bool = False) -> Any:
        if id(node) in self.seen:
            self.repeated += 1
        else:
            self.seen.add(id(node))
        if self.repeated > MAX_NODES:
            raise _Abort(problem("E-YAML-ALIAS", self.path, node.start_mark.line + 1, limit=MAX_NODES))
        line = node.start_mark.line + 1
        if node.tag not in _PLAIN_TAGS:
            self.problems.append(
                problem("E-YAML-TAG", self.path, line, tag=node.tag.replace("tag:yaml.org,2002:", "!!"))
            )
            return None
        if isinstance(node, yaml.MappingNode):
            out = LDict(loc=(self.path, line))
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problems.append(
                        problem(
                            "E-TYPE",
                            self.path,
                            key_node.start_mark.line + 1,
                            where="YAML",
                            key="?",
                            value=said("yaml.compound_key"),
                            expected=said("yaml.key_is_text"),
                            expected_en=said("yaml.key_is_text"),
                        )
                    )
                    continue
                key = str(key_node.value)
                key_line = key_node.start_mark.line + 1
                if key in out:
                    self.problems.append(
                        problem("E-YAML-DUPKEY", self.path, key_line, key=key, first=out.key_locs[key][1])
                    )
                    continue
                out[key] = self.build(value_node, raw=key in RAW_KEYS)
                out.key_locs[key] = (self.path, key_line)
            return out
        if isinstance(node, yaml.SequenceNode):
            out = LList(loc=(self.path, line))
            for item in node.value:
                out.append(self.build(item, raw=raw))
                out.item_locs.append((self.path, item.start_mark.line + 1))
            return out
        # Scalars: raw text for identifiers, typed values for everything else.
        if raw and node.tag != "tag:yaml.org,2002:null":
            return str(node.value)
        if node.tag == "tag:yaml.org,2002:timestamp":
            return str(node.value)
        return self.scalars.construct_object(node)


class _Abort(Exception):
    def __init__(self, p: Problem):
        self.problem = p


def load_text(text: str, path: str = "") -> tuple[Any, list[Problem]]:
    """Parse YAML text; return (value, problems).  The value is None when parsing failed."""
    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        loader = loader_cls(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        last = text.count("\n") + (0 if text.endswith("\n") else 1)  # the last line of the file
        line = min(mark.line + 1, max(last, 1)) if mark is not None else None
        reason = (exc.problem or str(exc)).strip()
        if "\t" in text and "tab" in reason.lower() or (reason.startswith("found character") and "\\t" in reason):
            reason = said("yaml.tab", error=reason)
        elif mark is not None and mark.index >= len(text.rstrip()):
            reason = said("yaml.truncated", error=reason)
        return None, [problem("E-YAML", path, line, reason=reason)]
    except yaml.reader.ReaderError as exc:  # a control character or other non-text
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character or "")
        at = text.find(char) if char else -1  # (libyaml counts the position in bytes, not characters)
        if at < 0:
            return None, [problem("E-YAML", path, None, reason=str(exc).splitlines()[0])]
        return None, [
            problem(
                "E-YAML",
                path,
                text.count("\n", 0, at) + 1,
                reason=said("yaml.control", code=f"{ord(char):04X}"),
            )
        ]
    except yaml.YAMLError as exc:
        return None, [problem("E-YAML", path, None, reason=str(exc).splitlines()[0])]
    if node is None:
        return None, []
    builder = _Builder(path)
    try:
        value = builder.build(node)
    except _Abort as abort:
        return None, [abort.problem]
    except RecursionError:  # thousands of levels of nesting: no rubric is written so
        return None, [problem("E-YAML", path, None, reason=said("yaml.too_deep"))]
    return value, builder.problems


def load_file(path: str | Path, shown: str | None = None) -> tuple[Any, list[Problem]]:
    """Read and parse a YAML file; ``shown`` is the path used in messages."""
    shown = shown if shown is not None else str(path)
    p = Path(path)
    try:
        info = p.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):  # a device reads forever, a FIFO blocks on opening
            return None, [problem("E-FILE", shown, reason=said("file.not_regular"))]
        with open(p, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)  # the size stat gives may be wrong (0 for /proc files)
        if len(raw) > MAX_BYTES or info.st_size > MAX_BYTES:
            mb = max(info.st_size, len(raw)) // 1024 // 1024
            return None, [problem("E-FILE", shown, reason=said("file.too_large", mb=mb))]
    except FileNotFoundError:
        return None, [problem("E-FILE", shown, reason=said("file.missing"))]
    except IsADirectoryError:
        return None, [problem("E-FILE", shown, reason=said("file.directory"))]
    except OSError as exc:
        return None, [problem("E-FILE", shown, reason=exc.strerror or str(exc))]
    if b"\x00" in raw[:8192]:
        return None, [problem("E-FILE", shown, reason=said("file.binary_yaml"))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            return None, [problem("E-FILE", shown, reason=said("file.not_text_yaml"))]
    return load_text(text, shown)


def locate(root: Any, path: tuple) -> Loc:
    """Where the deepest element of ``path`` (a tuple of keys and indices) was written.

    Steps that do not exist are skipped rather than ending the walk, because validators add
    steps of their own (a discriminated union puts the rule type into the path)."""
    best: Loc = getattr(root, "loc", ("", 0))
    cur = root
    for step in path:
        if isinstance(cur, LDict) and isinstance(step, str) and step in cur:
            best = cur.loc_of(step)
            cur = cur[step]
        elif isinstance(cur, LList) and isinstance(step, int) and 0 <= step < len(cur):
            best = cur.loc_of(step)
            cur = cur[step]
    return best
