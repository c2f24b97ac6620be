"""The content of Beranda for one office, and for a kabupaten's offices side by side."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html
from sqlmodel import Session

from dashboard.components.kartu import kartu_angka, kartu_iku, lencana_keadaan
from dashboard.components.rekap_akip import kartu_akip
from dashboard.components.saringan import query, tautan_unduh
from dashboard.components.tabel import tabel_layar
from dashboard.format import angka, ringkas
from dashboard.format import tanggal as fmt_tanggal
from models.akun.peran import NAMA_PERAN
from models.dasbor.kueri import (
    Saringan,
    antrian_terbuka,
    nama_ganda,
    nama_indikator,
    nama_kantor,
    rekomendasi_terlambat,
    triwulan_capaian,
)
from models.dasbor.kueri import kartu_iku as data_kartu
from models.dasbor.laporan import periode_capaian, tabel_beranda_kabupaten, tabel_iku_triwulan, tabel_tl_terlambat
from models.kinerja.realisasi import dikembalikan_untuk
from models.perencanaan.kalender_sakip import kewajiban_kantor, urutan_kewajiban
from models.perencanaan.pekerjaan import PekerjaanTahunan, pekerjaan_tahunan, untuk_saya
from models.perencanaan.pengaturan import batas_tampil
from models.sop.alur import antrian
from models.sop.durasi import format_menit
from models.sop.nomor import nomor_langkah
from models.sop.siklus import dalam_baku_per_kantor
from models.tables import Evaluasi, Kabupaten, User
from models.tindak_lanjut.rekap_akip import rekap_akip
from models.tindak_lanjut.rekomendasi import menunggu, pengingat
from models.umum.angka import tulis_persen
from models.umum.periode import ROMAWI, triwulan_sebelumnya
from models.umum.status import KeadaanCapaian, KeadaanKewajiban, StatusEksekusi, StatusRekomendasi


def _persen_baku(dalam: int, n: int) -> str:
    return tulis_persen(dalam / n * 100) if n else "-"


def isi_kantor(s: Session, sar: Saringan, user: User, hari_ini: date, menit_per_hari: int) -> html.Div:
    kec = sar.kecamatan_id
    q = query(s, sar)
    tw = triwulan_capaian(sar.tahun, sar.triwulan, hari_ini)  # the whole year: as far as it has gone
    _, tw_lalu = triwulan_sebelumnya(sar.tahun, tw)
    kartu = data_kartu(s, kecamatan_id=kec, tahun=sar.tahun, triwulan=tw)
    milik = {t.catatan.id for t in antrian(s, user) if t.milik_sendiri} if user.kecamatan_id == kec else set()
    tunggu = antrian_terbuka(s, kecamatan_ids=[kec])
    saya = tunggu[tunggu["catatan_id"].isin(milik)]
    terlambat = rekomendasi_terlambat(s, kecamatan_ids=[kec], hari_ini=hari_ini)
    dalam, n = dalam_baku_per_kantor(s, kecamatan_ids=[kec], tahun=sar.tahun, triwulan=sar.triwulan)[kec]
    daftar_saya = html.Ul([html.Li([f"{r.judul} · langkah {nomor_langkah(r.langkah)} · ", html.Span(
        f"{format_menit(r.umur, menit_per_hari=menit_per_hari)} (baku {format_menit(r.mutu_baku, menit_per_hari=menit_per_hari)})",
        className="text-danger" if r.terlambat else "")]) for r in saya.head(5).itertuples()],
        className="small mb-1 ps-3", id="beranda-daftar-saya") if len(saya) else None
    return html.Div([
        _dikembalikan(s, user) if user.kecamatan_id == kec else None,
        _pengingat(s, user, hari_ini) if user.kecamatan_id == kec else None,
        _kalender(s, kec, user, hari_ini),
        _tahunan(s, kec, sar.tahun),
        html.H4(f"Capaian IKU {periode_capaian(sar.tahun, sar.triwulan, hari_ini)}", className="mt-2"),
        dbc.Row([dbc.Col(kartu_iku(k, tw_lalu), md=4, className="mb-3") for k in kartu]
                or [dbc.Col(dbc.Alert("Kantor ini belum memiliki IKU.", color="light"))], id="beranda-kartu"),
        dbc.Row([
            dbc.Col(kartu_angka("Persetujuan saya", angka(len(saya)), [
                f"{angka(int(saya['terlambat'].sum()))} melewati mutu baku" if len(saya) else
                "Tidak ada yang menunggu Anda.", daftar_saya], ident="beranda-saya", href="/persetujuan"), md=4)
            if user.kecamatan_id == kec else  # a reader from outside the office has no tasks here: its queue
            dbc.Col(kartu_angka("Langkah menunggu", angka(len(tunggu)), [
                f"{angka(int(tunggu['terlambat'].sum()))} melewati mutu baku" if len(tunggu) else
                "Tidak ada langkah SOP yang menunggu di kantor ini."], ident="beranda-menunggu",
                href=f"/persetujuan?{q}"), md=4),
            dbc.Col(kartu_angka("Tindak lanjut terlambat", angka(len(terlambat)),
                                "Rekomendasi evaluasi yang melewati jatuh tempo.", ident="beranda-tl",
                                warna="danger" if terlambat else "success"), md=4),
            dbc.Col(kartu_angka("Langkah SOP dalam mutu baku", _persen_baku(dalam, n),
                                f"{angka(dalam)} dari {angka(n)} langkah selesai untuk periode ini.",
                                ident="beranda-baku", href=f"/siklus?{q}"), md=4),
        ], className="mb-2"),
        tabel_layar(tabel_iku_triwulan(s, replace(sar, triwulan=tw) if sar.triwulan else sar, kartu), nama="iku-triwulan", q=q, ident="tabel-iku-triwulan"),
        tabel_layar(tabel_tl_terlambat(s, sar, hari_ini, terlambat), nama="tl-terlambat", q=q,
                    ident="tabel-tl-terlambat",
                    kosong="Tidak ada tindak lanjut yang terlambat.", per_halaman=20),
    ], **{"data-kantor": nama_kantor(s, [kec])[kec]}, className="isi-kantor")


BATAS_KEWAJIBAN = 8  # obligations listed on Beranda; the rest are on Kalender SAKIP


def _tahunan(s: Session, kecamatan_id: int, tahun: int) -> dbc.Card:
    """The office's yearly work about the year chosen (Renja, LKj, ...: no quarter), each with how far it got."""
    daftar = pekerjaan_tahunan(s, kecamatan_id, tahun)

    def baris(p: PekerjaanTahunan) -> html.Li:
        st = StatusEksekusi(p.eksekusi.status)
        letak = (f" · menunggu langkah {nomor_langkah(p.menunggu.no)} ({NAMA_PERAN.get(p.peran or '', p.peran)})"
                 if p.menunggu is not None else "")
        return html.Li([html.Span(p.eksekusi.judul, className="fw-semibold"), f" · {p.sop_nama} · ",
                        lencana_keadaan(st), f" · {angka(p.langkah_selesai)} dari {angka(p.langkah_semua)} langkah "
                        f"selesai{letak}"], **{"data-eksekusi": p.eksekusi.id})
    isi = (html.Ul([baris(p) for p in daftar[:BATAS_KEWAJIBAN]], className="small mb-1 ps-3")
           if daftar else html.P(f"Belum ada pekerjaan tahunan untuk tahun {tahun}.", className="small mb-1"))
    return dbc.Card(dbc.CardBody([html.H6(f"Pekerjaan tahunan {tahun}", className="card-title"), isi,
                                  html.A("Buka Pekerjaan", href="/pekerjaan", className="small")]),
                    className="mt-2", id="beranda-tahunan")


def _kalender(s: Session, kecamatan_id: int, user: User, hari_ini: date) -> dbc.Card:
    """The SAKIP calendar's obligations of the office that are overdue or due within a week, the user's own first
    and marked, what the office has no SOP for, and how many ended late this year."""
    semua = kewajiban_kantor(s, kecamatan_id, hari_ini=hari_ini)
    saya = untuk_saya(s, user, semua) if user.kecamatan_id == kecamatan_id else set()
    # The user's own first, then the overdue, then what is due within a week, each by due date.
    penting = sorted(((n, k) for n, k in enumerate(semua) if k.status in (KeadaanKewajiban.TERLAMBAT, KeadaanKewajiban.SEGERA)),
                     key=lambda x: (x[0] not in saya, x[1].status != KeadaanKewajiban.TERLAMBAT, urutan_kewajiban(x[1])))
    telat_tahun_ini = [k for k in semua if k.status == KeadaanKewajiban.SELESAI_TERLAMBAT and k.tenggat is not None
                       and k.tenggat.year == hari_ini.year]

    def baris(n: int, k) -> html.Li:
        return html.Li([html.Span(k.status_label, className="fw-semibold"), f" · {k.nama} {k.label} · jatuh tempo ",
                        fmt_tanggal(k.tenggat), f" · {_keadaan(k)}",
                        dbc.Badge("untuk Anda", color="primary", className="ms-1") if n in saya else None],
                       className="text-danger" if k.status == KeadaanKewajiban.TERLAMBAT else None,
                       **{"data-kewajiban": k.kewajiban})

    lebih = len(penting) - BATAS_KEWAJIBAN
    isi = [html.Ul([baris(n, k) for n, k in penting[:BATAS_KEWAJIBAN]]
                   + ([html.Li(f"… dan {angka(lebih)} lainnya di Kalender SAKIP")] if lebih > 0 else []),
                   className="small mb-1 ps-3", id="beranda-kewajiban-daftar")
           if penting else html.P("Tidak ada kewajiban SAKIP yang terlambat atau jatuh tempo dalam tujuh hari.",
                                  className="small mb-1")]
    tanpa = [j.nama for j in sorted({k.kewajiban: k.jadwal for k in semua if k.status == KeadaanKewajiban.TANPA_SOP}.values(),
                                    key=lambda j: j.urutan)]  # in the calendar's order
    if tanpa:
        isi.append(html.P(f"Belum ada SOP kantor untuk: {', '.join(tanpa)}.", className="small text-muted mb-1",
                          id="beranda-kewajiban-tanpa-sop"))
    if telat_tahun_ini:
        isi.append(html.P(f"{angka(len(telat_tahun_ini))} kewajiban tahun ini selesai setelah jatuh tempo.",
                          className="small text-muted mb-1"))
    isi.append(html.A("Buka Kalender SAKIP", href="/kalender-sakip", className="small"))
    return dbc.Card(dbc.CardBody([
        html.H6(["Kalender SAKIP: ", html.Span(f"{angka(sum(k.status == KeadaanKewajiban.TERLAMBAT for _, k in penting))} terlambat, "
                                               f"{angka(sum(k.status == KeadaanKewajiban.SEGERA for _, k in penting))} segera")],
                className="card-title"),
        *isi]), className="mt-2", id="beranda-kewajiban")


def _keadaan(k) -> str:
    """Where an obligation stands, in words: its execution's state, or what is missing."""
    if k.status == KeadaanKewajiban.TANPA_SOP:
        return "kantor belum memiliki SOP-nya"
    berjalan = [e for e in k.eksekusi if e.status == StatusEksekusi.BERJALAN]
    if berjalan:
        return f"sedang berjalan ({berjalan[0].judul})"
    if k.dasar == "realisasi":
        return "belum semua IKU resmi"
    if k.dasar == "perjanjian":
        return "Perjanjian Kinerja Camat belum ditandatangani"
    return "belum dimulai"


def _dikembalikan(s: Session, user: User) -> dbc.Alert | None:
    """Figures returned for correction that wait on this user, each with why and a link to correct it."""
    daftar = dikembalikan_untuk(s, user)
    if not daftar:
        return None
    return dbc.Alert([
        html.Strong(f"Realisasi dikembalikan untuk Anda perbaiki ({angka(len(daftar))})"),
        html.Ul([html.Li([f"{ind.kode} triwulan {ROMAWI[r.triwulan]} {r.tahun} · {p.peran}: ", html.Em(p.alasan), " · ",
                          html.A("Perbaiki", href=f"/realisasi?tahun={r.tahun}&triwulan={r.triwulan}"
                                                  f"&indikator={ind.id}")])
                 for r, ind, p in daftar[:8]], className="mb-0 small"),
    ], color="warning", id="beranda-dikembalikan", className="mt-2")


def _pengingat(s: Session, user: User, hari_ini: date) -> dbc.Alert | None:
    """Follow-ups overdue or due within seven days that wait on this user (the Camat: all of the office)."""
    daftar = pengingat(s, user, hari_ini)
    if not daftar:
        return None
    return dbc.Alert([
        html.Strong(f"Pengingat tindak lanjut ({angka(len(daftar))})"),
        html.Ul([html.Li([html.Span("Terlambat" if telat else "Jatuh tempo", className="fw-semibold"),
                          f" {fmt_tanggal(r.jatuh_tempo)} · {ringkas(r.teks, 110)} · {StatusRekomendasi.label_dari(r.status)} · ",
                          f"menunggu {NAMA_PERAN.get(menunggu(r), '-')} · ",
                          html.A("Buka", href=_tautan_rekomendasi(s, r))],
                         className="text-danger" if telat else None)
                 for r, telat in daftar[:8]], className="mb-1 small"),
        html.A("Buka Tindak Lanjut", href="/tindak-lanjut", className="small"),
    ], color="warning", id="beranda-pengingat", className="mt-2")


def _tautan_rekomendasi(s: Session, r) -> str:
    """Tindak Lanjut at the recommendation's own period, opened on it."""
    ev = s.get(Evaluasi, r.evaluasi_id)
    return f"/tindak-lanjut?tahun={ev.tahun}&triwulan={ev.triwulan or 0}&rekomendasi={r.id}"  # an Evaluasi AKIP: the year


def isi_kabupaten(s: Session, sar: Saringan, hari_ini: date) -> html.Div:
    """One kabupaten's offices side by side (each kabupaten sets its own IKU, so its IKU-1 is not another's): a
    kabupaten user's own; the one the admin chose on the filter, under its name (the admin's view of every
    kabupaten is the summary, dashboard.components.nasional)."""
    q = query(s, sar)
    if sar.kabupaten_id is None:
        return _kabupaten(s, sar, hari_ini, q, "")
    kab = s.get(Kabupaten, sar.kabupaten_id)
    return html.Div([html.H3(f"Kabupaten {kab.nama}", className="mt-4 border-bottom"),
                     _kabupaten(s, sar, hari_ini, q, f"-{kab.id}")],
                    className="beranda-kabupaten", **{"data-kabupaten": kab.nama})


def _kabupaten(s: Session, sar: Saringan, hari_ini: date, q: str, akhiran: str) -> html.Div:
    """One kabupaten's offices side by side: capaian per IKU (its own IKU, named) coloured by band and marked by how
    far the figure got, open steps, overdue follow-ups, within mutu baku; the same table the CSV and Excel
    downloads hold."""
    tabel = tabel_beranda_kabupaten(s, sar, hari_ini)
    df = tabel.data
    kode = [k.kunci.removeprefix("capaian_") for k in tabel.kolom if k.kunci.startswith("capaian_")]
    nama_iku = nama_indikator(s, sar.kecamatan_ids)
    kepala = html.Thead(html.Tr([html.Th("Kecamatan")] + [
        html.Th([k, html.Br(), html.Small(nama_iku.get(k, ""), className="fw-normal text-muted nama-iku")],
                className="text-end", title=nama_iku.get(k, "")) for k in kode] + [
        html.Th("Rata-rata", className="text-end"), html.Th("Langkah menunggu", className="text-end"), html.Th("Tindak lanjut terlambat", className="text-end"),
        html.Th("Dalam mutu baku", className="text-end")]))

    def td(r: dict, k: str) -> html.Td:
        capaian, keadaan = r[f"capaian_{k}"], r[f"keadaan_{k}"]
        if capaian is None or pd.isna(capaian):
            if keadaan in (KeadaanCapaian.DIKEMBALIKAN.label, KeadaanCapaian.DIBUKA.label):  # being corrected
                return html.Td(keadaan, className="text-end text-warning-emphasis small sedang-diperbaiki",
                               title=r[f"keterangan_{k}"] or "")
            return html.Td("-", className="text-end text-muted", title=r[f"keterangan_{k}"] or "")
        # `keadaan` is the label the table (and its CSV and Excel) prints, of models.umum.status.KeadaanCapaian.
        if keadaan == KeadaanCapaian.DRAF.label:  # entered, never submitted: not a figure the office stands behind
            return html.Td(f"{tulis_persen(capaian)} (draf)", className="text-end text-muted fst-italic",
                           title=KeadaanCapaian.DRAF.label)
        teks = tulis_persen(capaian) + ("" if keadaan == KeadaanCapaian.RESMI.label else "*")
        return html.Td(teks, className="text-end", style={"backgroundColor": f"{r[f'warna_{k}']}26"},
                       title=f"{keadaan} · {r[f'predikat_{k}']}")

    ganda = nama_ganda(s, list(df["kecamatan"])) if not df.empty else set()

    def tautan(r: dict) -> str:  # an office by name, or by id where another kabupaten has one of that name
        kantor = str(r["kecamatan_id"]) if r["kecamatan"] in ganda else r["kecamatan"]
        return "/?" + urlencode({"kecamatan": kantor, "tahun": sar.tahun, "triwulan": sar.triwulan})

    badan = html.Tbody([html.Tr([html.Td(html.A(r["kecamatan"], href=tautan(r)))]
                                + [td(r, x) for x in kode] + [
        html.Td(tulis_persen(r["rata"]),
                className="text-end"),
        html.Td(angka(r["langkah_terbuka"]), className="text-end"),
        html.Td(angka(r["tl_terlambat"]), className="text-end"),
        html.Td(tulis_persen(r["dalam_baku"]), className="text-end")], **{"data-kantor": r["kecamatan"]})
        for r in df.to_dict("records")])
    return html.Div([
        html.H4([f"Perbandingan kecamatan, {periode_capaian(sar.tahun, sar.triwulan, hari_ini)}",
                 tautan_unduh("beranda-kabupaten", q)], className="mt-2"),
        html.P("Capaian per IKU diwarnai menurut predikat; * = sementara, belum disahkan Camat; (draf) = diisi, belum "
               "diajukan; angka yang dikembalikan atau dibuka kembali sedang diperbaiki dan tidak dihitung. Pilih nama "
               "kecamatan untuk melihat berandanya.", className="small text-muted mb-1"),
        html.P(f"Rata-rata capaian atas IKU bersama kabupaten: {batas_tampil(s, sar.kecamatan_ids)} (batas "
               "yang ditetapkan kabupaten).", className="small fw-semibold", id=f"beranda-batas-rerata{akhiran}"),
        dbc.Table([kepala, badan], hover=True, size="sm", responsive=True, id=f"tabel-perbandingan-kantor{akhiran}",
                  className="tabel-dasbor"),
        # the Evaluasi AKIP the kabupaten holds this year, of last year's work: each office's state
        kartu_akip(rekap_akip(s, kecamatan_ids=sar.kecamatan_ids, tahun=sar.tahun - 1)),
        tabel_layar(tabel_tl_terlambat(s, sar, hari_ini), nama="tl-terlambat", q=q,
                    ident=f"tabel-tl-terlambat{akhiran}",
                    kosong="Tidak ada tindak lanjut yang terlambat.", per_halaman=20),
    ], className="isi-kabupaten")
