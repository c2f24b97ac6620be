"""Perbandingan Kecamatan: a kabupaten's offices side by side for one quarter, on what they owe (kepatuhan), what
they achieve (capaian), how their shared SOPs run (proses) and how they follow up recommendations.

Every section is a `Tabel`: the page, its xlsx recap and the tests read the same rows. Each number comes from the
rule that computes it elsewhere: the SAKIP calendar's obligations and statuses (kalender_sakip), the capaian engine
(kueri.perbandingan), the cycle-time analysis (siklus), the follow-up list (kueri.tindak_lanjut).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlencode

import pandas as pd
from fpdf.fonts import FontFace
from sqlmodel import Session, col, select

from models.dasbor.kueri import Saringan, capaian_dibaca, nama_kantor, perbandingan, tindak_lanjut
from models.dasbor.laporan import Kolom, Tabel, teks_sel
from models.kinerja.capaian import batas_rerata, capaian_banyak
from models.kinerja.iku import iku_banyak, kode_urut
from models.kinerja.mesin import posisi, rata_rata_dibatasi
from models.perencanaan.anggaran import penyerapan_banyak, persen_serapan
from models.perencanaan.kalender_sakip import (
    PENGUMPULAN,
    kewajiban_banyak,
    tanggal_lokal,
    terlambat,
)
from models.perencanaan.pengaturan import batas_tampil
from models.sop.monitoring import ringkasan_kantor
from models.sop.siklus import catatan, dengan_waktu, kalender_per_kantor, kunjungan
from models.tables import Indikator, Kabupaten, Kecamatan, Realisasi, Sop, SopRevisi
from models.tindak_lanjut.rekap_akip import KeadaanAkip, keadaan_teks, rekap_akip
from models.umum import periode
from models.umum.angka import format_angka
from models.umum.pdf import GAYA_KEPALA, UKURAN_KEPALA, LembarPdf
from models.umum.periode import ROMAWI, akhir_triwulan, triwulan_sebelumnya
from models.umum.status import (
    KeadaanCapaian,
    KeadaanKewajiban,
    StatusEksekusi,
    StatusRealisasi,
    StatusRekomendasi,
    keadaan_capaian,
)
from models.umum.tanggal import tanggal_panjang

# The obligations a quarter's row shows besides its figures: the quarter's own, then the year's.
KEWAJIBAN_TRIWULAN = ("pengukuran", "pemantauan", "evaluasi")
KEWAJIBAN_TAHUN = ("renja", "perjanjian_kinerja", "laporan_kinerja", "pelaporan_kinerja")
MONITORING = "monitoring_sop"  # the semester's SOP monitoring (PermenPAN-RB 35/2012), not in the SAKIP calendar
EVALUASI_AKIP = "evaluasi_akip"  # the kabupaten's Evaluasi AKIP held this year, of last year's work
BERMASALAH = {KeadaanKewajiban.TERLAMBAT, KeadaanKewajiban.SELESAI_TERLAMBAT, KeadaanKewajiban.TANPA_SOP}  # a state that counts against the office
# A figure's state on the matrix: its keadaan, and whether it is late against the collection obligation.


def alamat(halaman: str, **q) -> str:
    """The address of a page of the product for a view (the records behind a number)."""
    return f"{halaman}?{urlencode({k: v for k, v in q.items() if v is not None})}"


@dataclass(frozen=True)
class SelKepatuhan:
    teks: str  # as printed
    keadaan: str  # a key for the colour: belum_diisi | draf | diajukan | resmi | one of the calendar's STATUS
    bermasalah: bool
    indikator_id: int | None = None  # a figure's indicator (its records are on Capaian)


# The colour of a kepatuhan cell by its state (Bootstrap's contextual names; the PDF uses the same light tints).
BELUM_DIISI = "belum_diisi"  # a figure's cell without a figure
TINT_PDF = {"success": (209, 231, 221), "info": (207, 244, 252), "primary": (207, 226, 255), "secondary": (226, 227, 229),
            "light": (248, 249, 250), "warning": (255, 243, 205), "danger": (248, 215, 218), "dark": (173, 181, 189)}


def warna_kepatuhan(keadaan: str, bermasalah: bool) -> str:
    """A figure not official past its due date is red, an official one made late amber; else by the state."""
    if bermasalah and keadaan == KeadaanCapaian.RESMI:
        return "warning"
    if bermasalah and not KeadaanKewajiban.punya(keadaan):
        return "danger"
    for jenis in (KeadaanCapaian, KeadaanKewajiban, KeadaanAkip):
        if jenis.punya(keadaan):
            return jenis(keadaan).warna
    return "light"


def tint(warna_hex: str | None, alfa: float = 0.25) -> tuple[int, int, int] | None:
    """A band colour (#rrggbb) laid at `alfa` over white, as the screen's cells show it."""
    if not warna_hex or len(warna_hex) != 7:
        return None
    r, g, b = (round(int(warna_hex[i:i + 2], 16) * alfa + 255 * (1 - alfa)) for i in (1, 3, 5))
    return r, g, b


def _sel_angka(keadaan: str | None, disahkan: datetime | None, tenggat: date | None, hari_ini: date,
               zona: str, indikator_id: int) -> SelKepatuhan:
    """One IKU figure of the quarter against the collection obligation's due date."""
    keadaan = keadaan if isinstance(keadaan, str) else None  # no figure: None (or pandas' NaN)
    lewat = tenggat is not None and tenggat < hari_ini
    if keadaan == KeadaanCapaian.RESMI and disahkan is not None:
        telat = tenggat is not None and terlambat(disahkan, tenggat, zona)
        teks = f"Resmi {tanggal_panjang(tanggal_lokal(disahkan, zona))}" + (", terlambat" if telat else "")
        return SelKepatuhan(teks, KeadaanCapaian.RESMI, telat, indikator_id)
    label = KeadaanCapaian.label_dari(keadaan, "Belum diisi")
    return SelKepatuhan(label + (", lewat tenggat" if lewat else ""), keadaan or BELUM_DIISI, lewat, indikator_id)


def _disahkan(session: Session, sar: Saringan) -> dict[tuple[int, int], datetime]:
    """When each official figure of the quarter became official, per (office, indicator)."""
    return {(k, i): t for k, i, t in session.exec(
        select(Realisasi.kecamatan_id, Realisasi.indikator_id, Realisasi.disahkan_pada)
        .where(col(Realisasi.kecamatan_id).in_(sar.kecamatan_ids)).where(Realisasi.tahun == sar.tahun)
        .where(Realisasi.triwulan == sar.triwulan).where(Realisasi.status == StatusRealisasi.RESMI)).all()
        if t is not None}


def _angka_kuartal(session: Session, sar: Saringan) -> list[tuple[int, int, str, str | None]]:
    """(office, indicator, code, keadaan_capaian) for each IKU of each office in the quarter, codes in IKU order."""
    iku = iku_banyak(session, sar.kecamatan_ids)
    kode = dict(session.exec(select(Indikator.id, Indikator.kode)
                             .where(col(Indikator.id).in_({i for ids in iku.values() for i in ids}))).all())
    status = {(k, i): st for k, i, st in session.exec(
        select(Realisasi.kecamatan_id, Realisasi.indikator_id, Realisasi.status)
        .where(col(Realisasi.kecamatan_id).in_(sar.kecamatan_ids)).where(Realisasi.tahun == sar.tahun)
        .where(Realisasi.triwulan == sar.triwulan)).all()}
    return [(k, i, kode[i], keadaan_capaian(status.get((k, i)) == StatusRealisasi.RESMI, status.get((k, i))))
            for k in sar.kecamatan_ids for i in sorted(iku.get(k, ()), key=lambda i: kode_urut(kode[i]))]


def kepatuhan(session: Session, sar: Saringan, hari_ini: date | None = None) -> tuple[Tabel, dict]:
    """Kecamatan × the quarter's obligations: each shared IKU's figure, the quarter's Pengukuran, Pemantauan and
    Evaluasi, the year's Renja, Perjanjian Kinerja, Laporan Kinerja and Pelaporan; per office the count of cells in
    trouble (late, not done past the due date, no SOP) beside its name, worst first, and a last row counting per
    obligation.

    Returns the table and, per (office id, column key), the cell (for colours and links)."""
    hari = hari_ini or periode.hari_ini()
    kantor = nama_kantor(session, sar.kecamatan_ids)
    angka = _angka_kuartal(session, sar)
    kode = list(dict.fromkeys(x for _, _, x, _ in angka))
    disahkan = _disahkan(session, sar)
    zona_kantor = dict(session.exec(select(Kecamatan.id, Kecamatan.zona_waktu)
                                    .where(col(Kecamatan.id).in_(sar.kecamatan_ids))).all())
    sel: dict[tuple[int, str], SelKepatuhan] = {}
    nama_kewajiban: dict[str, str] = {}
    per_kantor = kewajiban_banyak(session, sar.kecamatan_ids, tahun=sar.tahun, triwulan=sar.triwulan, hari_ini=hari)
    angka_kantor: dict[int, list] = {}
    for a in angka:
        angka_kantor.setdefault(a[0], []).append(a)
    for k in sar.kecamatan_ids:
        semua = per_kantor.get(k, [])
        zona = zona_kantor.get(k) or "Asia/Jakarta"
        tenggat_angka = None
        for w in semua:
            j = w.jadwal
            if j.kewajiban == PENGUMPULAN and w.triwulan == sar.triwulan:
                tenggat_angka = w.tenggat
            elif (j.kewajiban in KEWAJIBAN_TRIWULAN and w.triwulan == sar.triwulan) or (
                    j.kewajiban in KEWAJIBAN_TAHUN and w.tahun == sar.tahun):
                nama_kewajiban.setdefault(j.kewajiban, j.nama)
                sel[(k, j.kewajiban)] = SelKepatuhan(KeadaanKewajiban(w.status).label, w.status, w.status in BERMASALAH)
        for _, ind, x, keadaan in angka_kantor.get(k, ()):
            sel[(k, x)] = _sel_angka(keadaan, disahkan.get((k, ind)), tenggat_angka, hari, zona, ind)
    # The SOP monitoring of the quarter's semester: every SOP in force assessed; in trouble once the semester ended.
    semester = 1 if sar.triwulan <= 2 else 2
    akhir_semester = akhir_triwulan(sar.tahun, 2 * semester)
    for r in ringkasan_kantor(session, kecamatan_ids=sar.kecamatan_ids, tahun=sar.tahun, semester=semester):
        lengkap = r.sop > 0 and r.dimonitor >= r.sop
        keadaan = KeadaanKewajiban.SELESAI if lengkap else (
            KeadaanKewajiban.BERJALAN if r.dimonitor else KeadaanKewajiban.BELUM_JATUH_TEMPO)
        telat = not lengkap and r.sop > 0 and akhir_semester < hari
        sel[(r.kecamatan_id, MONITORING)] = SelKepatuhan(
            f"{r.dimonitor} dari {r.sop} SOP dipantau" + (", lewat semester" if telat else ""),
            KeadaanKewajiban.TERLAMBAT if telat else keadaan, telat)
    nama_kewajiban[MONITORING] = f"Monitoring SOP semester {ROMAWI[semester]}"
    # The Evaluasi AKIP the kabupaten holds this year, of last year's work: its state (final: total and predicate).
    for b in rekap_akip(session, kecamatan_ids=sar.kecamatan_ids, tahun=sar.tahun - 1).baris:
        sel[(b.kecamatan_id, EVALUASI_AKIP)] = SelKepatuhan(keadaan_teks(b), b.keadaan, False)
    nama_kewajiban[EVALUASI_AKIP] = f"Evaluasi AKIP {sar.tahun - 1}"
    urutan_kewajiban = [x for x in (*KEWAJIBAN_TRIWULAN, *KEWAJIBAN_TAHUN, MONITORING, EVALUASI_AKIP)
                        if x in nama_kewajiban]
    kolom_kunci = [*kode, *urutan_kewajiban]
    baris = []
    for k in sar.kecamatan_ids:
        isi: dict = {"kecamatan_id": k, "kecamatan": kantor[k]}
        for x in kolom_kunci:
            s = sel.get((k, x))
            isi[x] = s.teks if s else "-"
            isi[f"warna_{x}"] = warna_kepatuhan(s.keadaan, s.bermasalah) if s else None  # not a column: the tint
        isi["bermasalah"] = sum(1 for x in kolom_kunci if (s := sel.get((k, x))) and s.bermasalah)
        baris.append(isi)
    data = pd.DataFrame(baris)
    if not data.empty:
        data = data.sort_values(["bermasalah", "kecamatan"], ascending=[False, True], kind="stable")
        jumlah: dict = {"kecamatan_id": None, "kecamatan": "Jumlah bermasalah",
                        "bermasalah": int(data["bermasalah"].sum())}
        for x in kolom_kunci:
            # a count, kept a number: the xlsx stores it as one, the screen and the CSV print it as any count
            jumlah[x] = sum(1 for k in sar.kecamatan_ids if (s := sel.get((k, x))) and s.bermasalah)
        data = pd.concat([data, pd.DataFrame([jumlah])], ignore_index=True)
    kolom = (Kolom("Kecamatan", "kecamatan"), Kolom("Bermasalah", "bermasalah", "angka"), *(Kolom(x, x) for x in kode),
             *(Kolom(nama_kewajiban[x], x) for x in urutan_kewajiban))
    return Tabel(f"Kepatuhan kalender SAKIP, triwulan {ROMAWI[sar.triwulan]} {sar.tahun}", kolom, data), sel


BALOK = "▁▂▃▄▅▆▇█"


def garis_kecil(nilai: list[float | None]) -> str:
    """A line of bars, one per value, scaled between the smallest and the largest; "·" where there is none.

    >>> garis_kecil([80.0, 90.0, None, 100.0]), garis_kecil([95.0, 95.0])
    ('▁▅·█', '▄▄')
    """
    ada = [v for v in nilai if v is not None]
    if not ada:
        return "·" * len(nilai)
    rendah, tinggi = min(ada), max(ada)
    if tinggi == rendah:
        return "".join("·" if v is None else BALOK[3] for v in nilai)
    return "".join("·" if v is None else BALOK[round((v - rendah) / (tinggi - rendah) * (len(BALOK) - 1))]
                   for v in nilai)


def _periode_tren(sar: Saringan, jumlah: int) -> list[tuple[int, int]]:
    periode_ = [(sar.tahun, sar.triwulan)]
    while len(periode_) < jumlah:
        periode_.insert(0, triwulan_sebelumnya(*periode_[0]))
    return periode_


def capaian_tren(session: Session, sar: Saringan, jumlah: int = 8) -> dict:
    """capaian_banyak over the years the trend covers (the filter's year included): one read for both."""
    return capaian_banyak(session, kecamatan_ids=sar.kecamatan_ids,
                          tahun={t for t, _ in _periode_tren(sar, jumlah)}, ringkas=True)


def tren_kantor(session: Session, sar: Saringan, jumlah: int = 8,
                data: dict | None = None) -> dict[int, list[tuple[str, float | None]]]:
    """Per office, its average capaian over the kabupaten's shared IKU for each of the `jumlah` quarters up to the filter's, oldest
    first (official where official, else provisional, as the capaian engine gives a quarter), each capaian counted
    up to the kabupaten's cap (rata_rata_dibatasi). `data`: capaian_tren's result when the caller already has it."""
    periode_ = _periode_tren(sar, jumlah)
    if data is None:
        data = capaian_tren(session, sar, jumlah)
    batas = batas_rerata(session, sar.kecamatan_ids)
    hasil = {}
    for k in sar.kecamatan_ids:
        seri = []
        for th, tw in periode_:
            nilai = [c.persen for b in data.get((k, th), [])  # as the quarter's own view reads it
                     if b.indikator.kecamatan_id is None and (c := capaian_dibaca(b, tw)[0]).tersedia]
            seri.append((f"{ROMAWI[tw]}/{th}", rata_rata_dibatasi(nilai, batas.get(k))))
        hasil[k] = seri
    return hasil


def capaian_peringkat(session: Session, sar: Saringan, df: pd.DataFrame | None = None,
                      tren: dict[int, list[tuple[str, float | None]]] | None = None) -> Tabel:
    """Kecamatan × shared IKU: the quarter's capaian (official, or marked provisional or draft), each office's
    average over its IKU with each capaian counted up to the kabupaten's cap (rata_rata_dibatasi; the cells keep
    their own value), its rank by that average, the distance of that average from the kabupaten's median of
    averages, and the average's trend over the last eight quarters (garis_kecil). The average's header says the
    cap, so the downloads carry it too."""
    df = perbandingan(session, kecamatan_ids=sar.kecamatan_ids, tahun=sar.tahun, triwulan=sar.triwulan) \
        if df is None else df
    batas = batas_rerata(session, sar.kecamatan_ids)
    kantor = nama_kantor(session, sar.kecamatan_ids)
    kode = list(dict.fromkeys(df["kode"])) if not df.empty else []
    tren = tren_kantor(session, sar) if tren is None else tren
    per_kantor: dict[int, list] = {}
    for r in df.itertuples():  # one pass over the quarter's rows, not one filter per office
        per_kantor.setdefault(int(r.kecamatan_id), []).append(r)
    baris = []
    for k in sar.kecamatan_ids:
        isi: dict = {"kecamatan_id": k, "kecamatan": kantor[k]}
        nilai = []
        for r in per_kantor.get(k, []):
            ada = r.capaian is not None and not pd.isna(r.capaian)
            isi[f"capaian_{r.kode}"] = r.capaian if ada else None
            isi[f"keadaan_{r.kode}"] = KeadaanCapaian.label_dari(r.status) if isinstance(r.status, str) else "-"
            isi[f"warna_{r.kode}"] = r.warna if ada else None  # not a column: the band's colour, for the tint
            if ada and r.bersama:  # an office's own indicator is shown, not compared
                nilai.append(float(r.capaian))
        isi["rata"] = rata_rata_dibatasi(nilai, batas.get(k))
        isi["tren"] = garis_kecil([v for _, v in tren[k]])
        baris.append(isi)
    data = pd.DataFrame(baris)
    if not data.empty:
        rata = data["rata"].dropna()
        median = float(rata.median()) if not rata.empty else None
        data["peringkat"] = data["rata"].rank(ascending=False, method="min")
        data["selisih_median"] = data["rata"] - median if median is not None else None
        data = data.sort_values(["peringkat", "kecamatan"], kind="stable", na_position="last")
    kolom = [Kolom("Kecamatan", "kecamatan")]
    for x in kode:
        kolom += [Kolom(f"{x} capaian", f"capaian_{x}", "persen"), Kolom(f"{x} keadaan", f"keadaan_{x}")]
    kolom += [Kolom(f"Rata-rata capaian ({batas_tampil(session, sar.kecamatan_ids)})", "rata", "persen"),
              Kolom("Peringkat", "peringkat", "angka"),
              Kolom("Selisih dari median kabupaten (poin)", "selisih_median", "angka"),
              Kolom("Tren 8 triwulan", "tren")]
    return Tabel(f"Capaian IKU per kecamatan, triwulan {ROMAWI[sar.triwulan]} {sar.tahun}", tuple(kolom), data)


def proses(session: Session, sar: Saringan) -> Tabel:
    """For each SOP that two or more offices hold by name (only the filter's SOP when it names one): per office the
    number of finished executions of the quarter, their median cycle time (working minutes), the share of finished
    steps within mutu baku and the rework rate (steps done again after a return, of all step visits)."""
    pemegang = Counter(kunci for kunci, _ in session.exec(select(Sop.kunci, Sop.kecamatan_id).distinct()
                                                          .where(col(Sop.kecamatan_id).in_(sar.kecamatan_ids))).all())
    bersama = {kunci for kunci, n in pemegang.items() if n >= 2}
    df = catatan(session, kecamatan_ids=sar.kecamatan_ids, tahun=sar.tahun, triwulan=sar.triwulan, sop_kunci=sar.sop)
    kolom = (Kolom("SOP", "sop"), Kolom("Kecamatan", "kecamatan", tautan="alamat"),
             Kolom("Pelaksanaan selesai", "selesai", "angka", "alamat"),
             Kolom("Median waktu siklus", "median", "menit", "alamat"),
             Kolom("Langkah dalam mutu baku", "dalam_baku", "persen", "alamat"),
             Kolom("Langkah diulang", "rework", "persen", "alamat"))
    judul = f"Proses SOP bersama, triwulan {ROMAWI[sar.triwulan]} {sar.tahun}"
    if df.empty or not bersama:
        return Tabel(judul, kolom, pd.DataFrame(columns=[k.kunci for k in kolom]))
    sop = {rev: (kunci, nama) for rev, kunci, nama in session.exec(
        select(SopRevisi.id, Sop.kunci, Sop.nama).join(Sop, col(Sop.id) == SopRevisi.sop_id)
        .where(col(SopRevisi.id).in_(set(df["revisi_id"])))).all()}
    df = df.assign(sop_kunci=df["revisi_id"].map(lambda r: sop[r][0]), sop=df["revisi_id"].map(lambda r: sop[r][1]))
    df = df[df["sop_kunci"].isin(bersama)]
    if df.empty:
        return Tabel(judul, kolom, pd.DataFrame(columns=[k.kunci for k in kolom]))
    df = dengan_waktu(df, kalender_per_kantor(session, set(df["kecamatan_id"])))
    v = kunjungan(df).merge(df.drop_duplicates("eksekusi_id")[["eksekusi_id", "sop_kunci", "sop", "status"]],
                            on="eksekusi_id")
    kantor = nama_kantor(session, sar.kecamatan_ids)
    # Every figure per (SOP, office) in one grouped pass each: the execution's cycle time is the sum of its visits.
    kunci = ["sop_kunci", "kecamatan_id"]
    siklus = v[v["status"] == StatusEksekusi.SELESAI].groupby([*kunci, "eksekusi_id"])["total"].sum().groupby(level=[0, 1])
    jumlah, median = siklus.size(), siklus.median()
    berbaku = v[v["selesai"] & (v["waktu_menit"] > 0)]
    dalam = (berbaku["total"] <= berbaku["waktu_menit"]).groupby([berbaku[k] for k in kunci]).mean()
    ulang = (v["ke"] > 1).groupby([v[k] for k in kunci]).mean()
    nama_sop = v.groupby(kunci)["sop"].first()
    baris = []
    for (sop_kunci, kec_id), sop_nama in nama_sop.items():
        nama = kantor[int(kec_id)]
        baris.append({"sop": sop_nama, "kecamatan": nama, "selesai": int(jumlah.get((sop_kunci, kec_id), 0)),
                      "alamat": alamat("/siklus", kecamatan=nama, tahun=sar.tahun, triwulan=sar.triwulan,
                                       sop=sop_kunci),
                      "median": float(median[(sop_kunci, kec_id)]) if (sop_kunci, kec_id) in median.index else None,
                      "dalam_baku": float(dalam[(sop_kunci, kec_id)] * 100) if (sop_kunci, kec_id) in dalam.index
                      else None,
                      "rework": float(ulang[(sop_kunci, kec_id)] * 100)})
    data = pd.DataFrame(baris).sort_values(["sop", "kecamatan"], kind="stable")
    return Tabel(judul, kolom, data)


def lama_pengesahan(session: Session, sar: Saringan) -> Tabel:
    """Per office: how many calendar days after the quarter's end its figures became official (median and the
    latest), and how many of its IKU are not official yet."""
    akhir = akhir_triwulan(sar.tahun, sar.triwulan)
    kantor = nama_kantor(session, sar.kecamatan_ids)
    hari: dict[int, list[int]] = {k: [] for k in sar.kecamatan_ids}
    belum = dict.fromkeys(sar.kecamatan_ids, 0)
    disahkan = _disahkan(session, sar)
    for k, iku in iku_banyak(session, sar.kecamatan_ids).items():
        for i in iku:
            if (t := disahkan.get((k, i))) is None:
                belum[k] += 1
            else:
                hari[k].append((tanggal_lokal(t) - akhir).days)
    data = pd.DataFrame([{"kecamatan": kantor[k], "median": float(pd.Series(h).median()) if h else None,
                          "terlama": max(h) if h else None, "resmi": len(h), "belum": belum[k],
                          "alamat": alamat("/capaian", kecamatan=kantor[k], tahun=sar.tahun, triwulan=sar.triwulan)}
                         for k, h in ((k, hari[k]) for k in sar.kecamatan_ids)]).sort_values("kecamatan", kind="stable")
    return Tabel(f"Lama pengesahan angka triwulan {ROMAWI[sar.triwulan]} {sar.tahun} (hari sejak akhir triwulan)", (
        Kolom("Kecamatan", "kecamatan", tautan="alamat"), Kolom("IKU resmi", "resmi", "angka", "alamat"),
        Kolom("Belum resmi", "belum", "angka", "alamat"), Kolom("Median hari", "median", "angka", "alamat"),
        Kolom("Terlama (hari)", "terlama", "angka", "alamat")), data)


def tindak_lanjut_kantor(session: Session, sar: Saringan, hari_ini: date | None = None) -> Tabel:
    """Per office, the recommendations of the quarter's evaluations: made, done, overdue, and the median days from
    a recommendation to its acknowledgement by the Camat (of those done)."""
    hari = hari_ini or periode.hari_ini()
    df = tindak_lanjut(session, kecamatan_ids=sar.kecamatan_ids, tahun=sar.tahun, triwulan=sar.triwulan, hari_ini=hari)
    df = df[~df["periode_lain"]] if not df.empty else df  # the period's own recommendations
    kantor = nama_kantor(session, sar.kecamatan_ids)
    baris = []
    for k in sar.kecamatan_ids:
        g = df[df["kecamatan_id"] == k] if not df.empty else df
        selesai = g[g["status"] == StatusRekomendasi.SELESAI] if not g.empty else g
        baris.append({"kecamatan": kantor[k], "dibuat": len(g), "selesai": len(selesai),
                      "alamat": alamat("/tindak-lanjut", kecamatan=kantor[k], tahun=sar.tahun, triwulan=sar.triwulan),
                      "terlambat": int(g["terlambat"].sum()) if not g.empty else 0,
                      "median_hari": float(selesai["umur"].median()) if len(selesai) else None})
    data = pd.DataFrame(baris).sort_values(["terlambat", "kecamatan"], ascending=[False, True], kind="stable")
    return Tabel(f"Tindak lanjut rekomendasi evaluasi triwulan {ROMAWI[sar.triwulan]} {sar.tahun}", (
        Kolom("Kecamatan", "kecamatan", tautan="alamat"), Kolom("Rekomendasi", "dibuat", "angka", "alamat"),
        Kolom("Selesai", "selesai", "angka", "alamat"), Kolom("Terlambat", "terlambat", "angka", "alamat"),
        Kolom("Median hari sampai selesai", "median_hari", "angka", "alamat")), data)


BELUM_ADA_DPA = "Belum ada DPA"


def penyerapan_anggaran(session: Session, sar: Saringan) -> Tabel:
    """Per office: the year's DPA pagu, what was spent up to the quarter and the penyerapan; an office without a DPA
    for the year says so (its numbers are empty, not 0)."""
    kantor = nama_kantor(session, sar.kecamatan_ids)
    uang = penyerapan_banyak(session, sar.kecamatan_ids, sar.tahun, sar.triwulan)
    baris = []
    for k in sar.kecamatan_ids:
        pagu, real = uang.get(k, (None, None))
        baris.append({"kecamatan": kantor[k], "pagu": pagu, "realisasi": real,
                      "penyerapan": persen_serapan(pagu, real),
                      "keterangan": BELUM_ADA_DPA if pagu is None else ("Belum ada realisasi" if real is None else ""),
                      "alamat": alamat("/anggaran", kecamatan=kantor[k], tahun=sar.tahun)})
    data = pd.DataFrame(baris, columns=["kecamatan", "pagu", "realisasi", "penyerapan", "keterangan", "alamat"])
    if not data.empty:
        data = data.sort_values(["penyerapan", "kecamatan"], ascending=[False, True], kind="stable", na_position="last")
    return Tabel(f"Penyerapan anggaran (DPA) sampai triwulan {ROMAWI[sar.triwulan]} {sar.tahun}", (
        Kolom("Kecamatan", "kecamatan", tautan="alamat"), Kolom("Pagu (Rp)", "pagu", "angka", "alamat"),
        Kolom("Realisasi (Rp)", "realisasi", "angka", "alamat"), Kolom("Penyerapan", "penyerapan", "persen", "alamat"),
        Kolom("Keterangan", "keterangan")), data)


def rekap(session: Session, sar: Saringan, hari_ini: date | None = None) -> list[Tabel]:
    """The page's tables in its order, for one kabupaten's offices: the xlsx recap writes one sheet per table."""
    semua_sop = Saringan(kecamatan_ids=sar.kecamatan_ids, kecamatan_id=sar.kecamatan_id, tahun=sar.tahun,
                         triwulan=sar.triwulan)
    return [kepatuhan(session, sar, hari_ini)[0], capaian_peringkat(session, sar), proses(session, semua_sop),
            lama_pengesahan(session, sar), tindak_lanjut_kantor(session, sar, hari_ini), penyerapan_anggaran(session, sar)]


def per_kabupaten(session: Session, sar: Saringan, kabupaten_id: int | None = None) -> list[tuple[int, str, Saringan]]:
    """The view split by kabupaten, by name (IKU codes and calendars are a kabupaten's own, so offices are compared
    within one): (kabupaten id, name, view); only `kabupaten_id`'s when given. A kabupaten user's view is one part."""
    ids_kab: dict[tuple[int, str], list[int]] = {}
    for k, kab_id, nama in session.exec(select(Kecamatan.id, Kecamatan.kabupaten_id, Kabupaten.nama)
                                        .join(Kabupaten, col(Kabupaten.id) == Kecamatan.kabupaten_id)
                                        .where(col(Kecamatan.id).in_(sar.kecamatan_ids))).all():
        ids_kab.setdefault((kab_id, nama), []).append(k)
    return [(kab_id, nama, Saringan(kecamatan_ids=sorted(ids), kecamatan_id=sar.kecamatan_id, tahun=sar.tahun,
                                    triwulan=sar.triwulan, indikator_id=sar.indikator_id, sop=sar.sop))
            for (kab_id, nama), ids in sorted(ids_kab.items(), key=lambda kv: kv[0][1])
            if kabupaten_id is None or kab_id == kabupaten_id]


def kantor_sekabupaten(session: Session, kecamatan_id: int) -> list[int]:
    """Every office of the kabupaten the office belongs to (the office included)."""
    kec = session.get(Kecamatan, kecamatan_id)
    assert kec is not None  # an office of the reader's view (baca_saringan)
    return list(session.exec(select(Kecamatan.id).where(Kecamatan.kabupaten_id == kec.kabupaten_id)).all())


def posisi_kantor(session: Session, sar: Saringan, *, bagian: tuple[str, ...] = ("iku", "sop")) -> Tabel:
    """One office against its kabupaten, without naming the other offices: per shared IKU ("iku") the office's
    capaian of the quarter, the kabupaten's median of the offices that have one, the difference and the office's
    rank; per SOP held by other offices too ("sop"; the filter's SOP when it names one), its median cycle time
    against the median of the offices' medians."""
    k = sar.kecamatan_ids[0]
    semua = kantor_sekabupaten(session, k)
    df = perbandingan(session, kecamatan_ids=semua, tahun=sar.tahun, triwulan=sar.triwulan) if "iku" in bagian \
        else pd.DataFrame(columns=["kode"])
    baris = []
    for kode, g in df.groupby("kode", sort=False):
        nilai = g.dropna(subset=["capaian"])
        sendiri = g[g["kecamatan_id"] == k]
        if sendiri.empty:
            continue
        c = sendiri["capaian"].iloc[0]
        ada = c is not None and not pd.isna(c)
        letak = posisi(float(c) if ada else None, [float(v) for v in nilai["capaian"]])
        median, urut = letak.median, letak.peringkat
        baris.append({"bagian": "IKU", "nama": f"{kode} {sendiri['indikator'].iloc[0]}", "kantor": c if ada else None,
                      "median": median, "selisih": c - median if ada and median is not None else None,
                      "peringkat": f"{urut} dari {letak.jumlah}" if urut else "-", "satuan": "persen"})
    sar_semua = Saringan(kecamatan_ids=semua, kecamatan_id=None, tahun=sar.tahun, triwulan=sar.triwulan, sop=sar.sop)
    p = proses(session, sar_semua) if "sop" in bagian else Tabel("", (), pd.DataFrame())
    nama_sendiri = nama_kantor(session, [k])[k]
    for sop, g in p.data.groupby("sop", sort=True) if not p.data.empty else ():
        sendiri = g[g["kecamatan"] == nama_sendiri]
        nilai = g.dropna(subset=["median"])
        if sendiri.empty or nilai.empty:
            continue
        m = sendiri["median"].iloc[0]
        median = float(nilai["median"].median())
        ada = m is not None and not pd.isna(m)
        urut = int((nilai["median"] < m).sum()) + 1 if ada else None
        baris.append({"bagian": "Waktu siklus SOP (jam kerja)", "nama": sop,
                      "kantor": m / 60 if ada else None, "median": median / 60,
                      "selisih": (m - median) / 60 if ada else None,
                      "peringkat": f"{urut} dari {len(nilai)} (tercepat 1)" if urut else "-", "satuan": "jam"})
    return Tabel(f"Posisi kantor terhadap median kabupaten, triwulan {ROMAWI[sar.triwulan]} {sar.tahun}", (
        Kolom("Bagian", "bagian"), Kolom("Ukuran", "nama"), Kolom("Kantor ini", "kantor", "angka"),
        Kolom("Median kabupaten", "median", "angka"), Kolom("Selisih", "selisih", "angka"),
        Kolom("Peringkat", "peringkat")), pd.DataFrame(baris, columns=["bagian", "nama", "kantor", "median", "selisih",
                                                                      "peringkat", "satuan"]))


# The page's tables by download name (dashboard/web/unduhan.py); an office user's view holds its own office only.
TABEL_PERBANDINGAN = {
    "pk-kepatuhan": lambda s, sar: kepatuhan(s, sar)[0],
    "pk-capaian": capaian_peringkat,
    "pk-proses": proses,  # the filter's SOP, as on the screen
    "pk-pengesahan": lama_pengesahan,
    "pk-tindak-lanjut": tindak_lanjut_kantor,
    "pk-anggaran": penyerapan_anggaran,
}


def _tint_sel(t: Tabel) -> list[dict[str, tuple[int, int, int]]]:
    """Per row, the fill of the cells the screen colours: a kepatuhan cell by its state, a capaian cell (and its
    keadaan beside it) by its band."""
    hasil = []
    for rec in t.data.to_dict("records") if not t.data.empty else ():
        isi = {}
        for k in t.kolom:
            kunci = k.kunci.removeprefix("capaian_").removeprefix("keadaan_")
            w = rec.get(f"warna_{kunci}")
            if isinstance(w, str):
                rgb = TINT_PDF.get(w) or tint(w)
                if rgb:
                    isi[k.kunci] = rgb
        hasil.append(isi)
    return hasil


def _lebar_kolom(pdf: LembarPdf, t: Tabel, teks: list[list[str]], muat: float = 277.0) -> list[float]:
    """Column widths (mm) for a table on the landscape page: never narrower than the longest word of the header
    (bold, so no header word breaks), at most 60 mm, and what is left of the page shared in proportion to how much
    wider than that each column's cells would like to be."""
    pdf.set_font("dejavu", "B", UKURAN_KEPALA)
    minimum = [max(pdf.get_string_width(w) for w in (k.nama.split() or [""])) + 2.5 for k in t.kolom]
    pdf.set_font("dejavu", size=6.5)
    ingin = [max(m, min(60.0, max([pdf.get_string_width(b[i]) for b in teks] + [0.0]) + 2.5))
             for i, m in enumerate(minimum)]
    if sum(ingin) <= muat or sum(minimum) >= muat:
        return ingin
    lebih = [i - m for i, m in zip(ingin, minimum)]
    bagi = (muat - sum(minimum)) / sum(lebih)
    return [m + x * bagi for m, x in zip(minimum, lebih)]


def pdf_rekap(session: Session, sar: Saringan, hari_ini: date | None = None) -> bytes:
    """The recap as an A4 landscape PDF: the kabupaten's heading, the period and the date printed, the offices
    ordered by obligations in trouble as a bar chart, then every table of the page as on the screen."""
    hari = hari_ini or periode.hari_ini()
    tabel = rekap(session, sar, hari)
    kab_ids = set(session.exec(select(Kecamatan.kabupaten_id).where(col(Kecamatan.id).in_(sar.kecamatan_ids))).all())
    nama: list[str] = []
    for kab_id in kab_ids:
        kab = session.get(Kabupaten, kab_id)
        assert kab is not None  # an office's kabupaten (foreign key)
        nama.append(kab.nama)
    nama_kab = ", ".join(sorted(nama))
    pdf = LembarPdf(f"Rekap Perbandingan Kecamatan {nama_kab}")
    pdf.add_page()
    pdf.set_font("dejavu", "B", 11)
    pdf.cell(0, 5, f"PEMERINTAH KABUPATEN {nama_kab.upper()}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("dejavu", "B", 12)
    pdf.cell(0, 6, "REKAP PERBANDINGAN KECAMATAN", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("dejavu", size=9)
    pdf.cell(0, 5, f"Periode: triwulan {ROMAWI[sar.triwulan]} {sar.tahun} · dicetak {tanggal_panjang(hari)}",
             align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    kp = tabel[0].data
    kantor = kp[kp["kecamatan_id"].notna()] if not kp.empty else kp
    if not kantor.empty:  # the chart: offices by obligations in trouble
        pdf.set_font("dejavu", "B", 9)
        pdf.cell(0, 5, "Kewajiban bermasalah per kecamatan", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("dejavu", size=7)
        tertinggi = max(1, int(kantor["bermasalah"].max()))
        for r in kantor.itertuples():
            y = pdf.get_y()
            pdf.cell(40, 4, str(r.kecamatan))
            panjang = 180 * int(r.bermasalah) / tertinggi
            pdf.set_fill_color(220, 53, 69)
            if panjang:
                pdf.rect(52, y + 0.6, panjang, 2.8, style="F")
            pdf.set_xy(54 + panjang, y)
            pdf.cell(10, 4, format_angka(int(r.bermasalah), 0), new_x="LMARGIN", new_y="NEXT")
        pdf.set_fill_color(255, 255, 255)
        pdf.ln(3)
    for t in tabel:
        if pdf.get_y() > 150:
            pdf.add_page()
        pdf.set_font("dejavu", "B", 9)
        pdf.cell(0, 6, t.judul, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("dejavu", size=6.5)
        teks = [[teks_sel(v, k, t.zona) for v, k in zip(baris, t.kolom)] for baris in t.baris()]
        isian = _tint_sel(t)
        lebar = _lebar_kolom(pdf, t, teks)
        with pdf.table(col_widths=lebar, width=sum(lebar), align="LEFT",
                       line_height=3.2, padding=0.8, headings_style=GAYA_KEPALA) as tb:
            r = tb.row()
            for k in t.kolom:
                r.cell(k.nama, align="C")
            for baris, warna in zip(teks, isian):
                r = tb.row()
                for v, k in zip(baris, t.kolom):
                    w = warna.get(k.kunci)
                    r.cell(v, align="R" if k.jenis in {"persen", "angka", "menit"} else "L",
                           style=FontFace(fill_color=w) if w else None)
            if not teks:
                tb.row().cell("Tidak ada data.", colspan=len(t.kolom), align="C")
        pdf.ln(3)
    return bytes(pdf.output())

