"""Excel round trip of a quarter's figures: a template pre-filled with the office's IKU and targets, read back
row by row with each row's result, applied all or nothing."""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from openpyxl.styles import Alignment
from sqlmodel import Session

from models.kinerja.iku import iku_kantor, pengumpulan_bersama, target_berlaku
from models.kinerja.realisasi import (
    BISA_DIUBAH,
    Isian,
    cari,
    periksa_isian,
    simpan_draf,
)
from models.tables import Kecamatan, User
from models.umum.lembar_kerja import baca_baris, buka_xlsx, buku_templat, simpan_xlsx
from models.umum.penolakan import Ditolak
from models.umum.periode import label_periode
from models.umum.status import StatusRealisasi

LEMBAR = "Realisasi"
KOLOM = ["Kode", "Indikator", "Satuan", "Target tahun", "Pembilang", "Nilai pembilang", "Penyebut",
         "Nilai penyebut", "Catatan", "Versi"]  # Versi (hidden): the version of the figure the template was made from
BARIS_JUDUL = 5  # header row; rows above name the office and the period
MAKS_BARIS = 500





def _terkunci(status: str) -> str:
    """Why a figure of the quarter cannot be changed from a spreadsheet, in the words of its status."""
    if status == StatusRealisasi.RESMI:
        return "triwulan ini sudah resmi dan terkunci; hanya Camat yang dapat membukanya kembali untuk diperbaiki."
    return (f"triwulan ini berstatus {StatusRealisasi(status).label.lower()} dan terkunci sampai dikembalikan untuk "
            "diperbaiki.")


def templat(session: Session, *, kecamatan_id: int, tahun: int, triwulan: int) -> bytes:
    """The template for one office and quarter, with figures already entered filled in."""
    kec = session.get(Kecamatan, kecamatan_id)
    if kec is None:
        raise Ditolak("Kecamatan tidak ditemukan.")
    wb, ws = buku_templat(
        lembar=LEMBAR, judul=f"Realisasi IKU Kecamatan {kec.nama}", isian=[("Tahun", tahun), ("Triwulan", triwulan)],
        kolom=KOLOM, baris_judul=BARIS_JUDUL,
        catatan=["Isi kolom Nilai pembilang, Nilai penyebut dan Catatan. Jangan mengubah kolom Kode.",
                 "Sel kosong berarti belum ada angka (bukan 0). Angka boleh ditulis 1.234,5."])
    for n, ind in enumerate(iku_kantor(session, kecamatan_id), start=BARIS_JUDUL + 1):
        t = target_berlaku(session, indikator_id=ind.id, kecamatan_id=kecamatan_id, tahun=tahun)
        r = cari(session, indikator_id=ind.id, kecamatan_id=kecamatan_id, tahun=tahun, triwulan=triwulan)
        ws.append([ind.kode, ind.nama, ind.satuan, t.nilai if t else None, ind.pembilang,
                   r.pembilang if r else None, ind.penyebut or "-", r.penyebut if r else None,
                   r.catatan if r else None, r.versi if r else None])
        for kol in (2, 5, 7):
            ws.cell(row=n, column=kol).alignment = Alignment(wrap_text=True, vertical="top")
    for huruf, lebar in zip("ABCDEFGHI", (10, 48, 8, 12, 26, 16, 26, 16, 30)):
        ws.column_dimensions[huruf].width = lebar
    ws.column_dimensions["J"].hidden = True
    return simpan_xlsx(wb)


@dataclass(frozen=True)
class BarisUnggah:
    baris: int
    kode: str
    nama: str
    isian: Isian | None  # None: skipped or refused
    pesan: str
    sah: bool


def _teks(v) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    return s or None


def baca(session: Session, data: bytes, *, kecamatan_id: int, tahun: int, triwulan: int,
         hari_ini: date | None = None) -> list[BarisUnggah]:
    """Each row of an uploaded workbook with its result; nothing is written."""
    wb = buka_xlsx(data)
    if LEMBAR not in wb.sheetnames:
        raise Ditolak(f'Lembar "{LEMBAR}" tidak ada; gunakan templat yang diunduh dari halaman ini.')
    baris = baca_baris(wb, LEMBAR, baris=BARIS_JUDUL + MAKS_BARIS, kolom=len(KOLOM) + 1)
    if len(baris) < BARIS_JUDUL or [(_teks(x) or "") for x in baris[BARIS_JUDUL - 1][:len(KOLOM)]] != KOLOM:
        raise Ditolak(f"Baris judul (baris {BARIS_JUDUL}) tidak sesuai templat; unduh templat baru.")
    try:
        th, tw = int(baris[1][1]), int(baris[2][1])
    except (TypeError, ValueError, OverflowError):
        raise Ditolak("Tahun dan triwulan di sel B2 dan B3 tidak terbaca.") from None
    if (th, tw) != (tahun, triwulan):
        raise Ditolak(f"Berkas ini untuk {label_periode(th, tw)}, bukan {label_periode(tahun, triwulan)}.")
    iku = {i.kode: i for i in iku_kantor(session, kecamatan_id)}
    hasil: list[BarisUnggah] = []
    dilihat: set[str] = set()
    for n, sel in enumerate(baris[BARIS_JUDUL:], start=BARIS_JUDUL + 1):
        isi = list(sel) + [None] * (len(KOLOM) - len(sel))
        kode = _teks(isi[0])
        if kode is None and all(_teks(x) is None for x in isi[:len(KOLOM)]):
            continue
        ind = iku.get(kode or "")
        if ind is None or kode is None:
            hasil.append(BarisUnggah(n, kode or "", _teks(isi[1]) or "", None,
                                     f'Baris {n}: kode "{kode or ""}" bukan IKU kantor ini.', False))
            continue
        if kode in dilihat:
            hasil.append(BarisUnggah(n, kode, ind.nama, None, f"Baris {n}: {kode} muncul dua kali.", False))
            continue
        dilihat.add(kode)
        pembilang, penyebut, catatan = isi[5], isi[7], _teks(isi[8])
        if _teks(pembilang) is None and _teks(penyebut) is None:
            hasil.append(BarisUnggah(n, kode, ind.nama, None, "Kosong: dilewati.", True))
            continue
        ada = cari(session, indikator_id=ind.id, kecamatan_id=kecamatan_id, tahun=tahun, triwulan=triwulan)
        versi = int(isi[9]) if isinstance(isi[9], (int, float)) and math.isfinite(isi[9]) else None
        if ada is not None and ada.status not in BISA_DIUBAH:  # what the person must know first: it is locked
            hasil.append(BarisUnggah(n, kode, ind.nama, None, f"Baris {n}: {kode} {_terkunci(ada.status)}", False))
            continue
        if (ada.versi if ada else None) != versi:
            hasil.append(BarisUnggah(n, kode, ind.nama, None, f"Baris {n}: angka {kode} telah diubah sejak templat "
                                     "ini diunduh; unduh templat baru agar perubahan itu tidak tertimpa.", False))
            continue
        isian = Isian(ind.id, pembilang, penyebut if ind.penyebut else None, catatan,
                      list(ada.bukti or []) if ada else [], versi)
        try:
            _, angka = periksa_isian(session, kecamatan_id=kecamatan_id, tahun=tahun, triwulan=triwulan,
                                     isian=isian, hari_ini=hari_ini)
        except Ditolak as e:
            hasil.append(BarisUnggah(n, kode, ind.nama, None, f"Baris {n}: {e}", False))
            continue
        aksi = "mengubah draf" if ada else "isian baru"
        hasil.append(BarisUnggah(n, kode, ind.nama, isian, f"Sah ({aksi}).", True))
    if not hasil:
        raise Ditolak("Berkas tidak berisi baris IKU.")
    return hasil


def terapkan(session: Session, baris: list[BarisUnggah], *, kecamatan_id: int, tahun: int, triwulan: int,
             oleh: User, hari_ini: date | None = None) -> int:
    """Save every valid row as a draft, in the caller's one transaction; any refusal undoes them all."""
    salah = [b for b in baris if not b.sah]
    if salah:
        raise Ditolak(f"{len(salah)} baris bermasalah; tidak ada yang disimpan. Perbaiki berkas lalu "
                               "unggah lagi.")
    n = 0
    for b in baris:
        if b.isian is not None:
            simpan_draf(session, kecamatan_id=kecamatan_id, tahun=tahun, triwulan=triwulan, isian=b.isian, oleh=oleh,
                        hari_ini=hari_ini)
            n += 1
    return n


def pesan_terapkan(session: Session, baris: list[BarisUnggah], *, kecamatan_id: int, n: int) -> str:
    """What the person reads after applying an import: the drafts saved, and how they go on in the office's own
    way of submitting (models.kinerja.iku.per_triwulan, the choice made on IKU & Target): one indicator at a time,
    or every indicator a collection SOP carries together in one submission."""
    kode = {ind.id: ind.kode for ind in iku_kantor(session, kecamatan_id)}
    bersama = pengumpulan_bersama(session, kecamatan_id)  # SOP name -> the codes it carries together
    diimpor = [kode[b.isian.indikator_id] for b in baris if b.isian is not None and b.isian.indikator_id in kode]
    sendiri = [k for k in diimpor if not any(k in ks for ks in bersama.values())]
    lewat = {nama: ks for nama, ks in bersama.items() if any(k in ks for k in diimpor)}
    awal = f"{n} realisasi disimpan sebagai draf. Periksa, lalu "
    if not lewat:
        return awal + "ajukan tiap indikator."
    cara = "; ".join(f"SOP {nama} mengajukan {', '.join(ks)} bersama dalam satu pengajuan (Ajukan ke SOP pada "
                     "salah satunya; semuanya harus sudah terisi)" for nama, ks in lewat.items())
    return awal + cara + (f"; ajukan tiap indikator lainnya ({', '.join(sendiri)})." if sendiri else ".")
