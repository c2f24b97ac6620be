"""The year's targets and the Rencana Aksi's quarterly targets of an office, as an Excel template and back.

The template holds one row per IKU of the office with the targets in force, and (hidden) the ids of those targets:
an import made after someone else changed a target is refused for that row, as the IKU & Target form refuses it.
Reading it back checks every row (numbers, codes, then each change through models.perencanaan.target.ubah_target,
with the form's own messages) and writes all of it or nothing, in the caller's one transaction.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from openpyxl.styles import Alignment
from sqlmodel import Session

from models.akun.peran import PENGATUR_TARGET
from models.kinerja.iku import iku_kantor, target_berlaku
from models.perencanaan.target import ubah_target
from models.tables import Indikator, Kecamatan, User
from models.umum.angka import baca_angka, tulis_angka
from models.umum.audit import catat
from models.umum.lembar_kerja import baris_templat, buku_templat, simpan_xlsx
from models.umum.penolakan import Ditolak
from models.umum.periode import ROMAWI

LEMBAR = "Target"
TRIWULAN = (1, 2, 3, 4)
JUDUL_NILAI = ["Target tahun", *(f"Target TW {ROMAWI[n]}" for n in TRIWULAN)]
JUDUL_ID = ["Id target tahun", *(f"Id target TW {ROMAWI[n]}" for n in TRIWULAN)]  # hidden
KOLOM = ["Kode", "Indikator", "Satuan", "Agregasi", *JUDUL_NILAI, "Alasan perubahan", *JUDUL_ID]
K_NILAI = 4  # index of "Target tahun"; the quarters follow
K_ALASAN = K_NILAI + 5
K_ID = K_ALASAN + 1
BARIS_JUDUL = 6  # header row; rows above name the office, the year and how to fill it
MAKS_BARIS = 500  # the bound every uploaded sheet is read within (README, Access)
AGREGASI = {"kumulatif": "kumulatif: target s.d. triwulan N",
            "terakhir": "terakhir: target triwulan itu sendiri",
            "rata-rata": "rata-rata: target triwulan itu sendiri"}


def templat(session: Session, *, kecamatan_id: int, tahun: int) -> bytes:
    """The template of an office's year: every IKU with its year's and quarters' targets in force (and their ids)."""
    kec = session.get(Kecamatan, kecamatan_id)
    if kec is None:
        raise Ditolak("Kecamatan tidak ditemukan.")
    wb, ws = buku_templat(
        lembar=LEMBAR, judul=f"Target IKU dan Rencana Aksi Kecamatan {kec.nama}", isian=[("Tahun", tahun)],
        kolom=KOLOM, baris_judul=BARIS_JUDUL, bungkus=True,
        catatan=["Isi Target tahun (Perjanjian Kinerja) dan target tiap triwulan (Rencana Aksi). Jangan mengubah "
                 "kolom Kode. Angka boleh ditulis 1.234,5.",
                 "Agregasi kumulatif: target TW N adalah yang harus tercapai sampai akhir triwulan N. Agregasi "
                 "terakhir dan rata-rata: target triwulan itu sendiri.",
                 "Sel triwulan kosong berarti tidak ada target triwulan (diukur terhadap target tahun); mengosongkan "
                 "target yang ada menghapusnya. Setiap perubahan atau penghapusan wajib disertai Alasan perubahan."])
    for n, ind in enumerate(iku_kantor(session, kecamatan_id), start=BARIS_JUDUL + 1):
        berlaku = [target_berlaku(session, indikator_id=ind.id, kecamatan_id=kecamatan_id, tahun=tahun,
                                  triwulan=tw) for tw in (None, *TRIWULAN)]
        ws.append([ind.kode, ind.nama, ind.satuan, AGREGASI.get(ind.agregasi, ind.agregasi),
                   *(t.nilai if t else None for t in berlaku), None, *(t.id if t else None for t in berlaku)])
        for kol in (2, 4):
            ws.cell(row=n, column=kol).alignment = Alignment(wrap_text=True, vertical="top")
    for i, lebar in enumerate((10, 48, 10, 22, 13, 13, 13, 13, 13, 36), start=1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = lebar
    for i in range(K_ID + 1, len(KOLOM) + 1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].hidden = True
    ws.freeze_panes = f"A{BARIS_JUDUL + 1}"
    return simpan_xlsx(wb)


@dataclass
class BarisTarget:
    """One row of the sheet: what it asks for, and what importing it changed (or why it is refused)."""
    baris: int  # as Excel numbers it
    kode: str
    nama: str
    perubahan: list[str] = field(default_factory=list)  # "Target TW II: 20 menjadi 25", …
    masalah: list[str] = field(default_factory=list)  # each naming the row

    @property
    def hasil(self) -> str:
        if self.masalah:
            return " ".join(self.masalah)
        return "; ".join(self.perubahan) + "." if self.perubahan else "Tidak berubah."


@dataclass
class HasilImporTarget:
    tahun: int
    baris: list[BarisTarget]
    ditetapkan: int = 0  # targets set where there was none
    diubah: int = 0
    dihapus: int = 0

    @property
    def baris_berubah(self) -> int:
        return sum(1 for b in self.baris if b.perubahan)


@dataclass
class _Isian:
    baris: BarisTarget
    ind: Indikator
    nilai: list[float | None]  # the year's, then quarters I..IV
    harapan: list[int | None]  # the ids of the targets in force when the template was made
    alasan: str | None


def _teks(v: Any) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    return s or None


def _id(v: Any) -> int | None:
    if _teks(v) is None:
        return None
    if isinstance(v, bool):
        raise ValueError
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return int(str(v).strip())


def _tahun(semua: list[tuple], tahun: int | None) -> int:
    th = semua[1][1] if len(semua) > 1 and len(semua[1]) > 1 else None
    try:
        hasil = int(str(th).strip())
    except (TypeError, ValueError):
        raise Ditolak("Tahun di sel B2 tidak terbaca.") from None
    if not 2000 <= hasil <= 2100:
        raise Ditolak("Tahun di sel B2 tidak sah.")
    if tahun is not None and hasil != tahun:
        raise Ditolak(f"Berkas ini target tahun {hasil}, bukan {tahun}.")
    return hasil


def _baca(session: Session, data: bytes, *, kecamatan_id: int, tahun: int | None) -> tuple[int, list[_Isian],
                                                                                          list[BarisTarget]]:
    """The sheet's year, its readable rows, and every row (with the problems of those that are not readable)."""
    semua = baris_templat(data, lembar=LEMBAR, kolom=KOLOM, baris_judul=BARIS_JUDUL, maks_baris=MAKS_BARIS,
                          nama_baris="IKU", halaman="halaman IKU & Target")
    th = _tahun(semua, tahun)
    iku = {i.kode: i for i in iku_kantor(session, kecamatan_id)}
    isian: list[_Isian] = []
    semua_baris: list[BarisTarget] = []
    dilihat: dict[str, int] = {}
    for n, sel in enumerate(semua[BARIS_JUDUL:], start=BARIS_JUDUL + 1):
        isi = list(sel) + [None] * (len(KOLOM) - len(sel))
        if all(_teks(x) is None for x in isi):
            continue
        kode = _teks(isi[0]) or ""
        b = BarisTarget(n, kode, _teks(isi[1]) or "")
        semua_baris.append(b)
        ind = iku.get(kode)
        if ind is None:
            b.masalah.append(f'Baris {n}: kode "{kode}" bukan IKU kantor ini.')
            continue
        b.nama = ind.nama
        if kode in dilihat:
            b.masalah.append(f"Baris {n}: {kode} sudah ada di baris {dilihat[kode]}.")
            continue
        dilihat[kode] = n
        nilai: list[float | None] = []
        for k, judul in enumerate(JUDUL_NILAI):
            try:
                nilai.append(baca_angka(isi[K_NILAI + k]))
            except Ditolak as e:
                b.masalah.append(f"Baris {n} ({kode}) {judul}: {e}.")
        harapan: list[int | None] = []
        for k, judul in enumerate(JUDUL_ID):
            try:
                harapan.append(_id(isi[K_ID + k]))
            except (TypeError, ValueError):
                b.masalah.append(f"Baris {n} ({kode}): kolom tersembunyi {judul} rusak; unduh templat baru.")
        if not b.masalah:
            isian.append(_Isian(b, ind, nilai, harapan, _teks(isi[K_ALASAN])))
    if not semua_baris:
        raise Ditolak("Lembar tidak berisi baris IKU.")
    return th, isian, semua_baris


def _terapkan(session: Session, x: _Isian, hasil: HasilImporTarget, *, kecamatan_id: int, oleh: User) -> None:
    """The row's year and quarters, in the form's order, through the form's function; the first refusal is noted."""
    b = x.baris
    for k, tw in enumerate((None, *TRIWULAN)):
        judul = JUDUL_NILAI[k]
        lama = target_berlaku(session, indikator_id=x.ind.id, kecamatan_id=kecamatan_id, tahun=hasil.tahun,
                              triwulan=tw)
        nilai, harap = x.nilai[k], x.harapan[k]
        if tw is None and nilai is None and lama is None and harap is None:
            continue  # no year's target, none asked for
        try:
            h = ubah_target(session, indikator_id=x.ind.id, kecamatan_id=kecamatan_id, tahun=hasil.tahun,
                            nilai=nilai, oleh=oleh, alasan=x.alasan, diharapkan=harap, triwulan=tw)
        except Ditolak as e:
            b.masalah.append(f"Baris {b.baris} ({b.kode}): {e}")
            return
        if h.dihapus and lama is not None:
            hasil.dihapus += 1
            b.perubahan.append(f"{judul} dihapus (sebelumnya {tulis_angka(lama.nilai)})")
        elif h.target is not None and lama is None:
            hasil.ditetapkan += 1
            b.perubahan.append(f"{judul} ditetapkan {tulis_angka(h.target.nilai)}")
        elif h.target is not None and lama is not None and h.target.id != lama.id:
            hasil.diubah += 1
            b.perubahan.append(f"{judul}: {tulis_angka(lama.nilai)} menjadi {tulis_angka(h.target.nilai)}")
        b.perubahan += [f"capaian resmi {c}" for c in h.capaian_resmi
                        if f"capaian resmi {c}" not in b.perubahan]


def impor(session: Session, data: bytes, *, kecamatan_id: int, oleh: User,
          tahun: int | None = None) -> HasilImporTarget:
    """Import a filled template in the caller's one transaction: every row checked, then every change made, or
    Ditolak naming each refused row (the caller rolls back, so nothing is written). Audited: each target's change by
    ubah_target, and one `target.impor` row with the counts.

    An empty cell where a target is in force removes it (a quarter's; with a reason); where none is, means none. A
    row equal to the targets in force writes nothing. `tahun`: the year the sheet must be for (None: its own)."""
    if oleh.kecamatan_id != kecamatan_id or oleh.role_kode not in PENGATUR_TARGET:
        raise Ditolak("Hanya Camat, Kasubag Evapor atau Kasubag Perencanaan dan Keuangan kecamatan ini yang dapat "
                      "mengimpor target.", aksi="target.impor", objek="target", kecamatan_id=kecamatan_id)
    th, isian, semua = _baca(session, data, kecamatan_id=kecamatan_id, tahun=tahun)
    hasil = HasilImporTarget(th, semua)
    for x in isian:
        _terapkan(session, x, hasil, kecamatan_id=kecamatan_id, oleh=oleh)
        if not session.is_active:  # a flush refused by the database: the transaction can go no further
            break
    masalah = [m for b in semua for m in b.masalah]
    if masalah:
        raise Ditolak(f"{sum(1 for b in semua if b.masalah)} baris bermasalah; tidak ada yang disimpan. Perbaiki "
                      "berkas lalu unggah lagi.\n" + "\n".join(masalah),
                      aksi="target.impor", objek="target", kecamatan_id=kecamatan_id)
    catat(session, aksi="target.impor", oleh=oleh, objek="target", kecamatan_id=kecamatan_id,
          sesudah={"tahun": th, "baris": len(semua), "baris_berubah": hasil.baris_berubah,
                   "ditetapkan": hasil.ditetapkan, "diubah": hasil.diubah, "dihapus": hasil.dihapus},
          keterangan=f"Impor target {th}: {hasil.baris_berubah} dari {len(semua)} IKU berubah ({hasil.ditetapkan} "
                     f"target ditetapkan, {hasil.diubah} diubah, {hasil.dihapus} dihapus).")
    return hasil
