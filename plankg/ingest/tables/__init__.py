"""Task-division tables (重点任务分工表): detection, columns, rows and owner cells.

- :mod:`~plankg.ingest.tables.flat` rebuilds a table a web page flattened to one cell per line
  into row lines, before the reader joins lines into paragraphs;
- :mod:`~plankg.ingest.tables.spans` lays HTML merged cells (rowspan/colspan) out on the grid;
- :mod:`~plankg.ingest.tables.cells` splits a row paragraph into cells with offsets;
- :mod:`~plankg.ingest.tables.columns` infers the column each header cell names;
- :mod:`~plankg.ingest.tables.detect` finds where each table starts and ends, and its title;
- :mod:`~plankg.ingest.tables.rows` rebuilds grouping rows and task rows into Sections and
  Tasks (merged cells carried down, repeated headers skipped, annex codes ``A1.3``);
- :mod:`~plankg.ingest.tables.owner_cells` reads the owner columns into owners with roles.
"""

from plankg.ingest.tables.cells import Cell, split_cells
from plankg.ingest.tables.columns import column_kind, header_columns
from plankg.ingest.tables.detect import TableBlock, find_tables
from plankg.ingest.tables.owner_cells import table_owners
from plankg.ingest.tables.rows import TableOutline, TableRow, parse_table

__all__ = [
    "Cell",
    "TableBlock",
    "TableOutline",
    "TableRow",
    "column_kind",
    "find_tables",
    "header_columns",
    "parse_table",
    "split_cells",
    "table_owners",
]
