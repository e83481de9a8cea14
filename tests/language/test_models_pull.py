"""``babeldesk models pull`` against a hub on 127.0.0.1 that this test runs: it serves a tiny model
built here the way the hub does (file list with checksums, redirects, ranges), and can cut a
download short or corrupt a file."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from babeldesk.cli import main
from babeldesk.language.models_pull import render_list
from babeldesk.language.models_pull.catalogue import MANIFEST
from babeldesk.language.models_pull.download import PullError, pull
from babeldesk.language.translate.ctranslate2_local import CTranslate2Translator
from babeldesk.settings import get_settings
from tests.language.fake_providers import build_tiny_model

REPO = "test-owner/opus-mt-en-es-ct2"
# Files a converted repository also holds that the engine never reads.
EXTRA = {"vocab.json": b'{"a": 1}', "pytorch_model.bin": b"\0" * 64}


class Hub:
    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.cut_after: dict[str, int] = {}  # file → bytes to send before dropping the connection
        self.corrupt: set[str] = set()
        self.ranges: list[tuple[str, str | None]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def listing(self) -> list[dict[str, Any]]:
        entries = []
        for name, data in self.files.items():
            entry: dict[str, Any] = {"type": "file", "path": name, "size": len(data)}
            entry["oid"] = hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()
            if name.endswith((".bin", ".spm")):  # the hub keeps binaries in LFS
                sha256 = hashlib.sha256(data).hexdigest()
                entry["lfs"] = {"oid": sha256, "size": len(data), "pointerSize": 130}
            entries.append(entry)
        return [{"type": "directory", "path": "onnx", "size": 0, "oid": "0" * 40}, *entries]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                if self.path == f"/api/models/{REPO}/tree/main":
                    return self._send(200, json.dumps(hub.listing()).encode())
                resolve = f"/{REPO}/resolve/main/"
                if self.path.startswith(resolve):
                    self.send_response(302)
                    self.send_header("Location", "/cdn/" + self.path[len(resolve) :])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return None
                name = self.path.removeprefix("/cdn/")
                if self.path.startswith("/cdn/") and name in hub.files:
                    return self._file(name)
                return self._send(404, b'{"error": "Repository not found"}')

            def _file(self, name: str) -> None:
                data = hub.files[name]
                if name in hub.corrupt:
                    data = bytes(len(data))
                header = self.headers.get("Range")
                hub.ranges.append((name, header))
                start = int(header.removeprefix("bytes=").rstrip("-")) if header else 0
                body = data[start:]
                self.send_response(206 if header else 200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                cut = hub.cut_after.pop(name, None)
                self.wfile.write(body if cut is None else body[:cut])
                if cut is not None:
                    self.wfile.flush()
                    self.close_connection = True

            def _send(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


@pytest.fixture(scope="module")
def model_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    built = build_tiny_model(tmp_path_factory.mktemp("built") / "m", family="opus-mt")
    return {p.name: p.read_bytes() for p in sorted(built.iterdir())} | EXTRA


@pytest.fixture
def hub(model_files: dict[str, bytes]) -> Iterator[Hub]:
    running = Hub(dict(model_files))
    thread = threading.Thread(target=running.server.serve_forever, daemon=True)
    thread.start()
    yield running
    running.server.shutdown()
    running.server.server_close()


async def test_a_pulled_model_is_installed_checked_and_translates(hub: Hub, tmp_path: Path) -> None:
    target = tmp_path / "models" / "opus-mt-en-es"
    seen: list[tuple[str, int, int]] = []
    pull(REPO, target, hub=hub.url, progress=lambda *step: seen.append(step))
    assert {p.name for p in target.iterdir()} == {*hub.files} - set(EXTRA) | {MANIFEST}
    assert (target / "model.bin").read_bytes() == hub.files["model.bin"]
    assert seen[-1][1] == seen[-1][2] and {s[0] for s in seen} >= {"model.bin", "source.spm"}
    manifest = json.loads((target / MANIFEST).read_text())
    assert manifest["repo"] == REPO and len(manifest["files"]) == len(hub.files) - len(EXTRA)
    engine = CTranslate2Translator(target, source="en", target="es")
    assert len(await engine.translate(["where is my order"], source="en", target="es")) == 1
    assert f"opus-mt-en-es {' ' * 10}" in render_list(tmp_path)
    assert REPO in render_list(tmp_path)
    assert not list((tmp_path / "models").glob(".opus-mt-en-es.partial"))


def test_an_interrupted_pull_resumes_where_it_stopped(hub: Hub, tmp_path: Path) -> None:
    target = tmp_path / "models" / "tiny"
    hub.cut_after["model.bin"] = 1000
    with pytest.raises(PullError, match="pull again to resume"):
        pull(REPO, target, hub=hub.url)
    assert not target.exists()  # nothing half-made where the engine would look
    partial = tmp_path / "models" / ".tiny.partial" / "model.bin"
    assert partial.stat().st_size == 1000
    pull(REPO, target, hub=hub.url)
    assert ("model.bin", "bytes=1000-") in hub.ranges
    assert (target / "model.bin").read_bytes() == hub.files["model.bin"]


def test_a_file_that_fails_its_checksum_is_removed_and_nothing_installed(hub: Hub, tmp_path: Path) -> None:
    target = tmp_path / "models" / "tiny"
    hub.corrupt.add("source.spm")
    with pytest.raises(PullError, match=r"source\.spm: checksum mismatch"):
        pull(REPO, target, hub=hub.url)
    assert not target.exists()
    assert not (tmp_path / "models" / ".tiny.partial" / "source.spm").exists()
    hub.corrupt.clear()
    hub.files["config.json"] = hub.files["config.json"] + b" "  # a small file, checked by its git id
    pull(REPO, target, hub=hub.url)
    assert (target / "config.json").read_bytes().endswith(b" ")


def test_an_installed_model_is_replaced_only_when_asked(hub: Hub, tmp_path: Path) -> None:
    target = tmp_path / "models" / "tiny"
    pull(REPO, target, hub=hub.url)
    (target / "model.bin").write_bytes(b"stale")
    with pytest.raises(PullError, match="installed already"):
        pull(REPO, target, hub=hub.url)
    pull(REPO, target, hub=hub.url, force=True)
    assert (target / "model.bin").read_bytes() == hub.files["model.bin"]
    assert sorted(p.name for p in target.parent.iterdir()) == [".tiny.lock", "tiny"]


def test_bad_names_missing_repositories_and_non_models_are_refused(hub: Hub, tmp_path: Path) -> None:
    target = tmp_path / "models" / "x"
    with pytest.raises(PullError, match="not a repository name"):
        pull("../etc", target, hub=hub.url)
    with pytest.raises(PullError, match="not found"):
        pull("someone/missing", target, hub=hub.url)
    del hub.files["model.bin"]
    with pytest.raises(PullError, match=r"no model\.bin"):
        pull(REPO, target, hub=hub.url)
    with pytest.raises(PullError, match="could not reach"):
        pull(REPO, target, hub="http://127.0.0.1:9")


def test_the_command_pulls_and_lists(
    hub: Hub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BABELDESK_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()

    def babeldesk(*args: str) -> tuple[int, str, str]:
        code = main(["models", *args])
        out, err = capsys.readouterr()
        return code, out, err

    try:
        code, out, err = babeldesk("pull", "my-en-es", "--repo", REPO, "--hub", hub.url)
        assert code == 0, err
        assert "model.bin" in err and "100%" in err
        assert '"kind": "ctranslate2"' in out
        code, out, _ = babeldesk("list")
        assert "my-en-es" in out and REPO in out and "nllb" in out
        code, _, err = babeldesk("pull", "no-such-model", "--hub", hub.url)
        assert code == 2 and "unknown model" in err
        code, _, err = babeldesk("pull", "my-en-es", "--repo", REPO, "--hub", hub.url)
        assert code == 1 and "--force" in err
    finally:
        get_settings.cache_clear()
