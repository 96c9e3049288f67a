"""The `plankg` command line: thin commands over `plankg.ingest`, `plankg.writes`,
`plankg.analysis` and `plankg.outputs`.

Each command module registers its commands on the one Typer app. Errors from the library
(PlankgError) become one line on stderr and the error's exit code; nothing else is caught.
"""

from __future__ import annotations

from plankg.cli import bench, core, enterprises, export, ledger, plans, query, serve, views
from plankg.cli.common import app

for _module in (core, query, plans, export, views, serve, enterprises, ledger, bench):
    _module.register(app)

__all__ = ["app"]
