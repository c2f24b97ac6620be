"""A state machine as data: a table of (from-states, action, to-state, who may, guard), and the one place a status
is written.

Each kind of record declares its machine once, beside its domain functions (the SOP step and the run in
models.sop.alur, the figure in models.kinerja.realisasi, the recommendation in models.tindak_lanjut.rekomendasi).
The same table answers two questions:
- `tindakan(keadaan, konteks)`: what may this user do to this record now, each action allowed or refused with
  its reason; pages decide their buttons and forms from it, so no page re-derives a rule;
- `periksa(keadaan, aksi, konteks)`: the state the action leads to, or `Ditolak` with the same reason.

Who may and the guard are functions of a context the machine's owner builds (the session, the user, the record);
each returns None when it allows and the Indonesian reason when it refuses. `tulis` moves a row by compare-and-set
on its current status, so of two people acting at once the second is refused; nothing else writes a status (a test
reads every module for an assignment).

>>> from models.umum.status import StatusRekomendasi as S
>>> m = Mesin("contoh", S, [Transisi((S.BARU,), "mulai", S.DALAM_PROSES, siapa=lambda k: None if k else "Bukan Anda.")])
>>> m.periksa(S.BARU, "mulai", True)
<StatusRekomendasi.DALAM_PROSES: 'dalam proses'>
>>> [(t.aksi, t.boleh, t.alasan) for t in m.tindakan(S.BARU, False)]
[('mulai', False, 'Bukan Anda.')]
>>> m.periksa(S.SELESAI, "mulai", True)
Traceback (most recent call last):
...
models.umum.penolakan.Ditolak: Status "Selesai" tidak mengizinkan tindakan ini.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, SQLModel

from models.umum.penolakan import Ditolak
from models.umum.status import Keadaan

S = TypeVar("S", bound=Keadaan)
K = TypeVar("K")

Aturan = Callable[[Any], "str | None"]  # context -> None (allowed) or the reason it is refused


@dataclass(frozen=True)
class Transisi(Generic[S]):
    """One row of a machine: from any of `dari`, `aksi` leads to `ke` when `siapa` and `syarat` allow.

    `siapa`: who may (the role, the office, the record's own person); `syarat`: what must hold of the record
    (a decision step, a reason given). Both return None to allow or the reason to refuse; checked in that order."""

    dari: tuple[S, ...]
    aksi: str
    ke: S
    siapa: Aturan | None = None
    syarat: Aturan | None = None


@dataclass(frozen=True)
class Tindakan:
    """An action on a record now: allowed, or refused with the reason a person reads."""

    aksi: str
    ke: str
    boleh: bool
    alasan: str | None = None


def boleh(tindakan: Iterable[Tindakan], aksi: str) -> bool:
    """Whether `aksi` is among the allowed actions."""
    return any(t.aksi == aksi and t.boleh for t in tindakan)


class Mesin(Generic[S, K]):
    """A state machine of one kind of record, declared as a table of transitions."""

    def __init__(self, nama: str, keadaan: type[S], transisi: Iterable[Transisi[S]],
                 pesan_keadaan: Callable[[S, str, K], str] | None = None) -> None:
        self.nama = nama
        self.keadaan = keadaan
        self.transisi = tuple(transisi)
        self._pesan_keadaan = pesan_keadaan
        for t in self.transisi:
            for d in (*t.dari, t.ke):
                if not isinstance(d, keadaan):
                    raise TypeError(f"{nama}: {d!r} bukan {keadaan.__name__}")
        self.aksi = tuple(dict.fromkeys(t.aksi for t in self.transisi))

    def dari(self, aksi: str) -> frozenset[S]:
        """The states `aksi` may be taken from."""
        return frozenset(d for t in self.transisi if t.aksi == aksi for d in t.dari)

    def ke(self, dari: S | str, aksi: str) -> S | None:
        """Where `aksi` leads from `dari` by the table alone (who and guard aside); None if nowhere."""
        t = self._baris(dari, aksi)
        return t.ke if t else None

    def _baris(self, dari: S | str, aksi: str) -> Transisi[S] | None:
        keadaan = self.keadaan(dari)
        return next((t for t in self.transisi if t.aksi == aksi and keadaan in t.dari), None)

    def _alasan(self, t: Transisi[S], konteks: K) -> str | None:
        for aturan in (t.siapa, t.syarat):
            if aturan is not None and (alasan := aturan(konteks)) is not None:
                return alasan
        return None

    def tindakan(self, keadaan: S | str, konteks: K, *, aksi: Iterable[str] | None = None) -> list[Tindakan]:
        """Every action the table offers from `keadaan` (or only `aksi`), each allowed or refused with its reason."""
        pilih = set(aksi) if aksi is not None else None
        hasil = []
        for t in self.transisi:
            if self.keadaan(keadaan) in t.dari and (pilih is None or t.aksi in pilih):
                alasan = self._alasan(t, konteks)
                hasil.append(Tindakan(t.aksi, str(t.ke), alasan is None, alasan))
        return hasil

    def periksa(self, keadaan: S | str, aksi: str, konteks: K) -> S:
        """The state `aksi` leads to from `keadaan` for this context; Ditolak with the reason otherwise."""
        t = self._baris(keadaan, aksi)
        if t is None:
            dari = self.keadaan(keadaan)
            pesan = (self._pesan_keadaan(dari, aksi, konteks) if self._pesan_keadaan is not None
                     else f'Status "{dari.label}" tidak mengizinkan tindakan ini.')
            raise Ditolak(pesan, aksi=f"{self.nama}.{aksi}")
        if (alasan := self._alasan(t, konteks)) is not None:
            raise Ditolak(alasan, aksi=f"{self.nama}.{aksi}")
        return t.ke




def tulis(session: Session, rekaman: SQLModel, *, ke: str | None, kolom: str = "status",
          cas: Mapping[str, Any] | None = None, nilai: Mapping[str, Any] | None = None) -> bool:
    """Write a state: `rekaman.<kolom> = ke` (with `nilai` beside it) by one UPDATE that also requires the row to
    still hold its current state and every `cas` value, so the second of two people acting at once changes
    nothing. Returns whether the row moved; the object then holds what was written, without reading it back.
    The caller flushes pending changes of the row first (the UPDATE goes straight to the database)."""
    tabel: Any = getattr(type(rekaman), "__table__")  # noqa: B009  # a table model's; SQLModel does not declare it
    q = update(tabel).where(tabel.c.id == getattr(rekaman, "id"))  # noqa: B009  # every table of models.tables has one
    for nama, v in {kolom: getattr(rekaman, kolom), **(cas or {})}.items():
        q = q.where(tabel.c[nama].is_(None) if v is None else tabel.c[nama] == v)
    baru = {kolom: None if ke is None else str(ke), **(nilai or {})}
    hasil: Any = session.execute(q.values(**baru).execution_options(synchronize_session=False))
    if hasil.rowcount != 1:
        session.expire(rekaman)
        return False
    for nama, v in baru.items():
        set_committed_value(rekaman, nama, v)
    return True
