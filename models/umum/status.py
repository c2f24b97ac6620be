"""The states of every kind of record that moves, each with its Indonesian label and its colour.

One vocabulary for every page, table, CSV, Excel and PDF: a state is a `StrEnum` member, so what the database
stores is the same text as before ("resmi", "dalam proses"), while the code compares members, never strings.
The colour is a Bootstrap contextual name (badges, alerts); `hex` gives the same colour for charts and PDFs.

>>> StatusRealisasi.DIKEMBALIKAN.label, StatusRealisasi.DIKEMBALIKAN.warna, StatusRealisasi("resmi").label
('Dikembalikan untuk perbaikan', 'warning', 'Resmi')
>>> StatusRekomendasi.DALAM_PROSES == "dalam proses", str(StatusEksekusi.BERJALAN)
(True, 'berjalan')
"""
from __future__ import annotations

from enum import StrEnum
from typing import TypeGuard

# Bootstrap 5's contextual colours as hex, for charts and printed sheets.
_HEX = {"primary": "#0d6efd", "secondary": "#6c757d", "success": "#198754", "danger": "#dc3545",
        "warning": "#ffc107", "info": "#0dcaf0", "light": "#f8f9fa", "dark": "#212529"}


class Keadaan(StrEnum):
    """A state: its stored value, its label on screen and its colour."""

    label: str
    warna: str

    def __new__(cls, nilai: str, label: str = "", warna: str = "secondary") -> Keadaan:
        obj = str.__new__(cls, nilai)
        obj._value_ = nilai
        obj.label = label or nilai
        obj.warna = warna
        return obj

    @property
    def hex(self) -> str:
        return _HEX[self.warna]

    @classmethod
    def punya(cls, nilai: object) -> TypeGuard[str]:
        """Whether `nilai` is one of the stored values (a plain `in` on the class refuses strings before 3.12).

        >>> StatusRealisasi.punya("dibuka"), StatusRealisasi.punya("hilang"), StatusRealisasi.punya(None)
        (True, False, False)
        """
        return isinstance(nilai, str) and nilai in cls._value2member_map_

    @classmethod
    def label_dari(cls, nilai: object, kosong: str = "-") -> str:
        """The label of a stored value; `kosong` for none (or a missing value read from a table).

        >>> StatusRealisasi.label_dari("dibuka"), StatusRealisasi.label_dari(None)
        ('Dibuka kembali', '-')
        """
        return cls(nilai).label if cls.punya(nilai) else kosong


class StatusEksekusi(Keadaan):
    """A run of an SOP (a piece of work): it runs, it ends with its last step, or the Camat cancels it."""

    BERJALAN = ("berjalan", "Berjalan", "info")
    SELESAI = ("selesai", "Selesai", "success")
    DIBATALKAN = ("dibatalkan", "Dibatalkan", "secondary")


class KeadaanLangkah(Keadaan):
    """One attempt at one step of a run: waiting, being worked on, or closed with its result (the stored `hasil`)."""

    MENUNGGU = ("menunggu", "Menunggu", "secondary")
    DIKERJAKAN = ("dikerjakan", "Sedang dikerjakan", "info")
    SELESAI = ("selesai", "Selesai", "success")
    DISETUJUI = ("disetujui", "Disetujui", "success")
    DIKEMBALIKAN = ("dikembalikan", "Dikembalikan untuk perbaikan", "danger")


class StatusRealisasi(Keadaan):
    """A quarter's figure of one IKU (models.kinerja.realisasi)."""

    DRAF = ("draf", "Draf", "secondary")
    DIAJUKAN = ("diajukan", "Dalam proses SOP", "info")
    DIKEMBALIKAN = ("dikembalikan", "Dikembalikan untuk perbaikan", "warning")
    RESMI = ("resmi", "Resmi", "success")
    DIBUKA = ("dibuka", "Dibuka kembali", "warning")


class KeadaanCapaian(Keadaan):
    """How far a quarter's capaian has got, for readers (Beranda, Perbandingan, the exports): official, or the
    status of the figure it is provisionally computed from, named exactly as Isi Realisasi names that status; or
    provisional although the figure itself is official (a cumulative indicator whose earlier quarter is not)."""

    RESMI = ("resmi", StatusRealisasi.RESMI.label, "success")
    DIAJUKAN = ("diajukan", StatusRealisasi.DIAJUKAN.label, "info")
    DIKEMBALIKAN = ("dikembalikan", StatusRealisasi.DIKEMBALIKAN.label, "warning")
    DIBUKA = ("dibuka", StatusRealisasi.DIBUKA.label, "warning")
    DRAF = ("draf", StatusRealisasi.DRAF.label, "secondary")
    SEMENTARA = ("sementara", "Sementara, triwulan sebelumnya belum resmi", "info")

    @property
    def resmi(self) -> bool:
        return self is KeadaanCapaian.RESMI


def keadaan_capaian(resmi: bool, status: str | None) -> KeadaanCapaian | None:
    """How far a quarter's capaian has got: RESMI when it is official, else the status of its figure; None
    without a figure.

    >>> keadaan_capaian(True, "resmi"), keadaan_capaian(False, "dikembalikan"), keadaan_capaian(False, None)
    (<KeadaanCapaian.RESMI: 'resmi'>, <KeadaanCapaian.DIKEMBALIKAN: 'dikembalikan'>, None)
    >>> keadaan_capaian(False, "resmi").label
    'Sementara, triwulan sebelumnya belum resmi'
    """
    if resmi:
        return KeadaanCapaian.RESMI
    if status is None:
        return None
    if status == StatusRealisasi.RESMI:
        return KeadaanCapaian.SEMENTARA
    return KeadaanCapaian(status)


class StatusRekomendasi(Keadaan):
    """A recommendation of an evaluation, through its follow-up (models.tindak_lanjut.rekomendasi)."""

    BARU = ("baru", "Baru", "secondary")
    DALAM_PROSES = ("dalam proses", "Dalam proses", "info")
    DISERAHKAN = ("diserahkan", "Diserahkan", "primary")
    DIKEMBALIKAN = ("dikembalikan", "Dikembalikan", "warning")
    DIVERIFIKASI = ("diverifikasi", "Diverifikasi", "success")
    SELESAI = ("selesai", "Selesai", "dark")


class KeputusanTindakLanjut(Keadaan):
    """The checker's decision on one hand-in of a follow-up."""

    DITERIMA = ("diterima", "Diterima", "success")
    DIKEMBALIKAN = ("dikembalikan", "Dikembalikan", "warning")


class StatusPerjanjian(Keadaan):
    """A Perjanjian Kinerja: drafted, then signed once its signed scan is attached."""

    DRAF = ("draf", "Draf", "secondary")
    DITANDATANGANI = ("ditandatangani", "Ditandatangani", "success")


class StatusLaporan(Keadaan):
    """A Laporan Kinerja of a year: drafted, its reviu recorded, then signed once its signed scan is attached."""

    DRAF = ("draf", "Draf", "secondary")
    DIREVIU = ("direviu", "Direviu", "info")
    DITANDATANGANI = ("ditandatangani", "Ditandatangani", "success")


class StatusEvaluasiAkip(Keadaan):
    """The kabupaten's Evaluasi AKIP of an office's year: the office's self-assessment, the evaluator's review,
    then final with its frozen score and predicate."""

    MANDIRI = ("mandiri", "Penilaian mandiri", "info")
    REVIU = ("reviu", "Reviu evaluator", "warning")
    FINAL = ("final", "Final", "success")


class JenisKerja(StrEnum):
    """What a run of an SOP is about (`Eksekusi.subjek_jenis`); each kind's hooks are in models.jenis_kerja.

    REALISASI carries one indicator's quarter (`subjek_id`: the figure); PENGUMPULAN carries every figure that the
    office's per-quarter collection SOP collects in the quarter (no single subject: the figures name the run);
    EVALUASI a monitoring or an evaluation (`subjek_id`: the Evaluasi); DOKUMEN a planning or reporting document;
    PERJANJIAN_KINERJA the Camat's Perjanjian Kinerja of a year (`subjek_id`: the PerjanjianKinerja).
    """

    REALISASI = "realisasi"
    PENGUMPULAN = "pengumpulan"
    EVALUASI = "evaluasi"
    DOKUMEN = "dokumen"
    PERJANJIAN_KINERJA = "perjanjian_kinerja"


JENIS_ANGKA = frozenset({JenisKerja.REALISASI, JenisKerja.PENGUMPULAN})  # the kinds that carry figures


class KeadaanKewajiban(Keadaan):
    """Where one obligation of the SAKIP calendar stands for an office (models.perencanaan.kalender_sakip)."""

    BELUM_JATUH_TEMPO = ("belum_jatuh_tempo", "Belum jatuh tempo", "light")
    SEGERA = ("segera", "Segera jatuh tempo", "warning")
    TERLAMBAT = ("terlambat", "Terlambat", "danger")
    BERJALAN = ("berjalan", "Sedang berjalan", "info")
    SELESAI = ("selesai", "Selesai tepat waktu", "success")
    SELESAI_TERLAMBAT = ("selesai_terlambat", "Selesai terlambat", "warning")
    TANPA_SOP = ("tanpa_sop", "Belum ada SOP", "dark")
    TANPA_TENGGAT = ("tanpa_tenggat", "Tenggat belum ditetapkan", "light")  # e.g. a Renstra before the RPJMD
    SELESAI_TANPA_TENGGAT = ("selesai_tanpa_tenggat", "Selesai (tenggat belum ditetapkan)", "success")  # not "on time"
