"""``babeldesk models``: download translation models converted for CTranslate2, list what is there.

Only this command touches the network; nothing at run time downloads a model.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from babeldesk.language.models_pull.catalogue import CATALOGUE, installed, models_dir
from babeldesk.language.models_pull.download import Progress, PullError, pull
from babeldesk.settings import Settings

DEFAULT_HUB = "https://huggingface.co"

__all__ = ["add_models_command", "cmd_models"]


def add_models_command(commands: Any) -> None:
    """Register ``models pull`` and ``models list`` on the ``babeldesk`` command's subparsers."""
    models = commands.add_parser("models", help="download translation models; list installed ones")
    actions = models.add_subparsers(dest="models_action", required=True, metavar="ACTION")
    get = actions.add_parser("pull", help="download a model converted for CTranslate2 into the data dir")
    get.add_argument("name", help="a name from `babeldesk models list`, or any name with --repo")
    get.add_argument("--repo", default=None, help="OWNER/NAME of another converted model repository")
    get.add_argument("--revision", default=None, help="branch, tag or commit (default: main)")
    get.add_argument("--force", action="store_true", help="replace an installed model of that name")
    get.add_argument(
        "--hub",
        default=os.environ.get("BABELDESK_MODELS_HUB", DEFAULT_HUB),
        help="the hub to download from (env BABELDESK_MODELS_HUB; a mirror works too)",
    )
    actions.add_parser("list", help="installed models, and the ones `pull` knows")


def cmd_models(settings: Settings, args: argparse.Namespace) -> int:
    if args.models_action == "list":
        print(render_list(settings.data_dir))
        return 0
    return _pull(settings, args)


def _pull(settings: Settings, args: argparse.Namespace) -> int:
    source = CATALOGUE.get(args.name)
    repo = args.repo or (source.repo if source else None)
    if repo is None:
        print(f"unknown model {args.name!r}: see `babeldesk models list`, or give --repo", file=sys.stderr)
        return 2
    if "/" in args.name or args.name.startswith("."):
        print(f"{args.name!r} cannot name a directory: pick a plain name", file=sys.stderr)
        return 2
    target = models_dir(settings.data_dir) / args.name
    revision = args.revision or (source.revision if source else "main")
    print(f"pulling {repo} ({revision}) from {args.hub} into {target}", file=sys.stderr)
    try:
        pull(repo, target, hub=args.hub, revision=revision, force=args.force, progress=progress_bar())
    except PullError as exc:
        print(f"\nmodels pull: {exc}", file=sys.stderr)
        return 1
    print(f"\ninstalled {target}")
    engine = {"kind": "ctranslate2", "path": str(target.resolve())}
    print(f"use it in a workspace's translation engines: {json.dumps(engine)}")
    return 0


def render_list(data_dir: Path) -> str:
    have = installed(data_dir)
    lines = [f"installed in {models_dir(data_dir)}:"]
    lines += [f"  {m.name:32} {m.size_bytes / 1e6:9.1f} MB  {m.repo or '(copied by hand)'}" for m in have]
    if not have:
        lines.append("  (none)")
    names = {m.name for m in have}
    lines.append("can be pulled (`babeldesk models pull NAME`):")
    for s in CATALOGUE.values():
        mark = "  [installed]" if s.name in names else ""
        lines.append(f"  {s.name:32} {s.family:8} {s.size:>8}  {s.repo}  licence {s.licence}{mark}")
    return "\n".join(lines)


def progress_bar(stream: TextIO | None = None, every_s: float = 0.2) -> Progress:
    """One line per file, redrawn in place at most every `every_s` seconds."""
    out = stream or sys.stderr
    last = {"at": 0.0}

    def show(name: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - last["at"] < every_s:
            return
        last["at"] = now
        share = done / total if total else 1.0
        bar = "#" * int(share * 30)
        out.write(f"\r{name:28.28} [{bar:30}] {share:4.0%} {done / 1e6:8.1f}/{total / 1e6:.1f} MB")
        if done >= total:
            out.write("\n")
        out.flush()

    return show
