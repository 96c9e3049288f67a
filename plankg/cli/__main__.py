"""`python -m plankg.cli`: the same app as the `plankg` console script."""

from plankg.cli import app

app(prog_name="plankg")
