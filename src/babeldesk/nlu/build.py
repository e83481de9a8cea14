"""Rebuild the shipped understanding model after the examples in ``nlu/data/`` change:

    .venv/bin/python -m babeldesk.nlu.build

Vectors of earlier builds are kept under the data directory (``var/nlu-build/``), so a rebuild embeds
only new or changed examples; a first build takes a few minutes on two cores.
"""

from __future__ import annotations

import logging
import sys

from babeldesk.nlu.model import MODEL_PATH, build, save
from babeldesk.settings import get_settings

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    save(build(get_settings().data_dir / "nlu-build"))
    print(f"wrote {MODEL_PATH}", file=sys.stderr)
