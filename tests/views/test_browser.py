"""A view served by a real uvicorn, loaded in headless Chromium over the DevTools protocol."""

from __future__ import annotations

import base64
import io
import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from PIL import Image

from plankg.api.routes import views as view_routes
from plankg.outputs import view_graph

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"

pytestmark = pytest.mark.browser
if CHROMIUM is None:
    if os.environ.get("PLANKG_REQUIRE_BROWSER") == "1":
        raise RuntimeError("PLANKG_REQUIRE_BROWSER=1 but no chromium on PATH")
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(sample_store):
    app = FastAPI()
    app.state.store = sample_store
    app.include_router(view_routes.router)
    port = free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.time() + 15
    while not uv.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(10)


@pytest.fixture
def browser(tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--remote-debugging-port={port}",
            "--window-size=1200,800",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 20
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=1) as r:
                pages = [t for t in json.load(r) if t["type"] == "page"]
            if pages:
                break
        except OSError:
            pass
        if time.time() > deadline:
            process.kill()
            pytest.fail("chromium did not open its DevTools port")
        time.sleep(0.2)
    yield pages[0]["webSocketDebuggerUrl"]
    process.terminate()
    process.wait(10)


class Cdp:
    """The few DevTools calls the test needs, and every console/exception event seen."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.next_id = 0
        self.events: list[dict] = []

    def call(self, method: str, **params) -> dict:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv(timeout=30))
            if message.get("id") == self.next_id:
                assert "error" not in message, message
                return message["result"]
            self.events.append(message)

    def evaluate(self, expression: str):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)[
            "result"
        ].get("value")

    def errors(self) -> list[dict]:
        return [
            e
            for e in self.events
            if e.get("method") == "Runtime.exceptionThrown"
            or (
                e.get("method") == "Runtime.consoleAPICalled"
                and e["params"]["type"] in ("error", "assert")
            )
            or (e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")
        ]


def test_chain_view_renders_in_chromium(server, browser, sample_store):
    from websockets.sync.client import connect

    expected, _ = view_graph(sample_store, "chain", "Nonferrous")
    with connect(browser, max_size=None) as ws:
        cdp = Cdp(ws)
        for domain in ("Runtime", "Log", "Page"):
            cdp.call(f"{domain}.enable")
        cdp.call("Page.navigate", url=f"{server}/views/chains/Nonferrous")
        deadline = time.time() + 30
        while cdp.evaluate("document.body && document.body.dataset.stabilized") != "true":
            assert time.time() < deadline, "the network never stabilised"
            time.sleep(0.2)
        assert cdp.evaluate("window.plankgView.nodes.length") == expected.number_of_nodes()
        assert cdp.evaluate("window.plankgView.network.physics.options.enabled") is False
        png = base64.b64decode(cdp.call("Page.captureScreenshot", format="png")["data"])
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / "chain_nonferrous.png"
        path.write_bytes(png)
        print(f"screenshot: {path}")
        image = Image.open(io.BytesIO(png)).convert("RGB")
        colours = image.getcolors(maxcolors=1 << 20)
        non_white = sum(n for n, rgb in colours if rgb != (255, 255, 255))
        assert len(colours) > 20 and non_white > 0.01 * image.width * image.height
        assert cdp.errors() == []
