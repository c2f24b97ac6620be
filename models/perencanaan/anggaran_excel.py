"""The DPA's Excel round trip: a template pre-filled with the year's sub kegiatan (the sasaran column offers the
office's IKU sasaran as a list), read back row by row with each row's problems, and written all or nothing.

An import merges: a row whose kode sub kegiatan is already in the year's DPA changes it, a new code adds one, and
a sub kegiatan missing from the sheet stays, unless the person asks to replace the whole DPA (then it is removed).
"""
from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from openpyxl.worksheet.datavalidation import DataValidation
from sqlmodel import Session

from models.perencanaan.anggaran import (
    IsianAnggaran,
    baris_dpa,
    pastikan_boleh,
    periksa_isian,
    periksa_nama_kode,
    rekam,
    sasaran_kantor,
    tulis_baris,
)
from models.tables import Anggaran, Kecamatan, User
from models.umum.audit import catat
from models.umum.lembar_kerja import baris_templat, buku_templat, simpan_xlsx
from models.umum.penolakan import Ditolak

LEMBAR = "DPA"
LEMBAR_SASARAN = "Sasaran"
KOLOM = ["Kode program", "Program", "Kode kegiatan", "Kegiatan", "Kode sub kegiatan", "Sub kegiatan", "Sasaran",
         "Pagu (Rp)", "Realisasi TW I (Rp)", "Realisasi TW II (Rp)", "Realisasi TW III (Rp)", "Realisasi TW IV (Rp)"]
BARIS_JUDUL = 5  # header row; rows above name the office and the year
MAKS_BARIS = 500  # the bound every uploaded sheet is read within (README, Access)


def templat(session: Session, *, kecamatan_id: int, tahun: int) -> bytes:
    """The template for an office's DPA of a year, with the sub kegiatan already stored filled in."""
    kec = session.get(Kecamatan, kecamatan_id)
    if kec is None:
        raise Ditolak("Kecamatan tidak ditemukan.")
    wb, ws = buku_templat(
        lembar=LEMBAR, judul=f"DPA Kecamatan {kec.nama}", isian=[("Tahun", tahun)], kolom=KOLOM,
        baris_judul=BARIS_JUDUL, bungkus=True,
        catatan=["Satu baris satu sub kegiatan. Pagu dan realisasi dalam rupiah utuh; realisasi tiap triwulan adalah "
                 "belanja triwulan itu saja (bukan kumulatif).",
                 "Sel realisasi kosong berarti belum diisi (bukan 0). Kolom Sasaran: pilih sasaran IKU yang dilayani "
                 "sub kegiatan, atau kosongkan."])
    for r in baris_dpa(session, kecamatan_id, tahun):
        ws.append([r.kode_program, r.program, r.kode_kegiatan, r.kegiatan, r.kode_sub_kegiatan, r.sub_kegiatan,
                   r.sasaran, r.pagu, r.realisasi_1, r.realisasi_2, r.realisasi_3, r.realisasi_4])
    for baris in ws.iter_rows(min_row=BARIS_JUDUL + 1, min_col=8, max_col=12):
        for sel in baris:
            sel.number_format = "#,##0"
    for huruf, lebar in zip("ABCDEFGHIJKL", (14, 40, 16, 40, 20, 44, 44, 18, 18, 18, 18, 18)):
        ws.column_dimensions[huruf].width = lebar
    sasaran = sasaran_kantor(session, kecamatan_id)
    if sasaran:
        daftar = wb.create_sheet(LEMBAR_SASARAN)
        for s in sasaran:
            daftar.append([s])
        daftar.column_dimensions["A"].width = 80
        dv = DataValidation(type="list", formula1=f"={LEMBAR_SASARAN}!$A$1:$A${len(sasaran)}", allow_blank=True,
                            showErrorMessage=True, errorTitle="Sasaran",
                            error="Pilih salah satu sasaran IKU kantor ini, atau kosongkan.")
        ws.add_data_validation(dv)
        dv.add(f"G{BARIS_JUDUL + 1}:G{BARIS_JUDUL + MAKS_BARIS}")
    ws.freeze_panes = f"A{BARIS_JUDUL + 1}"
    return simpan_xlsx(wb)


@dataclass(frozen=True)
class BarisDpa:
    baris: int  # as Excel numbers it
    kode_sub_kegiatan: str
    sub_kegiatan: str
    nilai: dict[str, Any] | None  # the checked values; None when refused
    pesan: str  # "Baris 7: …" for a refused row; what will happen for a valid one
    aksi: str  # "baru" | "ubah" | "sama" | "salah"

    @property
    def sah(self) -> bool:
        return self.nilai is not None

    @property
    def hasil(self) -> str:
        """What saving does with the row, or why it cannot, as the preview prints it."""
        if self.nilai is None:
            return self.pesan.split(": ", 1)[-1]
        return {"baru": "Baru", "ubah": "Diubah"}.get(self.aksi, "Tidak berubah")


@dataclass(frozen=True)
class PratinjauDpa:
    baris: list[BarisDpa]
    dihapus: list[Anggaran]  # sub kegiatan the replacement would remove (empty when merging)
    masalah: list[str]  # every problem, each naming its row

    @property
    def bersih(self) -> bool:
        return not self.masalah


def _isi(v: Any) -> Any:
    return v.strip() if isinstance(v, str) else v


def baca(session: Session, data: bytes, *, kecamatan_id: int, tahun: int, ganti: bool = False) -> PratinjauDpa:
    """Every row of an uploaded DPA sheet checked, with what saving it would do; nothing is written."""
    semua = baris_templat(data, lembar=LEMBAR, kolom=KOLOM, baris_judul=BARIS_JUDUL, maks_baris=MAKS_BARIS,
                          nama_baris="sub kegiatan")
    th = semua[1][1] if len(semua[1]) > 1 else None
    try:
        th = int(str(th).strip())
    except (TypeError, ValueError):
        raise Ditolak("Tahun di sel B2 tidak terbaca.") from None
    if th != tahun:
        raise Ditolak(f"Berkas ini DPA tahun {th}, bukan {tahun}.")
    sasaran = sasaran_kantor(session, kecamatan_id)
    ada = {r.kode_sub_kegiatan: r for r in baris_dpa(session, kecamatan_id, tahun)}
    hasil: list[BarisDpa] = []
    dilihat: dict[str, int] = {}
    for n, sel in enumerate(semua[BARIS_JUDUL:], start=BARIS_JUDUL + 1):
        isi = [_isi(x) for x in list(sel) + [None] * (len(KOLOM) - len(sel))]
        if all(x in (None, "") for x in isi):
            continue
        kode, nama = str(isi[4] or ""), str(isi[5] or "")
        isian = IsianAnggaran(kode_program=isi[0], program=isi[1], kode_kegiatan=isi[2], kegiatan=isi[3],
                              kode_sub_kegiatan=isi[4], sub_kegiatan=isi[5], sasaran=isi[6], pagu=isi[7],
                              realisasi=(isi[8], isi[9], isi[10], isi[11]))
        try:
            nilai = periksa_isian(isian, sasaran_sah=sasaran)
        except Ditolak as e:
            hasil.append(BarisDpa(n, kode, nama, None, f"Baris {n}: {e}", "salah"))
            continue
        kode = nilai["kode_sub_kegiatan"]
        if kode in dilihat:
            hasil.append(BarisDpa(n, kode, nama, None, f"Baris {n}: kode sub kegiatan {kode} sudah ada di baris "
                                  f"{dilihat[kode]}.", "salah"))
            continue
        dilihat[kode] = n
        lama = ada.get(kode)
        if lama is None:
            aksi, pesan = "baru", "Sub kegiatan baru."
        elif {k: getattr(lama, k) for k in nilai} == nilai:
            aksi, pesan = "sama", "Tidak berubah."
        else:
            aksi, pesan = "ubah", "Mengubah sub kegiatan yang sudah ada."
        hasil.append(BarisDpa(n, kode, nilai["sub_kegiatan"], nilai, pesan, aksi))
    if not hasil:
        raise Ditolak("Lembar tidak berisi baris sub kegiatan.")
    masalah = [b.pesan for b in hasil if not b.sah]
    # One code, one name: across the sheet, and with what the DPA keeps when merging.
    sah = [b for b in hasil if b.sah]
    tetap = [] if ganti else [r for k, r in ada.items() if k not in dilihat]
    masalah += periksa_nama_kode([*tetap, *(SimpleNamespace(**b.nilai) for b in sah if b.nilai is not None)])
    dihapus = [r for k, r in ada.items() if k not in dilihat] if ganti else []
    return PratinjauDpa(hasil, dihapus, masalah)


@dataclass(frozen=True)
class HasilImpor:
    baru: int
    diubah: int
    sama: int
    dihapus: int


def simpan(session: Session, data: bytes, *, kecamatan_id: int, tahun: int, oleh: User,
           ganti: bool = False) -> HasilImpor:
    """Read the sheet again and write every row, in the caller's one transaction, or nothing when any row is
    refused (the message names each). Audited as one entry with the counts."""
    pastikan_boleh(session, oleh, kecamatan_id, "anggaran.impor")
    pr = baca(session, data, kecamatan_id=kecamatan_id, tahun=tahun, ganti=ganti)
    if not pr.bersih:
        raise Ditolak(f"{len(pr.masalah)} masalah pada lembar; tidak ada yang disimpan. " + " ".join(pr.masalah),
                      aksi="anggaran.impor", objek="anggaran", kecamatan_id=kecamatan_id)
    ada = {r.kode_sub_kegiatan: r for r in baris_dpa(session, kecamatan_id, tahun)}
    for r in pr.dihapus:
        session.delete(r)
    session.flush()
    hitung = {"baru": 0, "ubah": 0, "sama": 0}
    diubah: dict[str, dict] = {}  # what each changed sub kegiatan held, for the audit
    for b in pr.baris:
        assert b.nilai is not None  # the sheet is clean
        hitung[b.aksi] += 1
        if b.aksi == "baru":
            session.add(Anggaran(kecamatan_id=kecamatan_id, tahun=tahun, diubah_oleh=oleh.id, **b.nilai))
        elif b.aksi == "ubah":
            diubah[b.kode_sub_kegiatan] = rekam(ada[b.kode_sub_kegiatan])
            tulis_baris(session, ada[b.kode_sub_kegiatan], b.nilai, oleh)
    session.flush()
    hasil = HasilImpor(hitung["baru"], hitung["ubah"], hitung["sama"], len(pr.dihapus))
    catat(session, aksi="anggaran.impor", oleh=oleh, objek="anggaran", kecamatan_id=kecamatan_id,
          sesudah={"tahun": tahun, "ganti": ganti, **hasil.__dict__,
                   "dihapus_kode": [r.kode_sub_kegiatan for r in pr.dihapus]},
          sebelum={"dihapus": [rekam(r) for r in pr.dihapus], "diubah": diubah} if pr.dihapus or diubah else None,
          keterangan=f"Impor DPA {tahun}: {hasil.baru} baru, {hasil.diubah} diubah, {hasil.sama} tidak berubah, "
                     f"{hasil.dihapus} dihapus.")
    return hasil
