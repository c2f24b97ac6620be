"""The tables of the dashboards, each one function of (session, filter): the page shows it and the same function
feeds its CSV and Excel download, so a downloaded file always holds what the page showed."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from sqlmodel import Session, col, select

from models.akun.peran import NAMA_PERAN
from models.dasbor.kueri import (
    KartuIku,
    Saringan,
    antrian_terbuka,
    jumlah_per_kantor,
    kartu_iku,
    nama_kantor,
    per_peran,
    perbandingan,
    rekap_tindak_lanjut,
    rekomendasi_terlambat,
    seri_capaian,
    tindak_lanjut,
    triwulan_capaian,
)
from models.kinerja.capaian import batas_rerata
from models.kinerja.mesin import rata_rata_dibatasi
from models.perencanaan.pengaturan import batas_tampil
from models.sop.durasi import format_menit
from models.sop.siklus import AnalisisSiklus, analisis, dalam_baku_per_kantor
from models.tables import Indikator, Rekomendasi
from models.tindak_lanjut.rekomendasi import STATUS
from models.umum import periode
from models.umum.angka import bulatkan, format_angka, tulis_persen
from models.umum.lembar_kerja import simpan_xlsx
from models.umum.periode import ROMAWI
from models.umum.status import KeadaanCapaian, StatusRealisasi, StatusRekomendasi
from models.umum.tanggal import tanggal_panjang, waktu_panjang
from models.umum.tulis_csv import tulis_csv

Jenis = str  # teks | angka | persen | menit | tanggal | waktu | ya


@dataclass(frozen=True)
class Kolom:
    nama: str  # the header as printed
    kunci: str  # the DataFrame column
    jenis: Jenis = "teks"
    tautan: str | None = None  # a DataFrame column holding, per row, the address of the records behind the cell


@dataclass(frozen=True)
class Tabel:
    judul: str
    kolom: tuple[Kolom, ...]
    data: pd.DataFrame  # raw values: numbers as numbers, times as aware datetimes
    zona: str = "Asia/Jakarta"

    def baris(self) -> list[list]:
        return [[rec.get(k.kunci) for k in self.kolom] for rec in self.data.to_dict("records")]


def _status_angka(status: str | None, resmi: bool) -> str:
    if not isinstance(status, str):
        return "Belum diisi"
    return StatusRealisasi.RESMI.label if resmi else f"Sementara ({StatusRealisasi.label_dari(status)})"


def _dasar(terhadap: str, *nilai) -> str:
    """The note of which target a quarter is measured against ("terhadap target triwulan II"), where it has a target
    or a capaian (`nilai`); empty where it has neither."""
    ada = any(c is not None and not pd.isna(c) for c in nilai)
    return f"terhadap {terhadap}" if ada else ""


def periode_capaian(tahun: int, triwulan: int, hari_ini: date | None = None) -> str:
    """The period Beranda's capaian is of, as its headings write it: a quarter, or the year as far as it has gone.

    >>> periode_capaian(2026, 2), periode_capaian(2025, 0), periode_capaian(2026, 0, date(2026, 11, 21))
    ('triwulan II 2026', 'tahun 2025 (sampai triwulan IV)', 'tahun 2026 (sampai triwulan III)')
    """
    if triwulan:
        return f"triwulan {ROMAWI[triwulan]} {tahun}"
    return f"tahun {tahun} (sampai triwulan {ROMAWI[triwulan_capaian(tahun, 0, hari_ini)]})"


def tabel_iku_triwulan(session: Session, sar: Saringan, kartu: list[KartuIku] | None = None) -> Tabel:
    """The IKU cards of Beranda as a table (one office); `kartu`, the cards when the page has them already. For the
    whole year, the year as far as it has gone (triwulan_capaian)."""
    kec = sar.kecamatan_id or sar.kecamatan_ids[0]
    tw = triwulan_capaian(sar.tahun, sar.triwulan)
    if kartu is None:
        kartu = kartu_iku(session, kecamatan_id=kec, tahun=sar.tahun, triwulan=tw)
    baris = [{"kode": k.indikator.kode, "indikator": k.indikator.nama, "target": k.target,
              "target_triwulan": k.target_triwulan, "capaian": k.persen, "dasar": _dasar(k.terhadap, k.persen, k.target_triwulan, k.target),
              "rencana_aksi": k.rencana_aksi or "",
              "status": "-" if k.keadaan is None else k.keadaan.label,
              "predikat": k.predikat.nama if k.predikat else "-", "sebelumnya": k.sebelumnya, "selisih": k.selisih,
              "keterangan": k.alasan or ""}
             for k in kartu]
    return Tabel(f"Capaian IKU {periode_capaian(sar.tahun, sar.triwulan)}", (
        Kolom("Kode", "kode"), Kolom("Indikator", "indikator"), Kolom("Target tahun", "target", "angka"),
        Kolom(f"Target triwulan {ROMAWI[tw]}", "target_triwulan", "angka"),
        Kolom("Capaian", "capaian", "persen"), Kolom("Dasar capaian", "dasar"),
        Kolom("Rencana aksi", "rencana_aksi"), Kolom("Status", "status"), Kolom("Predikat", "predikat"),
        Kolom("Capaian triwulan sebelumnya", "sebelumnya", "persen"), Kolom("Perubahan (poin)", "selisih", "angka"),
        Kolom("Keterangan", "keterangan")), pd.DataFrame(baris))




def tabel_beranda_kabupaten(session: Session, sar: Saringan, hari_ini: date | None = None,
                            df: pd.DataFrame | None = None) -> Tabel:
    """Beranda's comparison of a kabupaten's offices as on the screen: per office each IKU's capaian of the quarter
    and how far its figure has got, their average with each capaian counted up to the kabupaten's cap
    (rata_rata_dibatasi, as on Perbandingan; the header says the cap), the open steps, the overdue follow-ups and
    the share of steps within mutu baku. `df` is models.dasbor.kueri.perbandingan's result when the caller already
    has it."""
    if df is None:
        df = perbandingan(session, kecamatan_ids=sar.kecamatan_ids, tahun=sar.tahun,
                          triwulan=triwulan_capaian(sar.tahun, sar.triwulan))
    jumlah = jumlah_per_kantor(session, kecamatan_ids=sar.kecamatan_ids, hari_ini=hari_ini or periode.hari_ini())
    baku = dalam_baku_per_kantor(session, kecamatan_ids=sar.kecamatan_ids, tahun=sar.tahun, triwulan=sar.triwulan)
    kantor = nama_kantor(session, sar.kecamatan_ids)
    kode = list(dict.fromkeys(df["kode"])) if not df.empty else []
    sel = {(r.kecamatan_id, r.kode): r for r in df.itertuples()}
    batas = batas_rerata(session, sar.kecamatan_ids)
    baris = []
    for k in sorted(sar.kecamatan_ids, key=lambda i: kantor[i]):
        isi = {"kecamatan_id": k, "kecamatan": kantor[k], "langkah_terbuka": jumlah[k]["langkah_terbuka"],
               "tl_terlambat": jumlah[k]["tl_terlambat"],
               "dalam_baku": baku[k][0] / baku[k][1] * 100 if baku[k][1] else None}
        nilai: list[float | None] = []
        for x in kode:
            r = sel.get((k, x))
            if r is not None and not pd.isna(r.capaian):
                if r.bersama:  # averaged on the kabupaten's shared IKU only, as Perbandingan ranks them
                    nilai.append(float(r.capaian))
                isi[f"capaian_{x}"] = r.capaian
                isi[f"keadaan_{x}"] = KeadaanCapaian.label_dari(r.status)
                isi[f"warna_{x}"] = r.warna
                isi[f"predikat_{x}"] = r.predikat
            else:  # no capaian; a figure being corrected still says so
                isi[f"capaian_{x}"], isi[f"warna_{x}"], isi[f"predikat_{x}"] = None, None, None
                isi[f"keadaan_{x}"] = KeadaanCapaian.label_dari(r.status) if r is not None and isinstance(
                    r.status, str) else "-"
            isi[f"keterangan_{x}"] = (r.keterangan or "") if r is not None else ""
        isi["rata"] = rata_rata_dibatasi(nilai, batas.get(k))
        baris.append(isi)
    kolom = [Kolom("Kecamatan", "kecamatan")]
    for x in kode:
        kolom += [Kolom(f"{x} capaian", f"capaian_{x}", "persen"), Kolom(f"{x} keadaan", f"keadaan_{x}")]
    kolom += [Kolom(f"Rata-rata capaian ({batas_tampil(session, sar.kecamatan_ids)})", "rata", "persen"),
              Kolom("Langkah menunggu", "langkah_terbuka", "angka"),
              Kolom("Tindak lanjut terlambat", "tl_terlambat", "angka"),
              Kolom("Dalam mutu baku", "dalam_baku", "persen")]
    return Tabel(f"Perbandingan kecamatan, {periode_capaian(sar.tahun, sar.triwulan)}", tuple(kolom),
                 pd.DataFrame(baris))


def tabel_perbandingan(session: Session, sar: Saringan, df: pd.DataFrame | None = None) -> Tabel:
    """The offices side by side; `df` is models.dasbor.kueri.perbandingan's result when the caller already has it."""
    if df is None:
        df = perbandingan(session, kecamatan_ids=sar.kecamatan_ids, tahun=sar.tahun, triwulan=sar.triwulan)
    if sar.indikator_id:
        df = df[df["indikator_id"] == sar.indikator_id]
    df = df.assign(status=[KeadaanCapaian.label_dari(k) if isinstance(k, str) else "-" for k in df["status"]],
                   predikat=df["predikat"].fillna("-"), keterangan=df["keterangan"].fillna(""),
                   dasar=[_dasar(t, c, x) for t, c, x in zip(df["terhadap"], df["capaian"], df["target"])])
    return Tabel(f"Perbandingan capaian kecamatan, triwulan {ROMAWI[sar.triwulan]} {sar.tahun}", (
        Kolom("Kecamatan", "kecamatan"), Kolom("Kode", "kode"), Kolom("Indikator", "indikator"),
        Kolom("Target", "target", "angka"), Kolom("Capaian", "capaian", "persen"),
        Kolom("Dasar capaian", "dasar"), Kolom("Status", "status"),
        Kolom("Predikat", "predikat"), Kolom("Keterangan", "keterangan")), df)


def tabel_seri_capaian(session: Session, sar: Saringan, *, terbaru_dulu: bool = False) -> Tabel:
    """Quarter by quarter over the five years up to the filter's quarter (the page lists the latest first)."""
    kec = sar.kecamatan_id or sar.kecamatan_ids[0]
    df, _ = seri_capaian(session, kecamatan_id=kec, tahun_awal=sar.tahun - 4, tahun_akhir=sar.tahun,
                         indikator_id=sar.indikator_id, sampai_triwulan=sar.triwulan or 4)
    if terbaru_dulu:
        df = df.sort_values(["tahun", "triwulan", "kode"], ascending=[False, False, True], kind="stable")
    df = df.assign(periode=[f"Triwulan {ROMAWI[t]} {th}" for th, t in zip(df["tahun"], df["triwulan"])],
                   status_angka=[_status_angka(s, s == StatusRealisasi.RESMI) for s in df["status"]],
                   dasar=[_dasar(t, r, c, x) for t, r, c, x in zip(df["terhadap"], df["capaian_resmi"],
                                                                   df["capaian_sementara"], df["target"])])
    return Tabel(f"Capaian IKU Kecamatan {nama_kantor(session, [kec])[kec]} per triwulan", (
        Kolom("Kode", "kode"), Kolom("Indikator", "indikator"), Kolom("Periode", "periode"),
        Kolom("Target", "target", "angka"), Kolom("Realisasi triwulan", "realisasi", "angka"),
        Kolom("Realisasi s.d. triwulan", "realisasi_gabungan", "angka"),
        Kolom("Capaian resmi", "capaian_resmi", "persen"), Kolom("Capaian sementara", "capaian_sementara", "persen"),
        Kolom("Dasar capaian", "dasar"),
        Kolom("Status angka", "status_angka")), df)


def tabel_langkah(a: AnalisisSiklus) -> Tabel:
    df = pd.DataFrame([{**s.__dict__, "dalam_baku": None if s.dalam_baku is None else s.dalam_baku * 100,
                        "mutu_baku": s.mutu_baku if s.mutu_baku > 0 else None,  # 0: no standard time ("-")
                        "hambatan": "Ya" if s.hambatan else ""} for s in a.langkah])
    return Tabel("Waktu siklus per langkah", (
        Kolom("Urutan", "urutan", "angka"), Kolom("Langkah", "no"), Kolom("Kegiatan", "kegiatan"),
        Kolom("Mutu baku", "mutu_baku", "menit"),
        Kolom("Jumlah selesai", "n", "angka"), Kolom("Median", "median", "menit"), Kolom("Persentil 80", "p80", "menit"),
        Kolom("Dalam mutu baku", "dalam_baku", "persen"), Kolom("Median tunggu", "tunggu", "menit"),
        Kolom("Median proses", "proses", "menit"), Kolom("Pengulangan", "rework", "angka"),
        Kolom("Hambatan", "hambatan")), df)


def tabel_langkah_menyimpang(a: AnalisisSiklus) -> Tabel:
    df = pd.DataFrame([p.__dict__ for p in a.penyimpangan], columns=["eksekusi_id", "judul", "jenis", "keterangan"])
    return Tabel("Langkah dilewati atau tidak berurutan", (
        Kolom("Pelaksanaan", "judul"), Kolom("Jenis", "jenis"), Kolom("Keterangan", "keterangan")), df)


def analisis_saringan(session: Session, sar: Saringan) -> AnalisisSiklus:
    return analisis(session, kecamatan_ids=sar.kecamatan_ids, sop_kunci=sar.sop or "", tahun=sar.tahun,
                    triwulan=sar.triwulan or None)


def tabel_siklus_langkah(session: Session, sar: Saringan) -> Tabel:
    return tabel_langkah(analisis_saringan(session, sar))


def tabel_penyimpangan(session: Session, sar: Saringan) -> Tabel:
    return tabel_langkah_menyimpang(analisis_saringan(session, sar))


def tabel_antrian(session: Session, sar: Saringan, df: pd.DataFrame | None = None) -> Tabel:
    """The open steps (overdue first); `df` is the queue when the caller already has it."""
    df = antrian_terbuka(session, kecamatan_ids=sar.kecamatan_ids) if df is None else df
    df = df.assign(terlambat=df["terlambat"].map(lambda x: "Ya" if x else ""),
                   jenis=df["keputusan"].map(lambda x: "Persetujuan" if x else "Langkah"))
    return Tabel("Langkah yang menunggu", (
        Kolom("Kecamatan", "kecamatan"), Kolom("Perihal", "judul"), Kolom("SOP", "sop"), Kolom("Langkah", "langkah"),
        Kolom("Kegiatan", "kegiatan"), Kolom("Jenis", "jenis"), Kolom("Menunggu", "peran"),
        Kolom("Sejak", "diterima_pada", "waktu"), Kolom("Umur", "umur", "menit"),
        Kolom("Mutu baku", "mutu_baku", "menit"), Kolom("Melewati mutu baku", "terlambat")), df)


def tabel_per_peran(session: Session, sar: Saringan, antrian: pd.DataFrame | None = None) -> Tabel:
    df = per_peran(antrian_terbuka(session, kecamatan_ids=sar.kecamatan_ids) if antrian is None else antrian)
    return Tabel("Langkah yang menunggu per peran", (
        Kolom("Peran", "peran"), Kolom("Persetujuan", "persetujuan", "angka"),
        Kolom("Langkah lain", "langkah_lain", "angka"), Kolom("Melewati mutu baku", "terlambat", "angka"),
        Kolom("Jumlah", "jumlah", "angka")), df)


def tabel_tl_terlambat(session: Session, sar: Saringan, hari_ini: date | None = None,
                       terlambat: list[Rekomendasi] | None = None) -> Tabel:
    """The overdue follow-ups of the offices; `terlambat`, the list when the page has read it already."""
    d = hari_ini or periode.hari_ini()
    kantor = nama_kantor(session, sar.kecamatan_ids)
    if terlambat is None:
        terlambat = rekomendasi_terlambat(session, kecamatan_ids=sar.kecamatan_ids, hari_ini=d)
    dipakai = {r.indikator_id for r in terlambat if r.indikator_id}
    ind = {i.id: i for i in session.exec(select(Indikator).where(col(Indikator.id).in_(dipakai)))} if dipakai else {}
    baris = [{"kecamatan": kantor.get(r.kecamatan_id), "rekomendasi": r.teks,
              "iku": ind[r.indikator_id].kode if r.indikator_id in ind else "",
              "penanggung_jawab": NAMA_PERAN.get(r.role_kode, r.role_kode), "jatuh_tempo": r.jatuh_tempo,
              "terlambat": (d - r.jatuh_tempo).days, "status": StatusRekomendasi(r.status).label}
             for r in terlambat]
    return Tabel("Tindak lanjut yang melewati jatuh tempo", (
        Kolom("Kecamatan", "kecamatan"), Kolom("Rekomendasi", "rekomendasi"), Kolom("IKU", "iku"),
        Kolom("Penanggung jawab", "penanggung_jawab"), Kolom("Jatuh tempo", "jatuh_tempo", "tanggal"),
        Kolom("Terlambat (hari)", "terlambat", "angka"), Kolom("Status", "status")),
        pd.DataFrame(baris, columns=["kecamatan", "rekomendasi", "iku", "penanggung_jawab", "jatuh_tempo",
                                     "terlambat", "status"]))


def data_tl(session: Session, sar: Saringan, hari_ini: date | None = None) -> pd.DataFrame:
    return tindak_lanjut(session, kecamatan_ids=sar.kecamatan_ids, tahun=sar.tahun, triwulan=sar.triwulan or None,
                         hari_ini=hari_ini or periode.hari_ini())


def tabel_tl_daftar(session: Session, sar: Saringan, df: pd.DataFrame | None = None) -> Tabel:
    """Every recommendation of the period, overdue first."""
    df = data_tl(session, sar) if df is None else df
    df = df.assign(periode_tampil=[f"{p} (periode lain, terlambat)" if lain else p
                                   for p, lain in zip(df["periode"], df["periode_lain"])])
    return Tabel("Rekomendasi dan tindak lanjutnya", (
        Kolom("Kecamatan", "kecamatan"), Kolom("Periode evaluasi", "periode_tampil"), Kolom("Rekomendasi", "teks"),
        Kolom("IKU", "iku"), Kolom("SOP", "sop"), Kolom("Penanggung jawab", "penanggung_jawab"),
        Kolom("Status", "status_label"), Kolom("Menunggu", "menunggu"), Kolom("Jatuh tempo", "jatuh_tempo", "tanggal"),
        Kolom("Umur (hari)", "umur", "angka"), Kolom("Terlambat (hari)", "hari_terlambat", "angka")), df)


_JUDUL_REKAP = {"kecamatan": ("Kecamatan", "per kecamatan"), "penanggung_jawab": ("Penanggung jawab",
                                                                                  "per penanggung jawab"),
                "periode": ("Periode evaluasi", "per triwulan")}


def tabel_tl_rekap(session: Session, sar: Saringan, menurut: str, df: pd.DataFrame | None = None) -> Tabel:
    """Counts by status per office, per responsible role or per quarter."""
    rekap = rekap_tindak_lanjut(data_tl(session, sar) if df is None else df, menurut)
    kepala, judul = _JUDUL_REKAP[menurut]
    return Tabel(f"Status tindak lanjut {judul}", (
        Kolom(kepala, menurut), *(Kolom(st.label, str(st), "angka") for st in STATUS),
        Kolom("Terlambat", "terlambat", "angka"), Kolom("Jumlah", "jumlah", "angka"),
        Kolom("Dari periode lain", "periode_lain", "angka"),
        Kolom("Umur terlama yang belum selesai (hari)", "umur_terlama", "angka")), rekap)


SETAHUN = frozenset({"siklus-langkah", "penyimpangan", "tl-daftar", "tl-per-kecamatan", "tl-per-penanggung-jawab",
                     "tl-per-triwulan"})  # tables whose filter may take the whole year
# Beranda's tables: the whole year may be chosen ("Setahun"), but a quarter is what they open on.
BERANDA_SETAHUN = frozenset({"iku-triwulan", "beranda-kabupaten", "tl-terlambat"})
SEKABUPATEN = frozenset({"beranda-kabupaten", "tl-terlambat"})  # read one kabupaten at a time, as Beranda shows them
TABEL: dict[str, Callable[[Session, Saringan], Tabel]] = {
    "iku-triwulan": tabel_iku_triwulan,
    "perbandingan": tabel_perbandingan,
    "beranda-kabupaten": tabel_beranda_kabupaten,
    "seri-capaian": tabel_seri_capaian,
    "siklus-langkah": tabel_siklus_langkah,
    "penyimpangan": tabel_penyimpangan,
    "antrian": tabel_antrian,
    "per-peran": tabel_per_peran,
    "tl-terlambat": tabel_tl_terlambat,
    "tl-daftar": tabel_tl_daftar,
    "tl-per-kecamatan": lambda s, sar: tabel_tl_rekap(s, sar, "kecamatan"),
    "tl-per-penanggung-jawab": lambda s, sar: tabel_tl_rekap(s, sar, "penanggung_jawab"),
    "tl-per-triwulan": lambda s, sar: tabel_tl_rekap(s, sar, "periode"),
}


# ---------------------------------------------------------------- files


def _mentah(nilai, jenis: Jenis, zona: str):
    """A value as a spreadsheet cell: numbers stay numbers, times become the office's wall-clock time."""
    if nilai is None or (isinstance(nilai, float) and pd.isna(nilai)) or nilai is pd.NaT:
        return None
    if jenis == "waktu" and isinstance(nilai, datetime):
        return nilai.astimezone(ZoneInfo(zona)).replace(tzinfo=None)
    if jenis in ("persen", "angka", "menit") and isinstance(nilai, (int, float)):
        return bulatkan(float(nilai), 2) if jenis != "angka" or not float(nilai).is_integer() else int(nilai)
    if hasattr(nilai, "item"):
        return nilai.item()
    return nilai


def nilai_kosong(v) -> bool:
    """None, NaN or NaT: nothing to show (printed "-", sorted last)."""
    return v is None or v is pd.NaT or (isinstance(v, float) and pd.isna(v))


def teks_sel(v, k: Kolom, zona: str, menit_per_hari: int = 480) -> str:
    """One value as printed for its kind, on screen and on paper: "90,01%", "1.234", "2 jam 5 menit",
    "15 Februari 2021", "15 Februari 2021 09.30 WIB"; "-" when empty."""
    if nilai_kosong(v):
        return "-"
    if k.jenis == "persen":
        return tulis_persen(float(v))
    if k.jenis == "angka":
        f = float(v)
        return format_angka(f, 0 if f.is_integer() else 2)
    if k.jenis == "menit":
        return format_menit(float(v), menit_per_hari=menit_per_hari)
    if k.jenis == "waktu" and isinstance(v, datetime):
        return waktu_panjang(v.to_pydatetime() if hasattr(v, "to_pydatetime") else v, zona)
    if k.jenis == "tanggal" and isinstance(v, date):
        return tanggal_panjang(v)
    return str(v)


def kepala_berkas(k: Kolom) -> str:
    """A column's header in a file: the unit the screen shows in each cell goes into the header."""
    return {"persen": f"{k.nama} (%)", "menit": f"{k.nama} (menit kerja)"}.get(k.jenis, k.nama)


def _lembar(ws, t: Tabel) -> None:
    ws.title = t.judul[:31].replace("/", "-")
    ws.append([kepala_berkas(k) for k in t.kolom])
    for baris in t.baris():
        ws.append([_mentah(v, k.jenis, t.zona) for v, k in zip(baris, t.kolom)])
    for i, k in enumerate(t.kolom, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(60, max(12, len(kepala_berkas(k)) + 2))
        if k.jenis == "waktu":
            for sel in ws[get_column_letter(i)][1:]:
                sel.number_format = "dd/mm/yyyy hh:mm"
        elif k.jenis == "tanggal":
            for sel in ws[get_column_letter(i)][1:]:
                sel.number_format = "dd/mm/yyyy"
    ws.freeze_panes = "A2"


def ke_xlsx(t: Tabel) -> bytes:
    return ke_xlsx_banyak([t])


def ke_xlsx_banyak(tabel: list[Tabel], judul_lembar: list[str] | None = None) -> bytes:
    """One sheet per table, with the same columns and values as on the screen."""
    wb = Workbook()
    for i, t in enumerate(tabel):
        ws = wb.active if i == 0 else wb.create_sheet()
        _lembar(ws, t)
        if judul_lembar:
            ws.title = judul_lembar[i][:31]
    return simpan_xlsx(wb)


def ke_csv(t: Tabel) -> bytes:
    """Semicolon-separated with a decimal comma, as a spreadsheet set to Indonesian opens it; UTF-8 with BOM; every
    field quoted and no text able to start a formula (models.umum.tulis_csv)."""
    def sel(v, k):
        m = _mentah(v, k.jenis, t.zona)
        if isinstance(m, float):
            return format_angka(m, 2, ribuan=False)
        if isinstance(m, datetime):
            return m.strftime("%d/%m/%Y %H:%M")
        if isinstance(m, date):
            return m.strftime("%d/%m/%Y")
        return m

    baris = [[kepala_berkas(k) for k in t.kolom], *([sel(v, k) for v, k in zip(b, t.kolom)] for b in t.baris())]
    return ("\ufeff" + tulis_csv(baris, pemisah=";")).encode("utf-8")
