"""Execute the shipped notebooks in place against a fresh store, so they are committed with their
outputs (charts included) and a preview shows them: ``python scripts/run_notebooks.py``."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def main() -> None:
    for path in NOTEBOOKS:
        with tempfile.TemporaryDirectory() as folder:
            os.environ["PLANKG_NOTEBOOK_DB"] = str(Path(folder) / "nb.lbdb")
            notebook = nbformat.read(path, as_version=4)
            NotebookClient(
                notebook,
                kernel_name="python3",
                timeout=300,
                resources={"metadata": {"path": folder}},
            ).execute()
            nbformat.write(notebook, path)
            print(f"ran {path.name}", file=sys.stderr)


if __name__ == "__main__":
    main()
