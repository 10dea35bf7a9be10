"""`rubric show`: the items of a rubric, down to a depth, with what the JSON form says of each."""

from __future__ import annotations

from dataclasses import dataclass, field

from .compiled import Item, Rubric


@dataclass
class RubricTree:
    """A loaded rubric and the items shown of it (every item, or those down to ``depth``)."""

    rubric: Rubric
    depth: int | None = None
    items: list[Item] = field(init=False)
    warnings: list = field(default_factory=list)
    exit_code: int = 0

    def __post_init__(self) -> None:
        self.items = [it for it in self.rubric.items.values() if self.depth is None or it.level <= self.depth]

    @property
    def counts(self) -> dict[str, int]:
        """How many dimensions (first-level items), groups between them and the leaves, and leaves."""
        counted = [it for it in self.rubric.items.values() if not it.additional]  # 附加项 are counted apart
        leaves = sum(1 for it in counted if it.is_leaf)
        dims = sum(1 for i in self.rubric.roots if not self.rubric.items[i].additional)
        return {"dims": dims, "groups": len(counted) - leaves - dims, "leaves": leaves}

    def records(self, lang: str = "zh") -> list[dict]:
        """What `rubric show -f json` prints: id, name, level, parent, max and the rule as written."""
        return [
            {
                "id": it.id,
                "name": it.name,
                "level": it.level,
                "parent": it.parent,
                "max": float(it.max),
                "rule": it.rule.model_dump(by_alias=True, exclude_defaults=False) if it.rule is not None else None,
                "wording": it.wording,
                "assessed_by": list(it.assessed_by),
                "additional": it.additional,
                "content": it.content,
            }
            for it in self.items
        ]
