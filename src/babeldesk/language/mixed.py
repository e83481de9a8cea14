"""Where a message switches language: segmentation of its words between a main and a second language.

A code switch shows as a run of words that the main language finds unlikely and another language
finds likely ("Ich brauche einen refund für meine Bestellung"). Words the main language knows well
are not evidence of a switch even when another language uses them more ("nie" is German and Polish).
Entering the other language costs a fixed amount of evidence, so a lone ambiguous word does not
make a message mixed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from babeldesk.language.models import FloatArray

# Evidence (in nats) that a run of words must bring to count as a switch into another language.
SWITCH_COST = 2.5
# Words the main language knows at least this well (per token) lose part of their weight as evidence.
KNOWN = math.log(1e-6)
KNOWN_DISCOUNT = 0.35
TRIED = 3


@dataclass(frozen=True)
class Switch:
    language: int  # column of the other language
    runs: tuple[tuple[int, int], ...]  # word index ranges [first, last) in the other language
    evidence: float


def find_switch(
    emissions: FloatArray, main: int, others: Sequence[int], cost: Sequence[float]
) -> Switch | None:
    """The other language (by column) whose runs of words best beat the main one, if any does.

    `emissions` holds log-probabilities (word × language); `cost[k]` is the extra evidence required
    to switch into `others[k]` (less likely partners must bring more).
    """
    base = emissions[:, main]
    discount = KNOWN_DISCOUNT * np.maximum(0.0, base - KNOWN)
    gains = emissions[:, others] - (base + discount)[:, None]
    enter = SWITCH_COST + np.asarray(cost)
    # a language whose words together cannot pay the entry cost needs no segmentation; of the others,
    # the few with the most evidence are tried
    headroom = np.maximum(gains, 0.0).sum(axis=0) - enter
    possible = [k for k in np.argsort(-headroom)[:TRIED].tolist() if headroom[k] > 0]
    best: Switch | None = None
    for k in possible:
        runs, evidence = _runs(gains[:, k], float(enter[k]))
        other = others[k]
        if runs and (best is None or evidence > best.evidence):
            best = Switch(other, runs, evidence)
    return best


def _runs(gain: FloatArray, enter: float) -> tuple[tuple[tuple[int, int], ...], float]:
    """Best main/other labelling of the words (two-state Viterbi) and how much it beats "all main".

    Staying in either language is free, each word in the other language adds its gain, and each entry
    into the other language costs `enter`.
    """
    in_main, in_other = 0.0, -math.inf
    main_from_other: list[bool] = []
    other_from_main: list[bool] = []
    for g in gain.tolist():
        main_from_other.append(in_other > in_main)
        other_from_main.append(in_main - enter > in_other)
        in_main, in_other = max(in_main, in_other), max(in_other, in_main - enter) + g
    other = in_other > in_main
    labels: list[bool] = []
    for i in range(len(gain) - 1, -1, -1):
        labels.append(other)
        other = other_from_main[i] is False if other else main_from_other[i]
    labels.reverse()
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for i, is_other in enumerate([*labels, False]):
        if is_other and start is None:
            start = i
        elif not is_other and start is not None:
            runs.append((start, i))
            start = None
    return tuple(runs), max(in_main, in_other)
