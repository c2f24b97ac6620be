"""One page of a long list as the database searched, sorted and paged it: its rows, how many match and how many there
are, which page it is. The lists that can grow past a few hundred rows (Tindak Lanjut's recommendations, Persetujuan's
queue) read only one page from the database; the short ones keep their pager in the browser."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from models.umum.isian import MAKS_CARI, teks

PER_HALAMAN = 25  # as the users page and the tables paged in the browser (dashboard.components.tabel)
MAKS_KATA = 8  # words of a search read; more find nothing new

_B = TypeVar("_B")


@dataclass(frozen=True)
class Halaman(Generic[_B]):
    """One page of a list: `baris` the page's rows, `cocok` the rows matching the search, `semua` the rows of the
    list without the search, `halaman` 1-based within 1..jumlah_halaman."""

    baris: list[_B]
    cocok: int
    semua: int
    halaman: int
    per_halaman: int

    @property
    def jumlah_halaman(self) -> int:
        return max(1, -(-self.cocok // self.per_halaman))

    @property
    def dari(self) -> int:
        return (self.halaman - 1) * self.per_halaman + 1 if self.cocok else 0

    @property
    def sampai(self) -> int:
        return min(self.cocok, self.halaman * self.per_halaman)

    @property
    def offset(self) -> int:
        return (self.halaman - 1) * self.per_halaman


def kata_cari(cari: object) -> list[str]:
    """The search's words, each to be found somewhere in the row ("siti kalipare" → both, anywhere).

    >>> kata_cari("  Siti   KALIPARE "), kata_cari(None), kata_cari("")
    (['siti', 'kalipare'], [], [])
    """
    kata = teks(cari, label="Teks pencarian", maks=MAKS_CARI) or ""
    return [k.casefold() for k in kata.split()][:MAKS_KATA]


def halaman_kosong(halaman: object, cocok: int, semua: int, per_halaman: int = PER_HALAMAN) -> Halaman:
    """The page asked for, held within the list (a page past the last is the last; anything not a page number is the
    first), with no rows yet: its `offset` and `per_halaman` are what the query reads.

    >>> h = halaman_kosong(9, cocok=30, semua=40); (h.halaman, h.offset, h.dari, h.sampai, h.jumlah_halaman)
    (2, 25, 26, 30, 2)
    >>> halaman_kosong("2", cocok=30, semua=30).halaman, halaman_kosong(True, 30, 30).halaman
    (1, 1)
    >>> h = halaman_kosong(3, cocok=0, semua=5); (h.halaman, h.dari, h.sampai)
    (1, 0, 0)
    """
    ukuran = max(1, min(int(per_halaman), 500))
    jumlah = max(1, -(-cocok // ukuran))
    nomor = halaman if isinstance(halaman, int) and not isinstance(halaman, bool) else 1
    return Halaman([], cocok, semua, min(max(1, nomor), jumlah), ukuran)


def dengan_baris(h: Halaman, baris: list[_B]) -> Halaman[_B]:
    return Halaman(baris, h.cocok, h.semua, h.halaman, h.per_halaman)
