"""Who used the machine: CPU time of the server, this client, PostgreSQL and everything else, and
the server's memory. Linux only (``/proc``)."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

CLK_TCK = os.sysconf("SC_CLK_TCK")


def process_cpu_seconds(pid: int) -> float:
    """User plus system CPU time of one process so far (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def postgres_cpu_seconds(postmaster: int | None) -> float:
    """CPU time of one PostgreSQL server: the postmaster, its live backends, and (through the
    postmaster's reaped-children counters) the backends that already exited."""
    if postmaster is None:
        return 0.0
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(entry.name) == postmaster:
            total += sum(int(f) for f in fields[11:15]) / CLK_TCK
        elif int(fields[1]) == postmaster:
            total += (int(fields[11]) + int(fields[12])) / CLK_TCK
    return total


def machine_cpu_seconds() -> tuple[float, float]:
    """Busy and total CPU seconds of the whole machine so far, summed over CPUs."""
    ticks = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = ticks[3] + ticks[4]
    return (sum(ticks) - idle) / CLK_TCK, sum(ticks) / CLK_TCK


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


@dataclass
class CpuMeter:
    """Who used the CPUs over one interval: the server, this client, PostgreSQL, and anything else."""

    server_pid: int
    postmaster: int | None
    _marks: tuple[float, ...] = ()

    def _read(self) -> tuple[float, ...]:
        busy, _ = machine_cpu_seconds()
        server = process_cpu_seconds(self.server_pid)
        return time.perf_counter(), server, time.process_time(), postgres_cpu_seconds(self.postmaster), busy

    def start(self) -> None:
        self._marks = self._read()

    def stop(self) -> dict[str, float]:
        """Each party's use in percent of one CPU (the machine has ``os.cpu_count()`` of them)."""
        wall, server, client, postgres, busy = (b - a for a, b in zip(self._marks, self._read(), strict=True))
        shares = {
            "server_cpu_pct": round(100 * server / wall, 1),
            "client_cpu_pct": round(100 * client / wall, 1),
            "postgres_cpu_pct": round(100 * postgres / wall, 1) if self.postmaster else float("nan"),
            "machine_cpu_pct": round(100 * busy / wall, 1),
        }
        # Other processes on the machine (a neighbour's test run, say) make the figures noisy.
        used = server + client + (postgres if self.postmaster else 0)
        shares["other_cpu_pct"] = round(100 * max(0.0, busy - used) / wall, 1)
        return shares


def noise_warning(other_cpu_pcts: Sequence[float], limit: float = 25) -> str | None:
    """A warning when other processes took a noticeable share of the machine while we measured."""
    worst = max(other_cpu_pcts, default=0.0)
    if worst <= limit:
        return None
    return (
        f"WARNING: other processes used up to {worst:.0f}% of a CPU while measuring; "
        "the figures are noisy, rerun on a quiet machine"
    )
