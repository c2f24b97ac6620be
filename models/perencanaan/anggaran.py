"""The office's DPA (Dokumen Pelaksanaan Anggaran) for a year: program → kegiatan → sub kegiatan, each sub kegiatan
with its pagu, what was spent in each quarter and the sasaran it serves; penyerapan (absorption) and, beside each
sasaran's capaian, the efficiency the Laporan Kinerja asks for.

Money is whole rupiah. A quarter's realisasi is what was spent in that quarter (not cumulative); an empty quarter
is not entered yet, which is not zero. Program and kegiatan pagu are the sums of their sub kegiatan.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from types import SimpleNamespace
from typing import Any

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from models.akun.peran import PENGELOLA_ANGGARAN
from models.kinerja.capaian import batas_rerata, capaian_kantor
from models.kinerja.iku import iku_kantor, kode_urut
from models.kinerja.mesin import rata_rata_dibatasi
from models.tables import Anggaran, Kecamatan, User
from models.umum.angka import baca_angka, format_angka
from models.umum.audit import catat
from models.umum.penolakan import Ditolak
from models.umum.periode import ROMAWI

MAKS_PAGU = 10**15  # far beyond any kecamatan's DPA; a float reads whole rupiah exactly below 2**53
MAKS_KODE, MAKS_NAMA = 40, 300
TANPA_SASARAN = "Belum dikaitkan dengan sasaran"


def rupiah(x: float | None, *, kosong: str = "-") -> str:
    """Money as offices print it: "Rp 1.234.567"; `kosong` for no value (empty is not zero).

    >>> rupiah(1234567), rupiah(0), rupiah(None), rupiah(150_000_000)
    ('Rp 1.234.567', 'Rp 0', '-', 'Rp 150.000.000')
    """
    return kosong if x is None else f"Rp {format_angka(x, 0)}"


def persen_serapan(pagu: int | None, realisasi: int | None) -> float | None:
    """Penyerapan: realisasi as a percentage of the pagu; None without a pagu or without any realisasi entered.

    >>> persen_serapan(1_000_000, 250_000), persen_serapan(1_000_000, 0), persen_serapan(None, 5), persen_serapan(9, None)
    (25.0, 0.0, None, None)
    """
    if not pagu or realisasi is None:
        return None
    return realisasi * 100 / pagu


def jumlah(nilai: Iterable[int | None]) -> int | None:
    """The sum of the values entered; None when none is (not entered is not zero).

    >>> jumlah([1, None, 2]), jumlah([None, None]), jumlah([0])
    (3, None, 0)
    """
    ada = [v for v in nilai if v is not None]
    return sum(ada) if ada else None


def realisasi_sampai(row: Anggaran, triwulan: int) -> int | None:
    """What a sub kegiatan spent from quarter I up to and including `triwulan`; None when nothing is entered."""
    return jumlah(realisasi_triwulan(row)[:triwulan])


def realisasi_triwulan(row: Anggaran) -> tuple[int | None, int | None, int | None, int | None]:
    return row.realisasi_1, row.realisasi_2, row.realisasi_3, row.realisasi_4


# ---------------------------------------------------------------- the DPA as a tree


@dataclass
class Kelompok:
    """A program or a kegiatan: its code, name and the sub kegiatan under it (pagu and realisasi are their sums)."""

    kode: str
    nama: str
    rincian: list[Any] = field(default_factory=list)  # Kelompok (kegiatan of a program) or Anggaran (sub kegiatan)

    def baris(self) -> list[Anggaran]:
        """Every sub kegiatan under it."""
        hasil: list[Anggaran] = []
        for r in self.rincian:
            hasil.extend(r.baris() if isinstance(r, Kelompok) else [r])
        return hasil

    @property
    def pagu(self) -> int:
        return sum(r.pagu for r in self.baris())

    def realisasi(self, triwulan: int) -> int | None:
        """Spent in that quarter alone."""
        return jumlah(realisasi_triwulan(r)[triwulan - 1] for r in self.baris())

    def realisasi_sampai(self, triwulan: int) -> int | None:
        return jumlah(realisasi_sampai(r, triwulan) for r in self.baris())

    def penyerapan(self, triwulan: int = 4) -> float | None:
        return persen_serapan(self.pagu, self.realisasi_sampai(triwulan))


@dataclass
class Dpa:
    kecamatan_id: int
    tahun: int
    program: list[Kelompok]

    @property
    def kosong(self) -> bool:
        return not self.program

    def baris(self) -> list[Anggaran]:
        return [r for p in self.program for r in p.baris()]

    @property
    def pagu(self) -> int:
        return sum(p.pagu for p in self.program)

    def realisasi(self, triwulan: int) -> int | None:
        return jumlah(p.realisasi(triwulan) for p in self.program)

    def realisasi_sampai(self, triwulan: int) -> int | None:
        return jumlah(p.realisasi_sampai(triwulan) for p in self.program)

    def penyerapan(self, triwulan: int = 4) -> float | None:
        return persen_serapan(self.pagu, self.realisasi_sampai(triwulan))


def baris_dpa(session: Session, kecamatan_id: int, tahun: int) -> list[Anggaran]:
    """The sub kegiatan of an office's DPA for a year, in code order."""
    rows = session.exec(select(Anggaran).where(Anggaran.kecamatan_id == kecamatan_id)
                        .where(Anggaran.tahun == tahun)).all()
    return sorted(rows, key=lambda r: (kode_urut(r.kode_program), kode_urut(r.kode_kegiatan),
                                       kode_urut(r.kode_sub_kegiatan)))


def susun(kecamatan_id: int, tahun: int, rows: Sequence[Anggaran]) -> Dpa:
    """Rows grouped program → kegiatan → sub kegiatan, in the order given (codes)."""
    program: dict[str, Kelompok] = {}
    kegiatan: dict[tuple[str, str], Kelompok] = {}
    for r in rows:
        p = program.setdefault(r.kode_program, Kelompok(r.kode_program, r.program))
        k = kegiatan.get((r.kode_program, r.kode_kegiatan))
        if k is None:
            k = kegiatan[(r.kode_program, r.kode_kegiatan)] = Kelompok(r.kode_kegiatan, r.kegiatan)
            p.rincian.append(k)
        k.rincian.append(r)
    return Dpa(kecamatan_id, tahun, list(program.values()))


def dpa(session: Session, kecamatan_id: int, tahun: int) -> Dpa:
    """An office's DPA for a year, program → kegiatan → sub kegiatan."""
    return susun(kecamatan_id, tahun, baris_dpa(session, kecamatan_id, tahun))


def sasaran_kantor(session: Session, kecamatan_id: int) -> list[str]:
    """The sasaran the office's IKU serve, in IKU order, each once: what a sub kegiatan may be linked to."""
    return list(dict.fromkeys(i.sasaran.strip() for i in iku_kantor(session, kecamatan_id)
                              if i.sasaran and i.sasaran.strip()))


def penyerapan_banyak(session: Session, kecamatan_ids: Iterable[int], tahun: int,
                      triwulan: int) -> dict[int, tuple[int, int | None]]:
    """Per office that has a DPA for the year: (pagu, realisasi up to `triwulan`); an office without one is absent."""
    hasil: dict[int, tuple[int, int | None]] = {}
    rows = session.exec(select(Anggaran).where(col(Anggaran.kecamatan_id).in_(list(kecamatan_ids)))
                        .where(Anggaran.tahun == tahun)).all()
    for r in rows:
        pagu, real = hasil.get(r.kecamatan_id, (0, None))
        hasil[r.kecamatan_id] = (pagu + r.pagu, jumlah([real, realisasi_sampai(r, triwulan)]))
    return hasil


# ---------------------------------------------------------------- checking a row


KOLOM_TEKS = (("kode_program", "Kode program", MAKS_KODE), ("program", "Program", MAKS_NAMA),
              ("kode_kegiatan", "Kode kegiatan", MAKS_KODE), ("kegiatan", "Kegiatan", MAKS_NAMA),
              ("kode_sub_kegiatan", "Kode sub kegiatan", MAKS_KODE), ("sub_kegiatan", "Sub kegiatan", MAKS_NAMA))


@dataclass(frozen=True)
class IsianAnggaran:
    """One sub kegiatan as a person typed it (a form or a spreadsheet row): text or numbers, not yet checked."""

    kode_program: Any = None
    program: Any = None
    kode_kegiatan: Any = None
    kegiatan: Any = None
    kode_sub_kegiatan: Any = None
    sub_kegiatan: Any = None
    sasaran: Any = None
    pagu: Any = None
    realisasi: tuple[Any, Any, Any, Any] = (None, None, None, None)


def _teks(v: Any) -> str | None:
    if v is None:
        return None
    s = " ".join(str(v).split())
    return s or None


def baca_rupiah(v: Any, label: str, *, wajib: bool) -> int | None:
    """Whole rupiah from a field or a cell ("150.000.000", "150000000", "Rp 150.000.000", or a number); refused,
    naming the field, when it is not a whole number ≥ 0.

    >>> baca_rupiah("Rp 1.500.000", "Pagu", wajib=True), baca_rupiah(2500000.0, "Pagu", wajib=True)
    (1500000, 2500000)
    >>> baca_rupiah("", "Realisasi triwulan I", wajib=False) is None
    True
    >>> baca_rupiah("1,5", "Pagu", wajib=True)
    Traceback (most recent call last):
    ...
    models.umum.penolakan.Ditolak: Pagu "1,5" bukan rupiah utuh; tulis tanpa sen, mis. 150.000.000.
    """
    teks = v.strip() if isinstance(v, str) else v
    if isinstance(teks, str) and teks[:2].lower() == "rp":
        teks = teks[2:].strip()
    try:
        x = baca_angka(teks)
    except Ditolak:
        raise Ditolak(f'{label} "{str(v).strip()}" bukan angka; tulis rupiah utuh, mis. 150.000.000.') from None
    if x is None:
        if wajib:
            raise Ditolak(f"{label} wajib diisi.")
        return None
    if not float(x).is_integer():
        raise Ditolak(f'{label} "{str(v).strip()}" bukan rupiah utuh; tulis tanpa sen, mis. 150.000.000.')
    if x < 0:
        raise Ditolak(f"{label} tidak boleh negatif.")
    if x >= MAKS_PAGU:
        raise Ditolak(f"{label} terlalu besar.")
    return int(x)


def periksa_isian(isian: IsianAnggaran, *, sasaran_sah: Sequence[str]) -> dict[str, Any]:
    """The row's values, checked: codes and names required, pagu a whole number above 0, each quarter's realisasi
    a whole number ≥ 0 or empty, their sum within the pagu, the sasaran one of the office's (or empty). Raises
    Ditolak with the first problem, naming the field."""
    nilai: dict[str, Any] = {}
    for nama, label, maks in KOLOM_TEKS:
        t = _teks(getattr(isian, nama))
        if t is None:
            raise Ditolak(f"{label} wajib diisi.")
        if len(t) > maks:
            raise Ditolak(f"{label} terlalu panjang (paling banyak {maks} huruf).")
        nilai[nama] = t
    pagu = baca_rupiah(isian.pagu, "Pagu", wajib=True)
    assert pagu is not None  # wajib
    if pagu <= 0:
        raise Ditolak("Pagu harus lebih dari Rp 0.")
    nilai["pagu"] = pagu
    for n, v in enumerate(isian.realisasi, start=1):
        nilai[f"realisasi_{n}"] = baca_rupiah(v, f"Realisasi triwulan {ROMAWI[n]}", wajib=False)
    total = jumlah(nilai[f"realisasi_{n}"] for n in range(1, 5))
    if total is not None and total > pagu:
        raise Ditolak(f"Realisasi {rupiah(total)} melebihi pagu {rupiah(pagu)} pada sub kegiatan "
                      f"{nilai['kode_sub_kegiatan']} {nilai['sub_kegiatan']}.")
    sasaran = _teks(isian.sasaran)
    if sasaran is not None:
        cocok = {" ".join(s.split()).casefold(): s for s in sasaran_sah}
        if sasaran.casefold() not in cocok:
            raise Ditolak(f'Sasaran "{sasaran}" bukan sasaran IKU kantor ini; pilih salah satu sasaran IKU atau '
                          "kosongkan.")
        sasaran = cocok[sasaran.casefold()]
    nilai["sasaran"] = sasaran
    return nilai


def periksa_nama_kode(rows: Iterable[Any]) -> list[str]:
    """Where one program or kegiatan code carries two names in the same DPA (rows: anything with the columns)."""
    nama: dict[tuple[str, str], str] = {}
    masalah: list[str] = []
    for r in rows:
        for jenis, kode, teks in (("program", r.kode_program, r.program),
                                  ("kegiatan", f"{r.kode_program}|{r.kode_kegiatan}", r.kegiatan)):
            ada = nama.setdefault((jenis, kode), teks)
            if ada != teks:
                tampil = kode.split("|")[-1]
                masalah.append(f'Kode {jenis} {tampil} sudah bernama "{ada}", bukan "{teks}"; satu kode satu nama.')
    return masalah


# ---------------------------------------------------------------- writing


def boleh_menulis(user: User | None, kecamatan_id: int) -> str | None:
    """Why this person may not change this office's DPA, or None when they may."""
    if user is None or user.role_kode not in PENGELOLA_ANGGARAN:
        return ("DPA hanya dapat diubah oleh Camat, Sekretaris Camat, Kasubag Perencanaan dan Keuangan, Kasubag Umum "
                "atau Kasubag Evapor kantor itu.")
    if user.kecamatan_id != kecamatan_id:
        return "DPA hanya dapat diubah oleh pegawai kecamatan itu sendiri."
    return None


def pastikan_boleh(session: Session, oleh: User, kecamatan_id: int, aksi: str) -> None:
    if session.get(Kecamatan, kecamatan_id) is None:
        raise Ditolak("Kecamatan tidak ditemukan.")
    if (alasan := boleh_menulis(oleh, kecamatan_id)) is not None:
        raise Ditolak(alasan, aksi=aksi, objek="anggaran", kecamatan_id=kecamatan_id)


def versi(row: Anggaran) -> str:
    """The row's version as a page keeps it: the instant of its last change (UTC, microseconds)."""
    t = row.diubah_pada
    if t.tzinfo is not None:
        t = t.astimezone(timezone.utc).replace(tzinfo=None)
    return t.isoformat(timespec="microseconds")


def rekam(row: Anggaran) -> dict[str, Any]:
    return {k: getattr(row, k) for k in ("kode_program", "program", "kode_kegiatan", "kegiatan", "kode_sub_kegiatan",
                                         "sub_kegiatan", "sasaran", "pagu", "realisasi_1", "realisasi_2",
                                         "realisasi_3", "realisasi_4")}


def tulis_baris(session: Session, row: Anggaran, nilai: dict[str, Any], oleh: User) -> None:
    """Write the row's new values only if nobody changed it since it was read (compare-and-set on diubah_pada)."""
    baru = {**nilai, "diubah_oleh": oleh.id, "diubah_pada": datetime.now(timezone.utc)}
    hasil: Any = session.execute(update(Anggaran).where(col(Anggaran.id) == row.id)
                                 .where(col(Anggaran.diubah_pada) == row.diubah_pada).values(**baru)
                                 .execution_options(synchronize_session=False))
    if hasil.rowcount != 1:
        raise Ditolak(f"Sub kegiatan {row.kode_sub_kegiatan} baru saja diubah orang lain; muat ulang lalu periksa "
                      "lagi.", objek="anggaran", objek_id=row.id, kecamatan_id=row.kecamatan_id)
    session.refresh(row)


def _sama_dengan_lain(session: Session, kecamatan_id: int, tahun: int, nilai: dict[str, Any],
                      kecuali: int | None) -> None:
    lain = [r for r in baris_dpa(session, kecamatan_id, tahun) if r.id != kecuali]
    kembar = next((r for r in lain if r.kode_sub_kegiatan == nilai["kode_sub_kegiatan"]), None)
    if kembar is not None:
        raise Ditolak(f"Sub kegiatan {kembar.kode_sub_kegiatan} sudah ada pada DPA {tahun}; ubah baris itu.")
    masalah = periksa_nama_kode([*lain, SimpleNamespace(**nilai)])
    if masalah:
        raise Ditolak(masalah[0])


def simpan_anggaran(session: Session, *, kecamatan_id: int, tahun: int, isian: IsianAnggaran, oleh: User,
                    anggaran_id: int | None = None, diharapkan: str | None = None) -> Anggaran:
    """Add a sub kegiatan to the year's DPA, or change one (`anggaran_id`, last seen at version `diharapkan`).
    Checked, audited, in the caller's transaction."""
    aksi = "anggaran.ubah" if anggaran_id else "anggaran.buat"
    pastikan_boleh(session, oleh, kecamatan_id, aksi)
    if not 2000 <= tahun <= 2100:
        raise Ditolak("Tahun tidak sah.")
    nilai = periksa_isian(isian, sasaran_sah=sasaran_kantor(session, kecamatan_id))
    if anggaran_id is None:
        _sama_dengan_lain(session, kecamatan_id, tahun, nilai, None)
        row = Anggaran(kecamatan_id=kecamatan_id, tahun=tahun, diubah_oleh=oleh.id, **nilai)
        session.add(row)
        session.flush()
        catat(session, aksi=aksi, oleh=oleh, objek="anggaran", objek_id=row.id, kecamatan_id=kecamatan_id,
              sesudah={"tahun": tahun, **nilai})
        return row
    row = baris_terlihat(session, anggaran_id, kecamatan_id, tahun)
    if diharapkan is not None and versi(row) != diharapkan:
        raise Ditolak(f"Sub kegiatan {row.kode_sub_kegiatan} baru saja diubah orang lain; muat ulang lalu periksa "
                      "lagi.", objek="anggaran", objek_id=row.id)
    _sama_dengan_lain(session, kecamatan_id, tahun, nilai, row.id)
    sebelum = rekam(row)
    tulis_baris(session, row, nilai, oleh)
    catat(session, aksi=aksi, oleh=oleh, objek="anggaran", objek_id=row.id, kecamatan_id=kecamatan_id,
          sebelum=sebelum, sesudah=rekam(row))
    return row


def baris_terlihat(session: Session, anggaran_id: int, kecamatan_id: int, tahun: int | None = None) -> Anggaran:
    """A sub kegiatan of this office's DPA (of that year, when given); refused when it is another office's."""
    row = session.get(Anggaran, anggaran_id)
    if row is None or row.kecamatan_id != kecamatan_id or (tahun is not None and row.tahun != tahun):
        raise Ditolak("Sub kegiatan tidak ditemukan pada DPA kantor ini; muat ulang halaman.")
    return row


def hapus_anggaran(session: Session, *, kecamatan_id: int, anggaran_id: int, oleh: User,
                   diharapkan: str | None = None) -> None:
    """Remove a sub kegiatan from its DPA; audited with what it held."""
    pastikan_boleh(session, oleh, kecamatan_id, "anggaran.hapus")
    row = baris_terlihat(session, anggaran_id, kecamatan_id)
    if diharapkan is not None and versi(row) != diharapkan:
        raise Ditolak(f"Sub kegiatan {row.kode_sub_kegiatan} baru saja diubah orang lain; muat ulang lalu periksa "
                      "lagi.", objek="anggaran", objek_id=row.id)
    sebelum = {"tahun": row.tahun, **rekam(row)}
    # Compare-and-set: a change someone else committed since the row was read is refused, not deleted with it.
    hasil: Any = session.execute(delete(Anggaran).where(col(Anggaran.id) == row.id)
                                 .where(col(Anggaran.diubah_pada) == row.diubah_pada)
                                 .execution_options(synchronize_session=False))
    if hasil.rowcount != 1:
        raise Ditolak(f"Sub kegiatan {row.kode_sub_kegiatan} baru saja diubah orang lain; muat ulang lalu periksa "
                      "lagi.", objek="anggaran", objek_id=row.id, kecamatan_id=kecamatan_id)
    session.expunge(row)
    catat(session, aksi="anggaran.hapus", oleh=oleh, objek="anggaran", objek_id=anggaran_id,
          kecamatan_id=kecamatan_id, sebelum=sebelum)


# ---------------------------------------------------------------- efficiency per sasaran


@dataclass(frozen=True)
class EfisiensiSasaran:
    """One sasaran of the office: its IKU's average capaian, the DPA behind it and its penyerapan, and the
    difference in points (capaian − penyerapan); None where a side is missing, never 0."""

    sasaran: str
    iku: tuple[str, ...]  # the codes of the IKU serving it
    capaian: float | None
    resmi: bool  # every capaian averaged is official
    pagu: int | None  # None: no sub kegiatan linked to it
    realisasi: int | None
    penyerapan: float | None

    @property
    def efisiensi(self) -> float | None:
        if self.capaian is None or self.penyerapan is None:
            return None
        return self.capaian - self.penyerapan


def efisiensi_sasaran(session: Session, kecamatan_id: int, tahun: int,
                      triwulan: int | None = None) -> list[EfisiensiSasaran]:
    """Per sasaran of the office's IKU (then any sasaran only the DPA names, then the sub kegiatan linked to none):
    the average capaian of its IKU — the year's, or quarter `triwulan`'s (official where official) — each counted
    up to the kabupaten's cap, beside the penyerapan of its sub kegiatan up to that quarter (the year: up to
    quarter IV)."""
    sampai = triwulan or 4
    capaian: dict[str, list[tuple[str, float | None, bool]]] = {}
    for b in capaian_kantor(session, kecamatan_id=kecamatan_id, tahun=tahun):
        s = (b.indikator.sasaran or "").strip()
        if not s:
            continue
        c, resmi = b.pada(triwulan) if triwulan else (b.tahun, True)
        capaian.setdefault(s, []).append((b.indikator.kode, c.persen, resmi))
    for s in sasaran_kantor(session, kecamatan_id):
        capaian.setdefault(s, [])
    batas = batas_rerata(session, [kecamatan_id]).get(kecamatan_id)
    uang: dict[str, list[Anggaran]] = {}
    for r in baris_dpa(session, kecamatan_id, tahun):
        uang.setdefault((r.sasaran or "").strip() or TANPA_SASARAN, []).append(r)
    hasil = []
    for s in [*capaian, *(x for x in uang if x not in capaian and x != TANPA_SASARAN),
              *([TANPA_SASARAN] if TANPA_SASARAN in uang else [])]:
        iku = capaian.get(s, [])
        nilai = [p for _, p, _ in iku if p is not None]
        rows = uang.get(s, [])
        pagu = sum(r.pagu for r in rows) if rows else None
        real = jumlah(realisasi_sampai(r, sampai) for r in rows) if rows else None
        hasil.append(EfisiensiSasaran(s, tuple(k for k, _, _ in iku), rata_rata_dibatasi(nilai, batas),
                                      all(resmi for _, p, resmi in iku if p is not None), pagu, real,
                                      persen_serapan(pagu, real)))
    return hasil
