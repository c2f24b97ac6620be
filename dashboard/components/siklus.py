"""The Waktu Siklus page's content: step statistics, the chart, deviations, and one execution's timeline."""
from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html
from sqlmodel import Session, select

from dashboard import figures
from dashboard import format as fmt
from dashboard.components.grafik import grafik
from dashboard.components.saringan import query
from dashboard.components.tabel import tabel_layar
from dashboard.components.tugas import catatan_sebelumnya, kotak_kembali
from models.akun.peran import NAMA_PERAN
from models.dasbor.kueri import PESAN_PILIH_KABUPATEN, PilihKabupaten, Saringan, nama_kantor
from models.dasbor.laporan import analisis_saringan, tabel_langkah, tabel_langkah_menyimpang
from models.perencanaan.kalender_sakip import tanggal_lokal
from models.sop.durasi import format_menit
from models.sop.jejak import jejak_eksekusi
from models.sop.nomor import nomor_langkah
from models.sop.siklus import CATATAN_WAKTU_KERJA, di_luar_jam_kerja, garis_waktu
from models.tables import Eksekusi, Kecamatan, SopRevisi, User
from models.umum.angka import tulis_persen
from models.umum.status import KeadaanLangkah, StatusEksekusi
from models.umum.tanggal import tanggal_hari


def isi(s: Session, sar: Saringan, menit_per_hari: int) -> tuple[html.Div, list[dict]]:
    """The page for the filter, and the executions to pick a timeline from (slowest first)."""
    if sar.nasional:  # the SOPs are an office's: none is offered before a kabupaten is chosen
        raise PilihKabupaten(PESAN_PILIH_KABUPATEN)
    if not sar.sop:
        return dbc.Alert("Kantor ini belum memiliki SOP.", color="light"), []
    a = analisis_saringan(s, sar)
    q = query(s, sar)
    eks = a.eksekusi
    selesai = eks[eks["status"] == StatusEksekusi.SELESAI] if not eks.empty else eks
    total_baku = sum(x.mutu_baku for x in a.langkah)
    hambatan = next((x for x in a.langkah if x.hambatan), None)
    dalam = [x for x in a.langkah if x.n and x.dalam_baku is not None]  # steps with a standard time, measured
    n_baku = sum(round((x.dalam_baku or 0) * x.n) for x in dalam)
    n_semua = sum(x.n for x in dalam)
    m = lambda v: format_menit(v, menit_per_hari=menit_per_hari)  # noqa: E731
    ringkas = dbc.Row([
        dbc.Col(_angka("Pelaksanaan", f"{fmt.angka(len(eks))}",
                       f"{fmt.angka(len(selesai))} selesai, {fmt.angka(len(eks) - len(selesai))} berjalan"), md=3),
        dbc.Col(_angka("Median waktu siklus", m(selesai["total"].median() if len(selesai) else None),
                       f"jumlah mutu baku langkah: {m(total_baku)}"), md=3),
        dbc.Col(_angka("Langkah dalam mutu baku",
                       tulis_persen(n_baku / n_semua * 100) if n_semua else "-",
                       f"{fmt.angka(n_baku)} dari {fmt.angka(n_semua)} kunjungan langkah"), md=3),
        dbc.Col(_angka("Hambatan", _nama_langkah(hambatan, a.langkah) if hambatan else ("Tidak ada" if n_semua else "-"),
                       fmt.ringkas(hambatan.kegiatan, 90) if hambatan else (
                           "Median setiap langkah dalam mutu baku." if n_semua else
                           "Belum ada langkah yang selesai pada periode ini; belum ada yang dapat diukur.")), md=3),
    ], className="mb-3", id="siklus-ringkas")
    kantor = nama_kantor(s, list(set(eks["kecamatan_id"]))) if not eks.empty else {}
    urut = eks.sort_values("total", ascending=False) if not eks.empty else eks
    pilihan = [{"label": f"{r.judul} · {kantor.get(r.kecamatan_id, '')} · {m(r.total)}"
                         f"{'' if r.status == StatusEksekusi.SELESAI else ' (berjalan)'}", "value": int(r.eksekusi_id)}
               for r in urut.itertuples()]
    return html.Div([
        ringkas,
        grafik(figures.grafik_siklus(a.langkah, menit_per_hari), f"Waktu siklus {sar.sop} {sar.tahun}",
               id="grafik-siklus"),
        tabel_layar(tabel_langkah(a), nama="siklus-langkah", q=q, ident="tabel-siklus-langkah",
                    menit_per_hari=menit_per_hari),
        tabel_layar(tabel_langkah_menyimpang(a), nama="penyimpangan", q=q, ident="tabel-penyimpangan",
                    kosong="Tidak ada langkah yang dilewati atau dikerjakan tidak berurutan."),
    ]), pilihan


def _nama_langkah(x, semua) -> str:
    """"Langkah 2", or "Langkah 2 (urutan 4)" when the SOP's table numbers its steps again from 1 in a later part."""
    ulang = sum(1 for y in semua if y.no == x.no) > 1
    return f"Langkah {nomor_langkah(x.no)}" + (f" (urutan {x.urutan})" if ulang else "")


def _angka(judul: str, nilai: str, ket: str) -> dbc.Card:
    return dbc.Card(dbc.CardBody([html.Div(judul, className="small text-muted"),
                                  html.Div(nilai, className="fs-5 fw-semibold"), html.Div(ket, className="small")]),
                    className="h-100")


def garis(s: Session, eksekusi_id: int, menit_per_hari: int) -> html.Div:
    eks = s.get(Eksekusi, eksekusi_id)
    zona = s.get(Kecamatan, eks.kecamatan_id).zona_waktu
    df = garis_waktu(s, eksekusi_id)
    pelaku = {u.id: u.nama for u in s.exec(select(User).where(User.kecamatan_id == eks.kecamatan_id))}
    df["peran"] = df["role_kode"].map(lambda k: NAMA_PERAN.get(k, k))
    df["keterangan"] = [
        f"Diterima {fmt.waktu(r.diterima_pada.to_pydatetime(), zona)}"
        + (f"<br>Mulai dikerjakan {fmt.waktu(r.dimulai_pada.to_pydatetime(), zona)}" if pd.notna(r.dimulai_pada) else "")
        + (f"<br>{KeadaanLangkah.label_dari(r.hasil)} {fmt.waktu(r.selesai_pada.to_pydatetime(), zona)}"
           f" oleh {pelaku.get(r.pelaku_id, '-')}" if pd.notna(r.selesai_pada) else "<br>Masih menunggu")
        + f"<br>Waktu kerja {format_menit(r.total if pd.notna(r.total) else None, menit_per_hari=menit_per_hari)}"
          f" · mutu baku {format_menit(r.waktu_menit, menit_per_hari=menit_per_hari)}"
        for r in df.itertuples()]
    rev = s.get(SopRevisi, eks.revisi_id)
    judul = f"{eks.judul} · {rev.nama}"
    luar = di_luar_jam_kerja(df)
    peringatan = None
    if luar:  # every bar would have length 0 on the working-time axis: say so, and show the calendar's span
        hari = sorted({tanggal_lokal(t.to_pydatetime(), zona) for t in (df["diterima_pada"].min(),
                                                                        df["selesai_pada"].max())
                       if pd.notna(t)})
        kapan = " sampai ".join(tanggal_hari(h) for h in hari)
        peringatan = dbc.Alert(f"Pelaksanaan ini seluruhnya berlangsung di luar jam kerja ({kapan}), sehingga waktu "
                               "kerjanya 0 menit. Grafik menunjukkan langkahnya pada jam kalender sejak dimulai.",
                               color="info", className="mb-2", id="garis-waktu-luar")
    # The chart's title does not wrap: a long one ends at a word with "…" (the full one is in the dropdown above).
    # The waiting step's return (who, when, why) and every earlier step's note, as Persetujuan shows them.
    lalu = jejak_eksekusi(s, eksekusi_id)
    return html.Div([peringatan,
                     grafik(figures.grafik_garis_waktu(df, fmt.ringkas(judul, 95), kalender=luar),
                            f"Garis waktu {judul}", id="grafik-garis-waktu"),
                     html.P(CATATAN_WAKTU_KERJA, className="small text-muted", id="garis-waktu-catatan"),
                     kotak_kembali(lalu, zona, ident="siklus-dikembalikan"),
                     catatan_sebelumnya(lalu, zona, ident="siklus-catatan",
                                        judul="Catatan langkah sebelumnya" if eks.status == StatusEksekusi.BERJALAN
                                        else "Catatan tiap langkah")])
