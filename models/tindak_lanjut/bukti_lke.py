"""What the office's own records say about a criterion of the LKE: a proposed answer with the records behind it.

A proposal, never a verdict: the person answering decides, and the proposal with its records stays in view of the
evaluator. Each criterion the records can speak to registers one reader in PEMBACA, keyed by the criterion's words
(`kunci_kriteria`), so a kabupaten's revised LKE that keeps a criterion's words keeps its proposal whatever its
number; a criterion without a reader takes an uploaded proof.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import Session

from models.tindak_lanjut.lke import StrukturLke


@dataclass(frozen=True)
class Tautan:
    """One record behind a proposal: what it is, and where the product shows it."""

    label: str
    href: str


@dataclass(frozen=True)
class Usulan:
    jawaban: str | None  # Y/T or A..E; None when the records show something but do not settle an answer
    alasan: str  # one or two sentences in Indonesian: what the records show
    tautan: tuple[Tautan, ...] = ()


Pembaca = Callable[[Session, int, int], Usulan]  # (session, kecamatan_id, tahun) -> proposal
PEMBACA: dict[str, Pembaca] = {}


def kunci_kriteria(teks: str) -> str:
    """A criterion's words compared without case, punctuation or spacing.

    >>> kunci_kriteria("Pengukuran kinerja telah dilakukan secara  berkala.")
    'pengukuran kinerja telah dilakukan secara berkala'
    """
    return " ".join(re.sub(r"[^\w\s]", " ", teks.lower()).split())


def usulan_kantor(session: Session, kecamatan_id: int, tahun: int, struktur: StrukturLke) -> dict[str, Usulan]:
    """The proposals for an office's year, by criterion code of `struktur`, for the criteria the records speak to."""
    hasil: dict[str, Usulan] = {}
    for k in struktur.kriteria():
        baca = PEMBACA.get(kunci_kriteria(k.teks))
        if baca is not None:
            hasil[k.kode] = baca(session, kecamatan_id, tahun)
    return hasil
