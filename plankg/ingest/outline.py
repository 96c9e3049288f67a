"""Outline parser: the reader's clean paragraphs -> the plan's sections and tasks.

The 公文 header and end matter are read by :mod:`~plankg.ingest.header`; the outline is the
numbered body between them. Rules:

- Markers, outer to inner: ``第一章`` ``第一节`` ``第一条`` ``一、`` ``（一）`` ``1.``/``1、`` ``（1）``
  ``①`` (see :mod:`~plankg.ingest.markers`). Plans skip kinds (``一、`` then ``1.``), so nesting
  follows the kinds actually open above a heading, never a fixed depth: ``code`` and ``level`` of
  a section or task are the path of its *written* numbers and its depth in this plan
  (``四、（一）1.`` -> ``4.1.1``, level 3; ``一、1.`` -> ``1.1``, level 2; ``二、（三）`` -> ``2.3``
  when the （…） items run on across chapters).
- A marker is a heading only if its number follows its previous sibling, or, as the first child
  of a new parent, is 1 or one past the last heading of its kind (numbering that runs on across
  parents); ``第N条`` counts through the whole document. That rejects continuation lines such
  as ``2.`` inside a body, and the rejection is reported in ``Outline.warnings``.
- An enumeration inside an item's sentence (its text ends with ``：``, the first entry ``（1）…；``
  ends with a semicolon) is the item's text, not a level of the outline.
- A heading with children is a Section; its ``intro`` is its own text before the first child.
  ``Section.start``/``end`` span the heading and that intro, so
  ``intro == source.text[end - len(intro):end]``.
- A leaf heading is a Task, except at the top level: a leaf chapter (指导思想, 目标定位, 保障措施)
  is a Section unless its text carries a responsibility clause (``（…负责）``, ``牵头``,
  ``责任单位：``). If that leaves a plan with no task at all, its top-level leaves become tasks.
- A task's text runs from its marker through every following paragraph up to the next heading
  or the end matter: ``task.text == source.text[task.start:task.end]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from plankg.errors import EmptyDocument, NoOutline
from plankg.ingest.header import (
    Layout,
    first_table_paragraph,
    header_of,
    is_end_matter_at,
    layout_of,
    squeeze,
)
from plankg.ingest.markers import (
    DOCUMENT_WIDE_KINDS,
    TITLE_MAX_CHARS,
    HeadingMatch,
    MarkerKind,
    has_responsibility_clause,
    heading_marker,
)
from plankg.ingest.paragraph_view import ParagraphView
from plankg.ingest.tables import TableBlock, TableOutline, TableRow, find_tables, parse_table
from plankg.models import Paragraph, PlanHeader, Section, SourceText, Task

# An item's own text ending with a colon introduces an enumeration whose entries end with a
# semicolon: 主要包括：（1）…；（2）…。
_LIST_INTRO_END = ("：", ":")
_LIST_ENTRY_END = ("；", ";")


@dataclass
class Outline:
    header: PlanHeader
    sections: list[Section]  # non-leaf headings, with intro text
    tasks: list[Task]  # leaf numbered items (owners/targets/mentions left empty: others fill them)
    preamble: Paragraph | None  # the plan's opening text before the first heading
    warnings: list[str]
    # task code -> the cells of a task read from a task-division table (its owners are read
    # from the owner columns, not from a clause in its text)
    table_rows: dict[str, TableRow] = field(default_factory=dict)


@dataclass
class _Node:
    match: HeadingMatch
    index: int  # paragraph index of the heading
    path: tuple[int, ...]
    parent: _Node | None
    last: int = -1  # last paragraph index of the node's own text (before any child)
    children: list[_Node] = field(default_factory=list)

    @property
    def code(self) -> str:
        return ".".join(str(n) for n in self.path)


def _place(
    stack: list[_Node], m: HeadingMatch, last_number: dict[MarkerKind, int]
) -> tuple[int, frozenset[int]]:
    """Where a heading goes: (depth in the stack, the numbers it may carry to be a heading).

    The first child of a new parent is numbered 1 or, as many plans number items straight
    through their parents (（一）…（十六） across 二、…六、; 1.–45. through the whole plan),
    one past the last item of its kind under any earlier parent."""
    open_kinds = [n.match.kind for n in stack]
    if m.kind in DOCUMENT_WIDE_KINDS:
        depth = sum(1 for k in open_kinds if k < m.kind)
        return depth, frozenset({last_number.get(m.kind, 0) + 1})
    if m.kind in open_kinds:
        depth = open_kinds.index(m.kind)
        return depth, frozenset({stack[depth].match.number + 1})
    depth = sum(1 for k in open_kinds if k < m.kind)
    return depth, frozenset({1, last_number.get(m.kind, 0) + 1})


def parse_outline(source: SourceText, *, allow_unstructured: bool = False) -> Outline:
    """Header, preamble, sections and tasks of a plan, each with its exact span in source.text.

    Raises NoOutline when the text has no numbered outline, unless ``allow_unstructured``: then
    the body becomes one section holding one task, with a warning.
    """
    view = ParagraphView(source)
    tables = find_tables(source)
    layout = layout_of(view, first_table_paragraph(tables))
    header = header_of(view, layout)
    name = source.source_name or "the text"
    in_tables = {i for block in tables for i in range(block.first, block.last + 1)}
    nodes, preamble_indices, warnings = _outline_tree(view, layout.title_stop, name, in_tables)
    if not nodes and not tables:
        return _unstructured(view, layout, header, name, allow_unstructured)
    table_outline = _table_outline(source, tables, nodes)
    warnings.extend(table_outline.warnings)

    preamble = None
    if preamble_indices:
        start, end = view.lead(preamble_indices[0]), view.paragraphs[preamble_indices[-1]].end
        preamble = Paragraph(text=source.text[start:end], start=start, end=end)

    leaves = [n for n in nodes if not n.children]
    task_ids = {
        id(n)
        for n in leaves
        if n.parent is not None or has_responsibility_clause(_node_text(view, n))
    }
    if not task_ids and not table_outline.tasks:
        task_ids = {id(n) for n in leaves}
        warnings.append(
            f"{name}: no numbered item carries a responsibility clause or sits under a heading; "
            "its top-level items are loaded as tasks"
        )
    return Outline(
        header=header,
        sections=[_section(view, n) for n in nodes if id(n) not in task_ids]
        + table_outline.sections,
        tasks=[_task(view, n) for n in nodes if id(n) in task_ids] + table_outline.tasks,
        preamble=preamble,
        warnings=warnings,
        table_rows=table_outline.rows,
    )


def _table_outline(
    source: SourceText, tables: list[TableBlock], nodes: list[_Node]
) -> TableOutline:
    """Sections and tasks of every table: a lone table with no outline is the plan's body; any
    other table is an annex (``A1``, ``A2`` … by its 附件 number, else by its place)."""
    combined = TableOutline(sections=[], tasks=[], rows={}, warnings=[])
    if not nodes and len(tables) == 1:
        return parse_table(source, tables[0])
    for ordinal, block in enumerate(tables, start=1):
        part = parse_table(source, block, annex=ordinal)
        combined.sections.extend(part.sections)
        combined.tasks.extend(part.tasks)
        combined.rows.update(part.rows)
        combined.warnings.extend(part.warnings)
    return combined


def _outline_tree(
    view: ParagraphView, start: int, name: str, skipped: set[int] | frozenset[int] = frozenset()
) -> tuple[list[_Node], list[int], list[str]]:
    """Headings in document order (linked into a tree), the paragraphs before the first one,
    and warnings for markers rejected because their number is out of sequence. Paragraphs in
    ``skipped`` (tables, read on their own) belong to no heading, nor does the text after a
    table up to the next heading (a table's notes), so no item's span runs over a table."""
    nodes: list[_Node] = []
    stack: list[_Node] = []  # the open headings, outermost first
    last_number: dict[MarkerKind, int] = {}  # the last accepted heading of each kind
    before_outline: list[int] = []
    warnings: list[str] = []
    after_table = False
    inline_list: tuple[MarkerKind, int] | None = None  # kind and last number of a （1）…； list
    for i in range(start, len(view)):
        t = view.match(i)
        if not t:
            continue
        if i in skipped:
            after_table = True
            continue
        m = heading_marker(t)
        if m is not None and inline_list == (m.kind, m.number - 1):
            inline_list, m = (m.kind, m.number), None  # the list runs on inside the item
        elif m is not None:
            depth, expected = _place(stack, m, last_number)
            if m.number in expected and _opens_inline_list(view, stack, m, i, depth):
                inline_list, m = (m.kind, m.number), None
            elif m.number in expected:
                parent = stack[depth - 1] if depth else None
                node = _Node(m, i, (parent.path if parent else ()) + (m.number,), parent, last=i)
                if parent:
                    parent.children.append(node)
                del stack[depth:]
                stack.append(node)
                nodes.append(node)
                last_number[m.kind] = m.number
                after_table = False
                inline_list = None
                continue
        if after_table:
            continue
        if nodes and is_end_matter_at(view, i):
            break
        if m is not None and nodes:
            warnings.append(
                f"{name}: paragraph at offset {view.paragraphs[i].start} opens with "
                f"'{m.marker}' but the outline expects number "
                f"{' or '.join(map(str, sorted(expected)))} there; "
                "kept as text of the item before it"
            )
        if stack:
            stack[-1].last = i
        else:
            before_outline.append(i)
    return nodes, before_outline, warnings


def _opens_inline_list(
    view: ParagraphView, stack: list[_Node], m: HeadingMatch, i: int, depth: int
) -> bool:
    """``（一）…主要包括：`` then ``（1）…；`` ``（2）…。``: an enumeration inside the item's sentence
    (its intro ends with a colon, its first entry with a semicolon), not a level of the outline."""
    if not stack or depth != len(stack) or m.number != 1:
        return False
    return view.match(stack[-1].last).endswith(_LIST_INTRO_END) and view.match(i).endswith(
        _LIST_ENTRY_END
    )


def _node_span(view: ParagraphView, node: _Node) -> tuple[int, int]:
    return view.lead(node.index), view.paragraphs[node.last].end


def _node_text(view: ParagraphView, node: _Node) -> str:
    start, end = _node_span(view, node)
    return view.source.text[start:end]


def _original_title(view: ParagraphView, node: _Node) -> str:
    base = view.lead(node.index)
    return view.source.text[base + node.match.title_start : base + node.match.title_end]


def _section(view: ParagraphView, node: _Node) -> Section:
    start, end = _node_span(view, node)
    intro_start = (
        view.lead(node.index) + node.match.body_offset
        if node.match.body
        else (view.lead(node.index + 1) if node.last > node.index else end)
    )
    return Section(
        code=node.code,
        number=node.match.marker,
        title=_original_title(view, node),
        level=len(node.path),
        parent_code=node.parent.code if node.parent else None,
        intro=view.source.text[intro_start:end],
        start=start,
        end=end,
    )


def _task(view: ParagraphView, node: _Node) -> Task:
    start, end = _node_span(view, node)
    return Task(
        code=node.code,
        number=node.match.marker,
        title=_original_title(view, node),
        text=view.source.text[start:end],
        level=len(node.path),
        section_code=node.parent.code if node.parent else None,
        start=start,
        end=end,
    )


def _unstructured(
    view: ParagraphView, layout: Layout, header: PlanHeader, name: str, allowed: bool
) -> Outline:
    if not allowed:
        raise NoOutline(
            f"no recognisable outline (一、/（一）/1.) in {name}; "
            "use --allow-unstructured to load it as one section"
        )
    body = [i for i in range(layout.title_stop, len(view)) if view.match(i)]
    if not body:
        raise EmptyDocument(f"{name} has no text after its header and title")
    end_matter = next((i for i in body if is_end_matter_at(view, i)), None)
    body = [i for i in body if end_matter is None or i < end_matter] or body
    start, end = view.lead(body[0]), view.paragraphs[body[-1]].end
    first_line = view.source.text[start:end].split("\n", 1)[0]
    title = header.title or squeeze(first_line)[:TITLE_MAX_CHARS]
    section = Section(code="1", number="", title=title, level=1, start=start, end=start)
    task = Task(
        code="1.1",
        number="",
        title=title,
        text=view.source.text[start:end],
        level=2,
        section_code="1",
        start=start,
        end=end,
    )
    warning = f"{name}: no numbered outline; loaded as one section holding one task"
    return Outline(
        header=header, sections=[section], tasks=[task], preamble=None, warnings=[warning]
    )
