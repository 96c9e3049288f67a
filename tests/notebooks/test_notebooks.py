"""The shipped notebooks run top to bottom against a freshly built store."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def kernel_name() -> str:
    """A kernel running this interpreter (the venv's ipykernel), registered if missing."""
    from ipykernel.kernelspec import install

    prefix = Path(sys.prefix)
    if "python3" not in KernelSpecManager().find_kernel_specs() or not str(
        KernelSpecManager().get_kernel_spec("python3").argv[0]
    ).startswith(str(prefix)):
        install(prefix=str(prefix), kernel_name="python3")
    return "python3"


def chart_cells(notebook) -> list:
    return [c for c in notebook.cells if c.cell_type == "code" and "plt.show()" in c.source]


def test_both_notebooks_ship_with_their_outputs_and_charts():
    """Committed executed, so a preview (GitHub, JupyterLab) shows tables and charts."""
    assert [p.name for p in NOTEBOOKS] == ["01_responsibility.ipynb", "02_gaps.ipynb"]
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        code = [c for c in notebook.cells if c.cell_type == "code"]
        assert all(c.get("outputs") for c in code[1:]), path.name
        assert chart_cells(notebook), path.name
        for cell in chart_cells(notebook):
            assert any("image/png" in o.get("data", {}) for o in cell.outputs), path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path, kernel_name, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANKG_NOTEBOOK_DB", str(tmp_path / "nb.lbdb"))
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook,
        kernel_name=kernel_name,
        timeout=180,
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any(o.output_type in ("execute_result", "display_data") for o in outputs)
    charts = chart_cells(notebook)
    assert charts
    for cell in charts:
        assert any("image/png" in o.get("data", {}) for o in cell.outputs), cell.source[:60]
