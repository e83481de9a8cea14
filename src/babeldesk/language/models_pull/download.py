"""Download one model repository from a Hugging Face hub: only the files CTranslate2 reads, each
checked against the checksum the hub publishes, resumable, and installed by one rename.

The hub's documented layout: ``GET /api/models/OWNER/NAME/tree/REVISION`` lists files with their
size, their git blob id (``oid``) and, for large files kept in LFS, ``lfs.oid``, the SHA-256 of the
content; ``GET /OWNER/NAME/resolve/REVISION/PATH`` serves a file (after a redirect) and honours
``Range``. A pull writes into ``models/.NAME.partial/``; a pull that stops (network, Ctrl-C) leaves
what it had there and the next one carries on from it.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from babeldesk.language.models_pull.catalogue import MANIFEST

# What translate/ctranslate2_local.py reads, and the model card (origin and licence).
WANTED = frozenset(
    {
        "model.bin",
        "config.json",
        "shared_vocabulary.json",
        "shared_vocabulary.txt",
        "source_vocabulary.json",
        "source_vocabulary.txt",
        "target_vocabulary.json",
        "target_vocabulary.txt",
        "source.spm",
        "target.spm",
        "sentencepiece.bpe.model",
        "spm.model",
        "sentencepiece.model",
        "tokenizer.model",
        "README.md",
    }
)
_REPO = re.compile(r"[A-Za-z0-9][\w.-]*/[\w.-]+")
_CHUNK = 1 << 20
TIMEOUT = httpx.Timeout(30.0, connect=10.0)

# (file name, bytes so far, bytes in all): called as a download goes
Progress = Callable[[str, int, int], None]


class PullError(Exception):
    """A pull that cannot go on; what was downloaded so far is kept for the next try."""


@dataclass(frozen=True)
class RemoteFile:
    path: str
    size: int
    sha256: str | None  # LFS files: SHA-256 of the content
    blob_id: str | None  # other files: git's blob id, SHA-1 of "blob SIZE\0" + content


def pull(
    repo: str,
    target: Path,
    *,
    hub: str,
    revision: str = "main",
    force: bool = False,
    progress: Progress | None = None,
    client: httpx.Client | None = None,
) -> Path:
    """Download `repo` into the directory `target` (which must not exist unless `force`)."""
    if not _REPO.fullmatch(repo) or ".." in repo:
        raise PullError(f"{repo!r} is not a repository name (OWNER/NAME)")
    partial = target.parent / f".{target.name}.partial"
    target.parent.mkdir(parents=True, exist_ok=True)
    with _locked(target.parent / f".{target.name}.lock"), _client(client) as http:
        if target.exists() and not force:
            raise PullError(f"{target} is installed already; --force replaces it")
        files = list_files(http, hub, repo, revision)
        partial.mkdir(exist_ok=True)
        for remote in files:
            url = f"{hub.rstrip('/')}/{repo}/resolve/{revision}/{remote.path}"
            _fetch(http, url, partial / remote.path, remote, progress)
        manifest = {"repo": repo, "revision": revision, "hub": hub, "files": [f.__dict__ for f in files]}
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        _install(partial, target)
    return target


def list_files(http: httpx.Client, hub: str, repo: str, revision: str) -> list[RemoteFile]:
    url = f"{hub.rstrip('/')}/api/models/{repo}/tree/{revision}"
    response = _get(http, url)
    if response.status_code in (401, 404):
        raise PullError(f"{repo} (revision {revision}) was not found on {hub}")
    _check(response, url)
    try:
        entries = response.json()
        files = [_remote_file(e) for e in entries if e.get("type") == "file" and e.get("path") in WANTED]
    except (ValueError, AttributeError, KeyError, TypeError) as exc:
        raise PullError(f"{url} did not answer with a file list: {exc}") from None
    if "model.bin" not in {f.path for f in files}:
        raise PullError(f"{repo} holds no model.bin: it is not a model converted for CTranslate2")
    return files


def _remote_file(entry: dict[str, Any]) -> RemoteFile:
    lfs = entry.get("lfs") or {}
    sha256 = lfs.get("oid") or lfs.get("sha256")
    return RemoteFile(
        path=str(entry["path"]),
        size=int(lfs.get("size", entry["size"])),
        sha256=str(sha256) if sha256 else None,
        blob_id=None if sha256 else (str(entry["oid"]) if entry.get("oid") else None),
    )


def _fetch(http: httpx.Client, url: str, part: Path, remote: RemoteFile, progress: Progress | None) -> None:
    have = part.stat().st_size if part.exists() else 0
    if have > remote.size:
        part.unlink()
        have = 0
    if have < remote.size:
        headers = {"Range": f"bytes={have}-"} if have else {}
        try:
            with http.stream("GET", url, headers=headers, follow_redirects=True) as response:
                _check(response, url)
                if response.status_code != 206:
                    have = 0  # the server sent the whole file: start again
                with part.open("ab" if have else "wb") as out:
                    for chunk in response.iter_bytes():  # as it arrives: a cut keeps all it had
                        have += len(chunk)
                        if have > remote.size:
                            raise PullError(f"{remote.path}: the server sent more than {remote.size} bytes")
                        out.write(chunk)
                        if progress:
                            progress(remote.path, have, remote.size)
        except httpx.HTTPError as exc:
            raise PullError(f"{remote.path}: download interrupted ({exc}); pull again to resume") from None
    if have != remote.size:
        raise PullError(f"{remote.path}: got {have} of {remote.size} bytes; pull again to resume")
    _verify(part, remote)


def _verify(path: Path, remote: RemoteFile) -> None:
    if remote.sha256:
        digest, expected = hashlib.sha256(), remote.sha256
    elif remote.blob_id:
        digest = hashlib.sha1(f"blob {remote.size}\0".encode(), usedforsecurity=False)
        expected = remote.blob_id
    else:
        return
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    if digest.hexdigest() != expected:
        path.unlink()  # a corrupt file cannot be resumed, only fetched again
        raise PullError(f"{remote.path}: checksum mismatch (expected {expected}); it was removed")


def _install(partial: Path, target: Path) -> None:
    """Put the finished download in place by renames, so the engine never sees half a model."""
    old = target.parent / f".{target.name}.old"
    if target.exists():
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
    os.replace(partial, target)
    shutil.rmtree(old, ignore_errors=True)


def _get(http: httpx.Client, url: str) -> httpx.Response:
    try:
        return http.get(url, follow_redirects=True)
    except httpx.HTTPError as exc:
        raise PullError(f"could not reach {url}: {exc}") from None


def _check(response: httpx.Response, url: str) -> None:
    if response.status_code not in (200, 206):
        raise PullError(f"{url} answered HTTP {response.status_code}")


@contextmanager
def _client(client: httpx.Client | None) -> Iterator[httpx.Client]:
    if client is not None:
        yield client
        return
    with httpx.Client(timeout=TIMEOUT, headers={"user-agent": "babeldesk-models-pull"}) as made:
        yield made


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PullError(f"another pull into {path.parent} of this model is running") from None
        yield
