"""``babeldesk eval TASK``: each task is a module here with ``HELP``, ``add_arguments`` and ``run``."""

from __future__ import annotations

import argparse
import importlib
from typing import Any, Protocol, cast

# Modules under babeldesk.eval, one per task; the task's name is the module's name.
TASKS = ("langid", "mixed", "translate", "intent", "sentiment", "anger", "retrieval", "dialogues")


class Task(Protocol):
    HELP: str

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> dict[str, Any]: ...


def load(name: str) -> Task:
    return cast(Task, importlib.import_module(f"babeldesk.eval.{name}"))


def add_eval_command(commands: Any) -> None:
    """Register ``eval`` and its tasks on the ``babeldesk`` command's subparsers."""
    evaluate = commands.add_parser("eval", help="measure quality on a data set (last line: JSON figures)")
    tasks = evaluate.add_subparsers(dest="task", required=True, metavar="TASK")
    for name in TASKS:
        try:
            task = load(name)
        except ModuleNotFoundError as exc:
            if exc.name != f"babeldesk.eval.{name}":
                raise
            continue
        parser = tasks.add_parser(name, help=task.HELP)
        task.add_arguments(parser)


def run_eval(args: argparse.Namespace) -> int:
    load(args.task).run(args)
    return 0
