"""Progress of a long command (generation, import, backup, restore): how far, and an estimate of the time left."""
from __future__ import annotations

import time
from collections.abc import Callable


def durasi_teks(detik: float) -> str:
    """Seconds as people say them.

    >>> durasi_teks(5.2), durasi_teks(80), durasi_teks(3725)
    ('5 detik', '1 menit 20 detik', '1 jam 2 menit')
    """
    detik = max(0, round(detik))
    jam, sisa = divmod(detik, 3600)
    menit, detik = divmod(sisa, 60)
    if jam:
        return f"{jam} jam {menit} menit"
    if menit:
        return f"{menit} menit {detik} detik"
    return f"{detik} detik"


class Kemajuan:
    """Reports `selesai` of `total` units at most every `jeda` seconds, with the time left at the rate so far."""

    def __init__(self, judul: str, total: int, *, tulis: Callable[[str], None] = print, jeda: float = 1.0,
                 jam: Callable[[], float] = time.monotonic) -> None:
        self.judul, self.total, self.tulis, self.jeda, self.jam = judul, max(total, 0), tulis, jeda, jam
        self.mulai = jam()
        self._terakhir = -jeda
        self._tamat = False

    def maju(self, selesai: int, *, paksa: bool = False) -> None:
        sekarang = self.jam()
        if not paksa and sekarang - self._terakhir < self.jeda and selesai < self.total:
            return
        if self.total > 0 and selesai >= self.total and self._tamat:
            return  # the end is reported once
        self._tamat = self.total > 0 and selesai >= self.total
        self._terakhir = sekarang
        lewat = sekarang - self.mulai
        if self.total <= 0:
            self.tulis(f"{self.judul}: {selesai} · {durasi_teks(lewat)}")
            return
        persen = min(100.0, 100.0 * selesai / self.total)
        if selesai >= self.total:
            sisa = "selesai"
        elif selesai > 0:
            sisa = f"sisa ± {durasi_teks(lewat * (self.total - selesai) / selesai)}"
        else:
            sisa = "memperkirakan sisa waktu…"
        self.tulis(f"{self.judul}: {persen:3.0f}% ({selesai}/{self.total}) · {durasi_teks(lewat)} · {sisa}")
