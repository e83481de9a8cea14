"""Translation models that `babeldesk models pull NAME` knows where to find, already converted for
CTranslate2, and what is installed under the data directory.

Each source is a public Hugging Face model repository holding what ``ct2-transformers-converter``
writes plus the original SentencePiece model(s): the files `translate/ctranslate2_local.py` reads.
Any other such repository can be pulled with ``--repo OWNER/NAME``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

# Written beside the model files once a pull is complete and checked.
MANIFEST = "babeldesk-model.json"


@dataclass(frozen=True)
class Source:
    name: str  # what `pull` takes, and the directory's name under models/
    repo: str  # OWNER/NAME on the hub
    family: str  # "opus-mt", "nllb" or "m2m100", as ctranslate2_local names them
    size: str  # roughly, so nobody starts a 1 GB download by surprise
    licence: str
    revision: str = "main"


def _opus(source: str, target: str, repo: str | None = None) -> Source:
    name = f"opus-mt-{source}-{target}"
    return Source(name, repo or f"gaudi/{name}-ctranslate2", "opus-mt", "~150 MB", "cc-by-4.0")


CATALOGUE: dict[str, Source] = {
    source.name: source
    for source in (
        _opus("en", "de", "michaelfeil/ct2fast-opus-mt-en-de"),
        _opus("de", "en"),
        _opus("en", "es"),
        _opus("es", "en"),
        _opus("en", "fr"),
        _opus("fr", "en"),
        _opus("en", "nl"),
        _opus("nl", "en"),
        _opus("en", "it"),
        _opus("it", "en"),
        _opus("en", "zh"),
        _opus("zh", "en"),
        _opus("ja", "en"),
        _opus("ko", "en"),
        _opus("en", "id"),
        _opus("id", "en"),
        Source("m2m100-418m", "michaelfeil/ct2fast-m2m100_418M", "m2m100", "~1 GB", "mit"),
        Source(
            "nllb-200-distilled-600m-int8",
            "skywood/nllb-200-distilled-600M-ct2-int8",
            "nllb",
            "~630 MB",
            "cc-by-nc-4.0 (non-commercial use only)",
        ),
    )
}


@dataclass(frozen=True)
class Installed:
    name: str
    path: Path
    size_bytes: int
    repo: str | None  # None for a directory put there by hand


def models_dir(data_dir: Path) -> Path:
    return data_dir / "models"


def installed(data_dir: Path) -> list[Installed]:
    """Model directories under data_dir/models, pulled or copied there by hand; unfinished pulls
    (hidden ``.NAME.partial`` directories) are not models yet."""
    root = models_dir(data_dir)
    if not root.is_dir():
        return []
    found = []
    for path in sorted(root.iterdir()):
        if path.name.startswith(".") or not (path / "model.bin").is_file():
            continue
        size = sum(f.stat().st_size for f in path.iterdir() if f.is_file())
        found.append(Installed(path.name, path, size, _manifest_repo(path)))
    return found


def _manifest_repo(path: Path) -> str | None:
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    repo = manifest.get("repo") if isinstance(manifest, dict) else None
    return repo if isinstance(repo, str) else None
