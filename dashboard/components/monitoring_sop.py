"""The Monitoring SOP page's content: the semester's monitoring sheet and the year's evaluation sheet, as forms for
the roles that assess and as text for everyone else; and, for a kabupaten, how far each office has got."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import dash_bootstrap_components as dbc
from dash import html
from sqlmodel import Session

from dashboard import ids
from dashboard.format import angka, tanggal, waktu
from models.sop.durasi import format_menit
from models.sop.monitoring import (
    KRITERIA,
    PENILAI,
    BarisEvaluasi,
    BarisMonitoring,
    BuktiSiklus,
    CatatanTahun,
    jawaban_dari,
    lembar_evaluasi,
    lembar_monitoring,
    ringkasan_kantor,
)
from models.sop.nomor import nomor_langkah
from models.tables import Kecamatan, User
from models.umum import periode
from models.umum.angka import tulis_persen
from models.umum.periode import label_semester, periode_baku

YA_TIDAK = [{"label": "Ya", "value": "ya"}, {"label": "Tidak", "value": "tidak"}]
PENILAIAN = [{"label": "Berjalan baik", "value": "ya"}, {"label": "Tidak berjalan baik", "value": "tidak"}]


def semester_halaman(args: Mapping[str, object], tahun: int, hari_ini: date | None = None) -> int:
    """The semester in the address, or by default the one running in `tahun` (the second for a past year)."""
    v = str(args.get("semester") or "")
    if v in ("1", "2"):
        return int(v)
    d = hari_ini or periode.hari_ini()
    return (1 if d.month <= 6 else 2) if tahun == d.year else 2


def pilihan_tahun(tahun: int) -> list[dict]:
    akhir = max(periode.hari_ini().year, periode_baku()[0])
    return [{"label": str(t), "value": t} for t in range(akhir, min(tahun, akhir - 5) - 1, -1)]


def ya_tidak(nilai: bool | None) -> str | None:
    return None if nilai is None else ("ya" if nilai else "tidak")


def baris_bukti(b: BuktiSiklus, menit_per_hari: int) -> list[str]:
    """The cycle-time evidence of one SOP as short lines (empty when it did not run in the period)."""
    if not b.pelaksanaan:
        return []
    m = lambda v: format_menit(v, menit_per_hari=menit_per_hari)  # noqa: E731
    baris = [f"{angka(b.pelaksanaan)} pelaksanaan ({angka(b.selesai)} selesai)",
             f"Median waktu siklus: {m(b.median) if b.selesai else 'belum ada yang selesai'}"]
    if b.kunjungan:
        baris.append(f"Langkah dalam mutu baku: {tulis_persen(b.persen_dalam_baku)} "
                     f"({angka(b.dalam_baku)} dari {angka(b.kunjungan)})")
    h = b.hambatan
    baris.append(f"Hambatan: langkah {nomor_langkah(h.no)} ({m(h.median)}, mutu baku {m(h.mutu_baku)})" if h
                 else "Hambatan: tidak ada")
    return baris


def teks_bukti_ringkas(b: BuktiSiklus, menit_per_hari: int) -> str:
    """The same evidence in one short paragraph, for the printed sheet."""
    if not b.pelaksanaan:
        return "Belum ada pelaksanaan"
    m = lambda v: format_menit(v, menit_per_hari=menit_per_hari)  # noqa: E731
    bagian = [f"{angka(b.pelaksanaan)} pelaksanaan, {angka(b.selesai)} selesai",
              f"median {m(b.median)}" if b.selesai else "belum ada yang selesai"]
    if b.kunjungan:
        bagian.append(f"{tulis_persen(b.persen_dalam_baku)} langkah dalam mutu baku ({angka(b.dalam_baku)} dari "
                      f"{angka(b.kunjungan)})")
    bagian.append(f"hambatan: langkah {nomor_langkah(b.hambatan.no)} ({m(b.hambatan.median)}; baku {m(b.hambatan.mutu_baku)})"
                  if b.hambatan else "tanpa hambatan")
    return "; ".join(bagian) + "."


def _bukti(b: BuktiSiklus, menit_per_hari: int, periode: str) -> html.Div:
    baris = baris_bukti(b, menit_per_hari)
    if not baris:
        return html.Div(f"Belum ada pelaksanaan pada {periode}.", className="small text-muted")
    return html.Div([html.Div(t) for t in baris], className="small bukti-siklus")


def _nama_sop(nama: str, nomor: str | None) -> html.Div:
    return html.Div([html.Div(nama, className="fw-semibold"),
                     html.Div(f"Nomor {nomor}", className="small text-muted") if nomor else None])


def _dinilai(penilai: str | None, pada, zona: str) -> html.Div | None:
    if pada is None:
        return None
    return html.Div(f"Dinilai {penilai or '-'}, {tanggal(pada.astimezone(ZoneInfo(zona)))}",
                    className="small text-muted mt-1", title=waktu(pada, zona))


def tautan_cetak(jalur: str, q: dict) -> html.Span:
    """The print view and its PDF, for the same office and period."""
    alamat = urlencode(q)
    return html.Span([
        html.A("Cetak", href=f"{jalur}/cetak?{alamat}", target="_blank", className="btn btn-outline-secondary btn-sm me-1"),
        html.A("PDF", href=f"{jalur}/cetak.pdf?{alamat}", className="btn btn-outline-secondary btn-sm"),
    ], className="float-end unduh cetak")


def boleh_menilai(user: User, kecamatan_id: int) -> bool:
    """Whether the page offers the forms (the callback policy and the domain function check again)."""
    return user.role_kode in PENILAI and user.kecamatan_id == kecamatan_id


def _hanya_baca(user: User) -> dbc.Alert:
    teks = ("Monitoring dan evaluasi SOP diisi oleh Camat, Sekretaris Camat, Kasubag Evapor atau Tim kecamatan; "
            "Anda dapat membacanya.")
    return dbc.Alert(teks, color="light", className="small py-2")


# ---------------------------------------------------------------- the semester's monitoring


def _status_monitoring(b: BarisMonitoring) -> dbc.Badge:
    if b.monitoring is None:
        return dbc.Badge("Belum dinilai", color="light", text_color="secondary")
    return (dbc.Badge("Berjalan baik", color="success") if b.monitoring.berjalan_baik
            else dbc.Badge("Tidak berjalan baik", color="warning", text_color="dark"))


def _baris_pesan(ident: dict, kolom: int) -> html.Tr:
    """The row under an SOP's form where the save's message appears (hidden while empty)."""
    return html.Tr(html.Td(id=ident, colSpan=kolom), className="pesan-sop")


def _tersembunyi(sop_id: int, jenis_sop: str, jenis_periode: str, periode: str) -> html.Div:
    """The SOP and the period the row was drawn for: a save names them, not the filter as it may be by then."""
    return html.Div([html.Span(sop_id, id={"type": jenis_sop, "index": sop_id}),
                     html.Span(periode, id={"type": jenis_periode, "index": sop_id})], className="d-none")


def _baris_monitoring(no: int, b: BarisMonitoring, *, tulis: bool, tahun: int, semester: int, zona: str,
                      menit_per_hari: int) -> list[html.Tr]:
    m = b.monitoring
    periode = label_semester(tahun, semester)
    awal = [html.Td(str(no)), html.Td(_nama_sop(b.nama, b.nomor)),
            html.Td(_bukti(b.bukti, menit_per_hari, periode))]
    dinilai = _dinilai(b.penilai, m.dinilai_pada if m else None, zona)
    if not tulis:
        return [html.Tr(awal + [
            html.Td([_status_monitoring(b), dinilai]),
            html.Td(m.catatan if m and m.catatan else "-"), html.Td(m.tindakan if m and m.tindakan else "-")])]
    i = b.sop_id
    return [html.Tr(awal + [
        html.Td([dbc.RadioItems(id={"type": ids.MONSOP_BAIK, "index": i}, options=PENILAIAN,
                                value=ya_tidak(m.berjalan_baik) if m else None), dinilai]),
        html.Td(dbc.Textarea(id={"type": ids.MONSOP_CATATAN, "index": i}, value=m.catatan if m else "", rows=3,
                             maxLength=2000, placeholder="Wajib bila tidak berjalan baik", className="form-control-sm")),
        html.Td(dbc.Textarea(id={"type": ids.MONSOP_TINDAKAN, "index": i}, value=m.tindakan if m else "", rows=3,
                             maxLength=2000, placeholder="Wajib bila tidak berjalan baik", className="form-control-sm")),
        html.Td([_tersembunyi(i, ids.MONSOP_SOP, ids.MONSOP_PERIODE, f"{tahun}-{semester}"),
                 dbc.Button("Simpan", id={"type": ids.MONSOP_SIMPAN, "index": i}, color="primary", size="sm")]),
    ]), _baris_pesan({"type": ids.MONSOP_PESAN, "index": i}, 7)]


def isi_monitoring(s: Session, user: User, kecamatan_id: int, tahun: int, semester: int,
                   menit_per_hari: int, data: CatatanTahun | None = None) -> html.Div:
    kec = s.get(Kecamatan, kecamatan_id)
    lembar = lembar_monitoring(s, kecamatan_id=kecamatan_id, tahun=tahun, semester=semester, data=data)
    tulis = boleh_menilai(user, kecamatan_id)
    judul = html.H5([f"Monitoring pelaksanaan SOP, {label_semester(tahun, semester)} · Kecamatan {kec.nama}",
                     tautan_cetak("/monitoring-sop", {"kecamatan": kec.nama, "tahun": tahun, "semester": semester})],
                    className="mt-3 mb-2")
    if not lembar:
        return html.Div([judul, dbc.Alert("Kantor ini belum memiliki SOP yang berlaku.", color="light")])
    dinilai = sum(1 for b in lembar if b.monitoring is not None)
    tidak = sum(1 for b in lembar if b.monitoring is not None and not b.monitoring.berjalan_baik)
    ringkas = html.P(f"{angka(dinilai)} dari {angka(len(lembar))} SOP sudah dinilai; {angka(tidak)} tidak berjalan "
                     "baik. Data waktu siklus: pelaksanaan SOP tentang triwulan "
                     f"{'I dan II' if semester == 1 else 'III dan IV'} {tahun}, dalam waktu kerja.",
                     className="small text-muted", id="monsop-ringkas")
    lebar = ("3%", "21%", "20%", "12%", "18%", "18%", "8%")
    judul_kolom = ("No", "Prosedur (SOP)", "Data waktu siklus", "Penilaian", "Catatan hasil penilaian",
                   "Tindakan yang harus diambil") + (("",) if tulis else ())
    kepala = html.Thead(html.Tr([html.Th(j, style={"width": w}) for j, w in zip(judul_kolom, lebar)]))
    badan = html.Tbody([tr for n, b in enumerate(lembar, start=1)
                        for tr in _baris_monitoring(n, b, tulis=tulis, tahun=tahun, semester=semester,
                                                    zona=kec.zona_waktu, menit_per_hari=menit_per_hari)])
    return html.Div([judul, ringkas, None if tulis else _hanya_baca(user),
                     dbc.Table([kepala, badan], size="sm", bordered=True, responsive=True,
                               className="tabel-monitoring-sop align-top", id="tabel-monitoring-sop")])


# ---------------------------------------------------------------- the year's evaluation


def _status_evaluasi(b: BarisEvaluasi) -> dbc.Badge:
    if b.evaluasi is None:
        return dbc.Badge("Belum dievaluasi", color="light", text_color="secondary")
    tidak = sum(1 for v in jawaban_dari(b.evaluasi).values() if not v)
    return (dbc.Badge("Semua kriteria Ya", color="success") if not tidak
            else dbc.Badge(f"{tidak} kriteria Tidak", color="warning", text_color="dark"))


def _baris_evaluasi(no: int, b: BarisEvaluasi, *, tulis: bool, tahun: int, zona: str,
                    menit_per_hari: int) -> list[html.Tr]:
    e = b.evaluasi
    jawaban = jawaban_dari(e) if e else {}
    i = b.sop_id
    bukti = (html.Div(teks_bukti_ringkas(b.bukti, menit_per_hari), className="small text-muted mt-1")
             if b.bukti.pelaksanaan else html.Div(f"Belum ada pelaksanaan pada tahun {tahun}.",
                                                  className="small text-muted mt-1"))
    awal = [html.Td(str(no)), html.Td([_nama_sop(b.nama, b.nomor), bukti])]
    status = [_status_evaluasi(b), _dinilai(b.penilai, e.dinilai_pada if e else None, zona)]
    if not tulis:
        kriteria = [html.Td({True: "Ya", False: "Tidak"}.get(jawaban.get(k), "-"), className="text-center")
                    for k, _ in KRITERIA]
        return [html.Tr(awal + kriteria + [html.Td([html.Div(e.catatan or "-") if e else None, *status])])]
    kriteria = [html.Td(dbc.RadioItems(id={"type": ids.EVSOP_KRITERIA, "kolom": k, "index": i}, options=YA_TIDAK,
                                       value=ya_tidak(jawaban.get(k)), className="small"))
                for k, _ in KRITERIA]
    return [html.Tr(awal + kriteria + [
        html.Td([dbc.Textarea(id={"type": ids.EVSOP_CATATAN, "index": i}, value=e.catatan if e else "", rows=3,
                              maxLength=2000, placeholder="Wajib bila ada kriteria Tidak",
                              className="form-control-sm"), *status]),
        html.Td([_tersembunyi(i, ids.EVSOP_SOP, ids.EVSOP_TAHUN, str(tahun)),
                 dbc.Button("Simpan", id={"type": ids.EVSOP_SIMPAN, "index": i}, color="primary", size="sm")]),
    ]), _baris_pesan({"type": ids.EVSOP_PESAN, "index": i}, 4 + len(KRITERIA))]


def isi_evaluasi(s: Session, user: User, kecamatan_id: int, tahun: int, menit_per_hari: int,
                 data: CatatanTahun | None = None) -> html.Div:
    kec = s.get(Kecamatan, kecamatan_id)
    lembar = lembar_evaluasi(s, kecamatan_id=kecamatan_id, tahun=tahun, data=data)
    tulis = boleh_menilai(user, kecamatan_id)
    judul = html.H5([f"Evaluasi penerapan SOP, tahun {tahun} · Kecamatan {kec.nama}",
                     tautan_cetak("/monitoring-sop/evaluasi", {"kecamatan": kec.nama, "tahun": tahun})],
                    className="mt-3 mb-2")
    if not lembar:
        return html.Div([judul, dbc.Alert("Kantor ini belum memiliki SOP yang berlaku.", color="light")])
    dievaluasi = sum(1 for b in lembar if b.evaluasi is not None)
    ringkas = html.P(f"{angka(dievaluasi)} dari {angka(len(lembar))} SOP sudah dievaluasi. Setiap SOP dinilai "
                     "sekurang-kurangnya sekali setahun terhadap tujuh kriteria (Ya/Tidak); data waktu siklus: semua "
                     f"pelaksanaan SOP tentang tahun {tahun}.", className="small text-muted", id="evsop-ringkas")
    kepala = html.Thead(html.Tr([html.Th("No", style={"width": "3%"}), html.Th("Prosedur (SOP)", style={"width": "22%"})]
                                + [html.Th(label, className="small", style={"width": "7%"}) for _, label in KRITERIA]
                                + [html.Th("Catatan", style={"width": "18%"})]
                                + ([html.Th("", style={"width": "8%"})] if tulis else [])))
    badan = html.Tbody([tr for n, b in enumerate(lembar, start=1)
                        for tr in _baris_evaluasi(n, b, tulis=tulis, tahun=tahun, zona=kec.zona_waktu,
                                                  menit_per_hari=menit_per_hari)])
    return html.Div([judul, ringkas, None if tulis else _hanya_baca(user),
                     dbc.Table([kepala, badan], size="sm", bordered=True, responsive=True,
                               className="tabel-evaluasi-sop align-top", id="tabel-evaluasi-sop")])


# ---------------------------------------------------------------- every office of a kabupaten


def isi_ringkasan(s: Session, kecamatan_ids: list[int], tahun: int, semester: int) -> html.Div:
    """How far each office has got, for a reader who has not picked one office."""
    baris = ringkasan_kantor(s, kecamatan_ids=kecamatan_ids, tahun=tahun, semester=semester)
    kepala = html.Thead(html.Tr([html.Th("Kecamatan"), html.Th("SOP berlaku", className="text-end"),
                                 html.Th(f"Dimonitor {label_semester(tahun, semester)}", className="text-end"),
                                 html.Th("Tidak berjalan baik", className="text-end"),
                                 html.Th(f"Dievaluasi {tahun}", className="text-end"),
                                 html.Th("Ada kriteria Tidak", className="text-end")]))
    badan = html.Tbody([html.Tr([html.Td(r.kecamatan), html.Td(angka(r.sop), className="text-end"),
                                 html.Td(angka(r.dimonitor), className="text-end"),
                                 html.Td(angka(r.tidak_baik), className="text-end"),
                                 html.Td(angka(r.dievaluasi), className="text-end"),
                                 html.Td(angka(r.ada_tidak), className="text-end")]) for r in baris])
    return html.Div([
        dbc.Alert("Pilih satu kecamatan pada saringan untuk melihat lembar monitoring dan evaluasinya serta "
                  "mencetaknya.", color="info", className="py-2"),
        dbc.Table([kepala, badan], size="sm", hover=True, responsive=True, className="tabel-dasbor",
                  id="tabel-ringkasan-monitoring"),
    ])
