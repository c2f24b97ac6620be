"""The documents of measured performance an office prints from the capaian engine: the quarter's Pengukuran Kinerja
table and the measurement chapter of the Laporan Kinerja, each as a workbook and as a PDF; and the Renstra
end-of-period targets the chapter compares the year with.

Every number comes from the engine (models.kinerja.capaian); where it has none the document says why ("Belum ada
realisasi", "Target belum ditetapkan", the engine's reason) and prints "-", never a number of its own.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlmodel import Session, select

from models.akun.peran import PENETAP_RENSTRA
from models.kinerja.capaian import BarisCapaian, capaian_banyak, predikat_kabupaten
from models.kinerja.iku import mesin, milik_kantor
from models.kinerja.mesin import Capaian, Predikat, gabung, keterangan_rencana, predikat
from models.kinerja.mesin import Realisasi as AngkaMesin
from models.sop.monitoring import Penandatangan, camat_kantor
from models.tables import Indikator, Kabupaten, Kecamatan, TargetRenstra, User, utcnow
from models.umum.angka import bulatkan, format_angka, tulis_angka
from models.umum.audit import catat
from models.umum.lembar_kerja import simpan_xlsx
from models.umum.pdf import GAYA_KEPALA, LembarPdf, kop, tanda_tangan
from models.umum.penolakan import Ditolak
from models.umum.periode import ROMAWI, hari_ini, label_periode, label_triwulan
from models.umum.status import KeadaanCapaian, StatusRealisasi
from models.umum.tanggal import tanggal_panjang

RESMI, SEMENTARA = KeadaanCapaian.RESMI.label, "Sementara"  # a capaian of the document: official, or not yet
PESAN_PENETAP_RENSTRA = "Target Renstra hanya dapat ditetapkan oleh Camat kantor ini."
TANPA_REALISASI, TANPA_TARGET = "Belum ada realisasi", "Target belum ditetapkan"

_RUMUS = {
    ("positif", "2T-R"): "Realisasi ÷ Target × 100%",
    ("positif", "T/R"): "Realisasi ÷ Target × 100%",
    ("negatif", "2T-R"): "(2 × Target − Realisasi) ÷ Target × 100%",
    ("negatif", "T/R"): "Target ÷ Realisasi × 100%",
}
_AGREGASI = {"kumulatif": "kumulatif", "terakhir": "nilai terakhir", "rata-rata": "rata-rata"}




# ---------------------------------------------------------------- what the documents hold


@dataclass(frozen=True)
class BarisPengukuran:
    """One IKU in the quarter's Pengukuran Kinerja table."""

    sasaran: str | None
    kode: str
    indikator: str
    satuan: str
    rumus: str
    target: float | None  # the target the quarter is measured against: its own (Rencana Aksi) or the year's
    realisasi: float | None  # what the engine compares with the target, up to this quarter
    capaian: float | None  # percent
    predikat: str | None
    status: str  # Resmi | Sementara | Belum ada realisasi | Target belum ditetapkan
    keterangan: str | None  # the engine's reason when there is no capaian
    terhadap: str = "target tahun"  # which target `target` is: "target triwulan II" or "target tahun"
    rencana_aksi: str | None = None  # "Sesuai rencana aksi" / "Di bawah rencana aksi"; None without a quarter target


@dataclass(frozen=True)
class TabelPengukuran:
    kecamatan: str
    kabupaten: str
    tahun: int
    triwulan: int
    periode: str  # "Triwulan III 2026"
    baris: tuple[BarisPengukuran, ...]
    dicetak: date
    camat: Penandatangan | None  # for the signature
    # The figures up to the quarter not yet submitted ("IKU-3 (Draf)"): an official table is never built from them.
    draf: tuple[str, ...] = ()


@dataclass(frozen=True)
class Ukuran:
    """One measurement: the realisasi the engine compares, capaian (%) and its band, or why there is no capaian."""

    realisasi: float | None
    capaian: float | None
    predikat: str | None
    keterangan: str | None  # None when capaian is available


@dataclass(frozen=True)
class BarisBab:
    """One IKU in the Laporan Kinerja's measurement chapter; official figures only."""

    sasaran: str | None
    kode: str
    indikator: str
    satuan: str
    rumus: str
    target: float | None
    tahun: Ukuran  # the year
    target_lalu: float | None
    lalu: Ukuran  # the previous year
    renstra: str | None  # the Renstra period covering the year, "2025–2029"
    target_renstra: float | None
    terhadap_renstra: Ukuran | None  # the year's realisasi against the Renstra end-of-period target
    triwulan: tuple[Ukuran, ...]  # quarters I–IV, each up to and including that quarter


@dataclass(frozen=True)
class BabPengukuran:
    kecamatan: str
    kabupaten: str
    tahun: int
    periode: str  # "Tahun 2026"
    baris: tuple[BarisBab, ...]
    dicetak: date
    camat: Penandatangan | None


def rumus_capaian(ind: Indikator) -> str:
    """The capaian formula of an indicator in words, with how its quarters combine.

    >>> rumus_capaian(Indikator(polaritas="negatif", rumus_negatif="2T-R", agregasi="rata-rata"))
    '(2 × Target − Realisasi) ÷ Target × 100% (rata-rata)'
    >>> rumus_capaian(Indikator(polaritas="positif", rumus_negatif="2T-R", agregasi="terakhir", batas_atas=120))
    'Realisasi ÷ Target × 100% (nilai terakhir), paling tinggi 120%'
    """
    teks = f"{_RUMUS[(ind.polaritas, ind.rumus_negatif)]} ({_AGREGASI[ind.agregasi]})"
    if ind.batas_atas is not None:
        teks += f", paling tinggi {tulis_angka(ind.batas_atas)}%"
    return teks


# ---------------------------------------------------------------- from the engine


def _gabungan(baris: BarisCapaian, triwulan: int, *, resmi_saja: bool) -> float | None:
    """The engine's combined realisasi up to a quarter, also when capaian cannot be computed (no target)."""
    angka = [AngkaMesin(r.nilai, r.pembilang, r.penyebut)
             if r is not None and r.nilai is not None and (r.status == "resmi" or not resmi_saja) else None
             for r in baris.realisasi]
    hasil = gabung(angka, triwulan, mesin(baris.indikator).agregasi)
    return None if isinstance(hasil, str) else hasil


def _realisasi_tanpa_capaian(baris: BarisCapaian, triwulan: int) -> tuple[float | None, bool]:
    """Where the engine gives no capaian (no target, target 0): the combined figures still measured, the official
    ones first, and whether they are official."""
    resmi = _gabungan(baris, triwulan, resmi_saja=True)
    return (resmi, True) if resmi is not None else (_gabungan(baris, triwulan, resmi_saja=False), False)


def _ukuran(cap: Capaian, target: float | None, realisasi: float | None, pita: Sequence[Predikat]) -> Ukuran:
    if cap.tersedia:
        band = predikat(cap.persen, pita)
        return Ukuran(cap.realisasi, cap.persen, band.nama if band else None, None)
    return Ukuran(realisasi, None, None, TANPA_TARGET if target is None else cap.alasan)


def _status(target: float | None, realisasi: float | None, resmi: bool) -> str:
    if target is None:
        return TANPA_TARGET
    if realisasi is None:
        return TANPA_REALISASI
    return RESMI if resmi else SEMENTARA


def _baris_pengukuran(baris: BarisCapaian, triwulan: int, pita: Sequence[Predikat]) -> BarisPengukuran:
    cap, resmi = baris.pada(triwulan)
    realisasi = cap.realisasi
    if realisasi is None:
        realisasi, resmi = _realisasi_tanpa_capaian(baris, triwulan)
    target, terhadap = baris.target_pada(triwulan)
    u = _ukuran(cap, target, realisasi, pita)
    ind = baris.indikator
    return BarisPengukuran(
        sasaran=ind.sasaran, kode=ind.kode, indikator=ind.nama, satuan=ind.satuan, rumus=rumus_capaian(ind),
        target=target, realisasi=u.realisasi, capaian=u.capaian, predikat=u.predikat,
        status=_status(target, u.realisasi, resmi),
        keterangan=None if u.keterangan == TANPA_TARGET else u.keterangan, terhadap=terhadap,
        rencana_aksi=keterangan_rencana(cap))


# A figure still with its filler: never submitted, returned for correction, or reopened (models.kinerja.realisasi).
BELUM_DIAJUKAN = (StatusRealisasi.DRAF, StatusRealisasi.DIKEMBALIKAN, StatusRealisasi.DIBUKA)


def angka_belum_diajukan(rows: Iterable[BarisCapaian], triwulan: int) -> tuple[str, ...]:
    """Each IKU's figure up to `triwulan` that the measurement would count but that is not yet submitted, named with
    its quarter (when not `triwulan` itself) and its status as Isi Realisasi names it: "IKU-3 (Draf)",
    "IKU-1 triwulan II (Dikembalikan untuk perbaikan)"."""
    hasil = []
    for b in rows:
        for n, r in enumerate(b.realisasi[:triwulan], start=1):
            if r is not None and r.status in BELUM_DIAJUKAN:
                kapan = "" if n == triwulan else f" triwulan {ROMAWI[n]}"
                hasil.append(f"{b.indikator.kode}{kapan} ({StatusRealisasi(r.status).label})")
    return tuple(hasil)


def pesan_draf(tabel: TabelPengukuran) -> str | None:
    """Why the quarter's table cannot be written as the work's output yet (the figures still in draft), or None."""
    if not tabel.draf:
        return None
    daftar = ", ".join(tabel.draf)
    return (f"Tabel Pengukuran Kinerja {tabel.periode} belum dapat dibuat: angka {daftar} belum diajukan. Ajukan "
            "angkanya di Isi Realisasi lebih dulu; tabel resmi tidak dibuat dari draf.")


def _kantor(session: Session, kecamatan_id: int) -> tuple[Kecamatan, str]:
    kec = session.get(Kecamatan, kecamatan_id)
    if kec is None:
        raise Ditolak("Kecamatan tidak ditemukan.")
    kab = session.get(Kabupaten, kec.kabupaten_id)
    return kec, kab.nama if kab else ""


def tabel_pengukuran(session: Session, *, kecamatan_id: int, tahun: int, triwulan: int,
                     dicetak: date | None = None) -> TabelPengukuran:
    """The quarter's Pengukuran Kinerja: per IKU of the office the target the quarter is measured against (its own
    from the Rencana Aksi, else the year's) and which it is, the realisasi and capaian up to the quarter (official,
    or provisional while not yet approved), its band, its formula and whether it is on plan."""
    if triwulan not in ROMAWI:
        raise Ditolak("Triwulan harus 1 sampai 4.")
    kec, kab = _kantor(session, kecamatan_id)
    pita = predikat_kabupaten(session, kecamatan_id, tahun)
    rows = capaian_banyak(session, kecamatan_ids=[kecamatan_id], tahun=[tahun]).get((kecamatan_id, tahun), [])
    return TabelPengukuran(
        kecamatan=kec.nama, kabupaten=kab, tahun=tahun, triwulan=triwulan, periode=label_triwulan(tahun, triwulan),
        baris=tuple(_baris_pengukuran(b, triwulan, pita) for b in rows), dicetak=dicetak or hari_ini(),
        camat=camat_kantor(session, kecamatan_id), draf=angka_belum_diajukan(rows, triwulan))


def _ukuran_resmi(baris: BarisCapaian, cap: Capaian, triwulan: int, pita: Sequence[Predikat]) -> Ukuran:
    realisasi = cap.realisasi if cap.realisasi is not None else _gabungan(baris, triwulan, resmi_saja=True)
    return _ukuran(cap, baris.target, realisasi, pita)


def ukuran_tahun(baris: BarisCapaian, pita: Sequence[Predikat]) -> Ukuran:
    """A year's measurement of one IKU as the Laporan Kinerja prints it: official figures against the year's
    target (the realisasi still shown where there is no capaian)."""
    return _ukuran_resmi(baris, baris.tahun, 4, pita)


def renstra_berlaku(session: Session, kecamatan_id: int, tahun: int) -> dict[int, TargetRenstra]:
    """The office's Renstra end-of-period targets whose period covers `tahun`, by indicator id."""
    q = (select(TargetRenstra).where(TargetRenstra.kecamatan_id == kecamatan_id)
         .where(TargetRenstra.tahun_awal <= tahun).where(TargetRenstra.tahun_akhir >= tahun))
    return {t.indikator_id: t for t in session.exec(q)}


def _baris_bab(baris: BarisCapaian, lalu: BarisCapaian | None, renstra: TargetRenstra | None,
               pita: Sequence[Predikat]) -> BarisBab:
    ind = baris.indikator
    lalu = lalu or BarisCapaian(ind, None, (None,) * 4)
    terhadap = None
    if renstra is not None:  # the same engine, the same official quarters, the Renstra target
        akhir = BarisCapaian(ind, renstra.nilai, baris.realisasi)
        terhadap = _ukuran_resmi(akhir, akhir.tahun, 4, pita)
    return BarisBab(
        sasaran=ind.sasaran, kode=ind.kode, indikator=ind.nama, satuan=ind.satuan, rumus=rumus_capaian(ind),
        target=baris.target, tahun=_ukuran_resmi(baris, baris.tahun, 4, pita),
        target_lalu=lalu.target, lalu=_ukuran_resmi(lalu, lalu.tahun, 4, pita),
        renstra=f"{renstra.tahun_awal}–{renstra.tahun_akhir}" if renstra else None,
        target_renstra=renstra.nilai if renstra else None, terhadap_renstra=terhadap,
        triwulan=tuple(_ukuran_resmi(baris, baris.resmi[n - 1], n, pita) for n in range(1, 5)))


def bab_pengukuran_tahunan(session: Session, *, kecamatan_id: int, tahun: int, dicetak: date | None = None,
                           indikator_ids: Iterable[int] | None = None) -> BabPengukuran:
    """The Laporan Kinerja's measurement chapter: per IKU the year's target, realisasi and capaian (official
    figures only), the previous year's, the Renstra end-of-period target covering the year, and the quarters.
    `indikator_ids`: the report's indicators of the year (see capaian_banyak) instead of the active IKU."""
    kec, kab = _kantor(session, kecamatan_id)
    pita = predikat_kabupaten(session, kecamatan_id, tahun)
    per_tahun = capaian_banyak(session, kecamatan_ids=[kecamatan_id], tahun=[tahun - 1, tahun],
                               indikator_ids=indikator_ids)
    lalu = {b.indikator.id: b for b in per_tahun.get((kecamatan_id, tahun - 1), [])}
    renstra = renstra_berlaku(session, kecamatan_id, tahun)
    baris = tuple(_baris_bab(b, lalu.get(b.indikator.id), renstra.get(b.indikator.id), pita)
                  for b in per_tahun.get((kecamatan_id, tahun), []))
    return BabPengukuran(kecamatan=kec.nama, kabupaten=kab, tahun=tahun, periode=f"Tahun {tahun}", baris=baris,
                         dicetak=dicetak or hari_ini(), camat=camat_kantor(session, kecamatan_id))


# ---------------------------------------------------------------- the Renstra end-of-period target


def _boleh_menetapkan(oleh: User, kecamatan_id: int) -> None:
    if not (oleh.aktif and oleh.kecamatan_id == kecamatan_id and oleh.role_kode in PENETAP_RENSTRA):
        raise Ditolak(PESAN_PENETAP_RENSTRA)


def _periksa_renstra(nama: str, tahun_awal: int, tahun_akhir: int, nilai: float | None) -> float:
    """The target value, checked with its period."""
    if nilai is None:
        raise Ditolak(f"{nama}: nilai target wajib diisi.")
    if not math.isfinite(nilai):
        raise Ditolak(f"{nama}: nilai target bukan angka.")
    if nilai < 0:
        raise Ditolak(f"{nama}: nilai target tidak boleh negatif.")
    if not 2000 <= tahun_awal <= 2100:
        raise Ditolak(f"{nama}: tahun tidak sah.")
    if tahun_akhir != tahun_awal + 4:
        raise Ditolak(f"{nama}: periode Renstra harus lima tahun, {tahun_awal}–{tahun_awal + 4}.")
    return nilai


def _renstra_lain(session: Session, *, indikator_id: int, kecamatan_id: int, tahun_awal: int,
                  tahun_akhir: int) -> list[TargetRenstra]:
    """The office's Renstra targets of the indicator whose period overlaps this one."""
    return list(session.exec(
        select(TargetRenstra).where(TargetRenstra.indikator_id == indikator_id)
        .where(TargetRenstra.kecamatan_id == kecamatan_id).where(TargetRenstra.tahun_awal <= tahun_akhir)
        .where(TargetRenstra.tahun_akhir >= tahun_awal)).all())


def tetapkan_target_renstra(session: Session, *, indikator_id: int, kecamatan_id: int, tahun_awal: int,
                            tahun_akhir: int, nilai: float | None, oleh: User,
                            pada: datetime | None = None) -> TargetRenstra:
    """Set or change an office's Renstra end-of-period target of an IKU (a five-year period), in the caller's
    transaction, audited. A period overlapping another of the same IKU is refused."""
    _boleh_menetapkan(oleh, kecamatan_id)
    ind = session.get(Indikator, indikator_id)
    if ind is None or not milik_kantor(session, ind, kecamatan_id):
        raise Ditolak("Indikator ini tidak ada dalam IKU kantor Anda.")
    nama = f"{ind.kode} {ind.nama}, target Renstra {tahun_awal}–{tahun_akhir}"
    nilai = _periksa_renstra(nama, tahun_awal, tahun_akhir, nilai)
    ada = _renstra_lain(session, indikator_id=indikator_id, kecamatan_id=kecamatan_id, tahun_awal=tahun_awal,
                        tahun_akhir=tahun_akhir)
    lama = next((t for t in ada if (t.tahun_awal, t.tahun_akhir) == (tahun_awal, tahun_akhir)), None)
    for t in ada:
        if t is not lama:
            raise Ditolak(f"{nama}: periode ini bertumpang tindih dengan Renstra {t.tahun_awal}–"
                                 f"{t.tahun_akhir} yang sudah ada.")
    if lama is not None and lama.nilai == nilai:
        return lama
    sebelum = {"nilai": lama.nilai} if lama else None
    row = lama or TargetRenstra(indikator_id=indikator_id, kecamatan_id=kecamatan_id, tahun_awal=tahun_awal,
                                tahun_akhir=tahun_akhir, nilai=nilai)
    row.nilai, row.diubah_oleh, row.diubah_pada = nilai, oleh.id, pada or utcnow()
    session.add(row)
    session.flush()
    catat(session, aksi="target_renstra.ubah" if lama else "target_renstra.tetapkan", oleh=oleh,
          objek="target_renstra", objek_id=row.id, kecamatan_id=kecamatan_id, sebelum=sebelum,
          sesudah={"indikator": ind.kode, "tahun_awal": tahun_awal, "tahun_akhir": tahun_akhir, "nilai": nilai})
    return row


# ---------------------------------------------------------------- file names


def nama_berkas(dokumen: TabelPengukuran | BabPengukuran, ekstensi: str) -> str:
    """The file name a download carries.

    >>> t = TabelPengukuran("Poncokusumo", "Malang", 2026, 3, "Triwulan III 2026", (), date(2026, 10, 5), None)
    >>> nama_berkas(t, "xlsx")
    'Pengukuran Kinerja Poncokusumo Triwulan III 2026.xlsx'
    >>> nama_berkas(BabPengukuran("Poncokusumo", "Malang", 2026, "Tahun 2026", (), date(2027, 1, 20), None), "pdf")
    'Laporan Kinerja Poncokusumo 2026 Bab Pengukuran Kinerja.pdf'
    """
    if isinstance(dokumen, TabelPengukuran):
        nama = f"Pengukuran Kinerja {dokumen.kecamatan} {dokumen.periode}"
    else:
        nama = f"Laporan Kinerja {dokumen.kecamatan} {dokumen.tahun} Bab Pengukuran Kinerja"
    return "".join(c for c in nama if c not in '\\/:*?"<>|') + f".{ekstensi.lstrip('.')}"


# ---------------------------------------------------------------- as a workbook

_ANGKA = "#,##0.00"
_ISI_KEPALA = PatternFill("solid", fgColor="DDEBF7")


@dataclass(frozen=True)
class _Kolom:
    judul: str
    lebar: float  # millimetres in the PDF; the workbook's width follows from it
    angka: bool = False  # a number (printed right-aligned; a numeric cell in the workbook)


def _sel(nilai: str | float | None) -> str | float | None:
    return bulatkan(nilai, 2) if isinstance(nilai, (int, float)) else nilai


def _isi_lembar(ws: Worksheet, kepala: Sequence[str], kolom: Sequence[_Kolom],
                baris: Sequence[Sequence[str | float | None]]) -> None:
    """Heading lines, the header row and the rows: numbers rounded as printed, with two decimals; empty is empty."""
    for n, teks in enumerate(kepala, start=1):
        ws.cell(row=n, column=1, value=teks).font = Font(bold=n == 1, size=13 if n == 1 else 11)
    mulai = len(kepala) + 2
    for i, k in enumerate(kolom, start=1):
        c = ws.cell(row=mulai, column=i, value=k.judul)
        c.font, c.fill = Font(bold=True), _ISI_KEPALA
        c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[get_column_letter(i)].width = max(6.0, k.lebar / 2.2)
    for r, isi in enumerate(baris, start=mulai + 1):
        for i, (k, nilai) in enumerate(zip(kolom, isi, strict=True), start=1):
            c = ws.cell(row=r, column=i, value=_sel(nilai) if k.angka else nilai)
            c.alignment = Alignment(wrap_text=not k.angka, vertical="top")
            if k.angka:
                c.number_format = _ANGKA
    ws.freeze_panes = ws.cell(row=mulai + 1, column=1)


def _buku(lembar: Sequence[tuple[str, Sequence[str], Sequence[_Kolom], Sequence[Sequence]]]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for judul, kepala, kolom, baris in lembar:
        _isi_lembar(wb.create_sheet(judul), kepala, kolom, baris)
    return simpan_xlsx(wb)


def _kepala(judul: str, kecamatan: str, kabupaten: str, periode: str, dicetak: date) -> list[str]:
    return [f"{judul} Kecamatan {kecamatan}", f"Kabupaten {kabupaten}", periode,
            f"Dicetak {tanggal_panjang(dicetak)}"]


KOLOM_PENGUKURAN = (
    _Kolom("No", 8), _Kolom("Sasaran", 36), _Kolom("Kode", 14), _Kolom("Indikator Kinerja", 46),
    _Kolom("Satuan", 14), _Kolom("Target", 17, True), _Kolom("Dasar capaian", 22), _Kolom("Realisasi", 17, True),
    _Kolom("Capaian (%)", 17, True), _Kolom("Predikat", 19), _Kolom("Rumus capaian", 35), _Kolom("Status", 32))
PERSEN_PENGUKURAN = 8  # the column of capaian (%)


def _isi_pengukuran(b: BarisPengukuran, no: int) -> list:
    return [no, b.sasaran or "", b.kode, b.indikator, b.satuan, b.target, f"terhadap {b.terhadap}", b.realisasi,
            b.capaian, b.predikat or "", b.rumus, b.status]


def xlsx_pengukuran(tabel: TabelPengukuran) -> bytes:
    """The quarter's Pengukuran Kinerja as a workbook: one sheet, with whether each IKU is on plan (where the quarter
    has its own target) and the engine's reasons in the last columns."""
    kolom = (*KOLOM_PENGUKURAN, _Kolom("Rencana aksi", 24), _Kolom("Keterangan", 60))
    baris = [[*_isi_pengukuran(b, no), b.rencana_aksi or "", b.keterangan or ""]
             for no, b in enumerate(tabel.baris, start=1)]
    kepala = _kepala("Pengukuran Kinerja", tabel.kecamatan, tabel.kabupaten, tabel.periode, tabel.dicetak)
    return _buku([("Pengukuran Kinerja", kepala, kolom, baris)])


def _kolom_tahunan(tahun: int) -> tuple[_Kolom, ...]:
    return (_Kolom("No", 7), _Kolom("Kode", 13), _Kolom("Indikator Kinerja", 45), _Kolom("Satuan", 13),
            _Kolom(f"Target {tahun}", 16, True), _Kolom(f"Realisasi {tahun}", 16, True),
            _Kolom(f"Capaian {tahun} (%)", 16, True), _Kolom("Predikat", 17),
            _Kolom(f"Realisasi {tahun - 1}", 16, True), _Kolom(f"Capaian {tahun - 1} (%)", 16, True),
            _Kolom("Periode Renstra", 17), _Kolom("Target akhir Renstra", 16, True),
            _Kolom("Capaian thd. target Renstra (%)", 18, True), _Kolom("Keterangan", 51))


def _keterangan_bab(b: BarisBab, tahun: int) -> str:
    bagian = [f"{tahun}: {b.tahun.keterangan}" if b.tahun.keterangan else "",
              f"{tahun - 1}: {b.lalu.keterangan}" if b.lalu.keterangan else ""]
    return "; ".join(x for x in bagian if x)


def _isi_tahunan(b: BarisBab, no: int, tahun: int) -> list:
    r = b.terhadap_renstra
    return [no, b.kode, b.indikator, b.satuan, b.target, b.tahun.realisasi, b.tahun.capaian, b.tahun.predikat or "",
            b.lalu.realisasi, b.lalu.capaian, b.renstra or "", b.target_renstra, r.capaian if r else None,
            _keterangan_bab(b, tahun)]


KOLOM_TRIWULAN = (_Kolom("No", 7), _Kolom("Kode", 13), _Kolom("Indikator Kinerja", 50), _Kolom("Satuan", 13),
                  _Kolom("Target", 16, True),
                  *[_Kolom(f"{jenis} TW {ROMAWI[n]}", 17, True) for n in range(1, 5)
                    for jenis in ("Realisasi", "Capaian (%)")],
                  _Kolom("Rumus capaian", 42))


def _isi_triwulan(b: BarisBab, no: int) -> list:
    return [no, b.kode, b.indikator, b.satuan, b.target,
            *[x for u in b.triwulan for x in (u.realisasi, u.capaian)], b.rumus]


CATATAN_BAB = ("Hanya angka resmi (disahkan Camat). Realisasi dan capaian triwulan dihitung sampai dengan triwulan "
               "itu menurut cara indikator menggabungkan triwulan, terhadap target triwulan itu bila Rencana Aksi "
               "menetapkannya, selain itu terhadap target tahun; capaian tahun terhadap target tahun. Sel kosong "
               "atau \"-\": belum tersedia (bukan 0).")


def xlsx_bab(bab: BabPengukuran) -> bytes:
    """The Laporan Kinerja's measurement chapter as a workbook: the year, then the quarters."""
    kepala = _kepala("Pengukuran Kinerja", bab.kecamatan, bab.kabupaten, f"Laporan Kinerja {bab.periode}",
                     bab.dicetak)
    return _buku([
        ("Capaian Tahunan", kepala, _kolom_tahunan(bab.tahun),
         [_isi_tahunan(b, no, bab.tahun) for no, b in enumerate(bab.baris, start=1)]),
        ("Capaian per Triwulan", kepala, KOLOM_TRIWULAN,
         [_isi_triwulan(b, no) for no, b in enumerate(bab.baris, start=1)]),
    ])


# ---------------------------------------------------------------- as a PDF

def _teks_pdf(nilai: str | float | None, angka: bool, desimal: int) -> str:
    if angka and not isinstance(nilai, str):
        return format_angka(nilai, desimal) if desimal else tulis_angka(nilai)
    return "" if nilai is None else str(nilai)


def _kop(pdf: LembarPdf, judul: str, kecamatan: str, kabupaten: str, identitas: Sequence[tuple[str, str]]) -> None:
    kop(pdf, judul.upper(), kecamatan, kabupaten)
    for label, nilai in identitas:
        pdf.cell(24, 5, label)
        pdf.cell(0, 5, f": {nilai}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _tabel_pdf(pdf: LembarPdf, kolom: Sequence[_Kolom], baris: Sequence[Sequence], persen: set[int],
               kosong: str) -> None:
    """A table; numbers right-aligned in Indonesian format, two decimals in the columns of `persen`."""
    pdf.set_font("dejavu", size=7)
    with pdf.table(col_widths=[k.lebar for k in kolom], width=sum(k.lebar for k in kolom), align="LEFT",
                   v_align="TOP", line_height=3.4, padding=1, headings_style=GAYA_KEPALA) as tabel:
        r = tabel.row()
        for k in kolom:
            r.cell(k.judul, align="C", v_align="MIDDLE")
        for isi in baris:
            r = tabel.row()
            for i, (k, nilai) in enumerate(zip(kolom, isi, strict=True)):
                r.cell(_teks_pdf(nilai, k.angka, 2 if i in persen else 0), align="R" if k.angka else "L")
        if not baris:
            tabel.row().cell(kosong, colspan=len(kolom), align="C")


def _catatan(pdf: LembarPdf, teks: str) -> None:
    pdf.set_font("dejavu", size=7)
    pdf.multi_cell(0, 3.5, teks, new_x="LMARGIN", new_y="NEXT")


def _tanda_tangan(pdf: LembarPdf, kecamatan: str, dicetak: date, camat: Penandatangan | None) -> None:
    tanda_tangan(pdf, kecamatan, tanggal_panjang(dicetak), camat)


def _status_cetak(b: BarisPengukuran) -> str:
    teks = f"{b.status} ({b.keterangan})" if b.keterangan else b.status
    return f"{teks}; {b.rencana_aksi}" if b.rencana_aksi else teks


def pdf_pengukuran(tabel: TabelPengukuran) -> bytes:
    """The quarter's Pengukuran Kinerja as an A4 landscape PDF with the Camat's signature block."""
    pdf = LembarPdf()
    pdf.set_title(f"Pengukuran Kinerja - {tabel.kecamatan} - {tabel.periode}")
    _kop(pdf, "Pengukuran Kinerja", tabel.kecamatan, tabel.kabupaten,
         (("Kecamatan", tabel.kecamatan), ("Periode", tabel.periode), ("Dicetak", tanggal_panjang(tabel.dicetak))))
    baris = [[*_isi_pengukuran(b, no)[:-1], _status_cetak(b)] for no, b in enumerate(tabel.baris, start=1)]
    _tabel_pdf(pdf, KOLOM_PENGUKURAN, baris, {PERSEN_PENGUKURAN}, "Kantor ini belum memiliki IKU.")
    sampai = label_periode(tabel.tahun, tabel.triwulan)
    _catatan(pdf, f"Realisasi dan capaian sampai dengan {sampai} terhadap target triwulan "
                  f"{ROMAWI[tabel.triwulan]} menurut Rencana Aksi bila ditetapkan, selain itu terhadap target tahun "
                  f"{tabel.tahun} (kolom Dasar capaian). Resmi: angka yang disahkan Camat; Sementara: memuat angka "
                  "yang belum disahkan. \"-\": belum tersedia (bukan 0).")
    _tanda_tangan(pdf, tabel.kecamatan, tabel.dicetak, tabel.camat)
    return bytes(pdf.output())


def _teks_renstra(b: BarisBab) -> str:
    return f"{tulis_angka(b.target_renstra)} ({b.renstra})" if b.renstra else "-"


def pdf_bab(bab: BabPengukuran) -> bytes:
    """The Laporan Kinerja's measurement chapter as an A4 landscape PDF: the year's table, then the quarters'."""
    pdf = LembarPdf()
    pdf.set_title(f"Pengukuran Kinerja - {bab.kecamatan} - {bab.periode}")
    identitas = (("Kecamatan", bab.kecamatan), ("Periode", f"Laporan Kinerja {bab.periode}"),
                 ("Dicetak", tanggal_panjang(bab.dicetak)))
    _kop(pdf, f"Pengukuran Kinerja {bab.periode}", bab.kecamatan, bab.kabupaten, identitas)
    kolom = _kolom_tahunan(bab.tahun)
    kolom = (*kolom[:10], _Kolom("Target akhir Renstra (periode)", 33), *kolom[12:])
    baris = [[*(isi := _isi_tahunan(b, no, bab.tahun))[:10], _teks_renstra(b), *isi[12:]]
             for no, b in enumerate(bab.baris, start=1)]
    _tabel_pdf(pdf, kolom, baris, {6, 9, 11}, "Kantor ini belum memiliki IKU.")
    pdf.ln(4)
    pdf.set_font("dejavu", "B", 9)
    pdf.cell(0, 5, f"Capaian per triwulan {bab.tahun}", new_x="LMARGIN", new_y="NEXT")
    _tabel_pdf(pdf, KOLOM_TRIWULAN, [_isi_triwulan(b, no) for no, b in enumerate(bab.baris, start=1)],
               {6, 8, 10, 12}, "Kantor ini belum memiliki IKU.")
    _catatan(pdf, CATATAN_BAB)
    _tanda_tangan(pdf, bab.kecamatan, bab.dicetak, bab.camat)
    return bytes(pdf.output())
