"""The Evaluasi AKIP page's content: an office's LKE of a year, criterion by criterion with both columns, the live
scores (models.tindak_lanjut.lke.hitung_nilai, via the domain), the proposals from the office's records, and the
buttons the machine allows."""
from __future__ import annotations

from decimal import Decimal

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import format as fmt
from dashboard import ids
from models.perencanaan.kalender_sakip import tanggal_lokal
from models.tables import EvaluasiAkip, JawabanLke, Lampiran, Lke
from models.tindak_lanjut.bukti_lke import Usulan
from models.tindak_lanjut.evaluasi_akip import LABEL_AKSI, StatusEvaluasiAkip
from models.tindak_lanjut.lhe import PESAN_EVALUATOR_BELUM_FINAL
from models.tindak_lanjut.lke import ARTI_PREDIKAT, LABEL_SKALA, SKALA, Kriteria, NilaiLke, StrukturLke, bulat
from models.umum.mesin_status import Tindakan

BELUM = "belum lengkap"


def teks_nilai(nilai: Decimal | float | None) -> str:
    """A score as printed (two decimals, half up); "belum lengkap" while a criterion is unanswered, never 0."""
    return BELUM if nilai is None else fmt.angka(float(bulat(Decimal(str(nilai)))), 2)


def teks_predikat(predikat: str | None) -> str:
    return BELUM if predikat is None else f"{predikat} ({ARTI_PREDIKAT[predikat]})"


def opsi_jawaban(skala: str) -> list[dict]:
    """The answers of a scale with their values: "B (0,75)"."""
    return [{"label": f"{j} ({fmt.angka(float(v), 2).rstrip('0').rstrip(',')})", "value": j}
            for j, v in SKALA[skala].items()]


def tabel_nilai(struktur: StrukturLke, mandiri: NilaiLke, evaluator: NilaiLke | None) -> dbc.Table:
    """Scores per component and sub-component, the total and the predicate, of both columns (the office's alone
    when `evaluator` is None: not shown to this user yet)."""
    def tr(*sel, **kw) -> html.Tr:  # a row's cells; the last, the evaluator's, is left out while hidden
        return html.Tr(list(sel) if evaluator is not None else list(sel[:-1]), **kw)

    e = evaluator or mandiri  # read only for the cells tr() leaves out when evaluator is None
    baris = []
    for km in struktur.komponen:
        baris.append(tr(html.Th(f"{km.kode}. {km.nama}"), html.Th(fmt.angka(float(km.bobot), 2)),
                        html.Th(teks_nilai(mandiri.komponen[km.kode])), html.Th(teks_nilai(e.komponen[km.kode])),
                        className="table-light"))
        for s in km.sub:
            baris.append(tr(html.Td(s.kode, title=s.nama, className="ps-3"), html.Td(fmt.angka(float(s.bobot), 2)),
                            html.Td(teks_nilai(mandiri.sub[s.kode])), html.Td(teks_nilai(e.sub[s.kode]))))
    baris.append(tr(html.Th("Nilai total"), html.Th("100"), html.Th(teks_nilai(mandiri.total)),
                    html.Th(teks_nilai(e.total)), className="table-primary"))
    baris.append(tr(html.Th("Predikat"), html.Th(""), html.Th(teks_predikat(mandiri.predikat)),
                    html.Th(teks_predikat(e.predikat))))
    kepala = html.Thead(tr(html.Th("Komponen"), html.Th("Bobot"), html.Th("Mandiri"), html.Th("Evaluator")))
    return dbc.Table([kepala, html.Tbody(baris)], id="akip-tabel-nilai", size="sm", bordered=True,
                     className="mb-2 small")


def evaluator_tersembunyi() -> dbc.Alert:
    """What an office user reads in place of the evaluator's answers, notes and scores before final."""
    return dbc.Alert(PESAN_EVALUATOR_BELUM_FINAL, color="info", className="py-1 px-2 small mb-2",
                     id="akip-evaluator-tersembunyi")


def ringkasan_nilai(struktur: StrukturLke, mandiri: NilaiLke, evaluator: NilaiLke | None,
                    kurang: list[str]) -> html.Div:
    """The live scores, what is still unanswered, and the criteria without any proof; `evaluator` None: the
    evaluator's scores are not shown to this user yet (models.tindak_lanjut.lhe.evaluator_terlihat)."""
    catatan = []
    if mandiri.belum:
        catatan.append(html.Li(f"Penilaian mandiri: {len(mandiri.belum)} kriteria belum dijawab."))
    if evaluator is not None and evaluator.belum:
        catatan.append(html.Li(f"Kolom evaluator: {len(evaluator.belum)} kriteria belum dijawab."))
    if kurang:
        catatan.append(html.Li(html.Details([
            html.Summary(f"Bukti belum ada ({len(kurang)} kriteria, tanpa berkas dan tanpa usulan dari catatan "
                         "kantor): "),
            html.Span(", ".join(kurang), id="akip-bukti-kurang")])))
    return html.Div([html.H5("Nilai"), evaluator_tersembunyi() if evaluator is None else None,
                     tabel_nilai(struktur, mandiri, evaluator),
                     html.Ul(catatan, className="small text-muted") if catatan else None])


def _berkas(bukti: list[Lampiran]) -> list:
    return [html.Div(html.A(x.nama_berkas, href=f"/lampiran/{x.id}"), className="small") for x in bukti]


def daftar_bukti(bukti: list[Lampiran]) -> html.Div:
    return html.Div(_berkas(bukti) or [html.Span("Belum ada berkas bukti.", className="small text-muted")])


def _usulan(kode: str, u: Usulan | None, boleh_pakai: bool) -> html.Div | None:
    if u is None:
        return None
    return html.Div([
        html.Div([html.Strong("Usulan dari catatan kantor: "),
                  html.Span(u.jawaban or "(tidak menentukan jawaban)", className="usulan-jawaban")], className="small"),
        html.Div(u.alasan, className="small"),
        html.Div([html.A(t.label, href=t.href, className="small me-2") for t in u.tautan]),
        dbc.Button("Pakai usulan", id={"type": ids.AKIP_PAKAI, "index": kode}, size="sm", color="secondary",
                   outline=True, className="mt-1") if boleh_pakai and u.jawaban else None,
    ], className="border rounded p-2 mb-2 bg-light usulan")


def _pertanyaan(j: JawabanLke | None) -> dbc.Alert | None:
    if j is None or not j.pertanyaan:
        return None
    if j.dikembalikan:
        return dbc.Alert([html.Strong("Dikembalikan evaluator: "), j.pertanyaan], color="warning",
                         className="py-1 px-2 small mb-2 pertanyaan")
    return html.Div([html.Strong("Pertanyaan evaluator (sudah dijawab): "), j.pertanyaan],
                    className="small text-muted mb-2 pertanyaan")


def _pilih(jenis: str, kr: Kriteria, nilai: str | None, boleh: bool) -> dbc.Select:
    """The answer on the criterion's scale (a plain select: the page holds two for each of 80 criteria)."""
    return dbc.Select(id={"type": jenis, "index": kr.kode}, options=opsi_jawaban(kr.skala), value=nilai or "",
                      disabled=not boleh, placeholder="Jawaban…", className="mb-1", size="sm")


def kartu_kriteria(kr: Kriteria, j: JawabanLke | None, bukti: list[Lampiran], usulan: Usulan | None, *,
                   mandiri: bool, evaluator: bool, tampil_evaluator: bool = True) -> dbc.Card:
    """One criterion: its scale, the proposal, the office's answer, note and proofs, the evaluator's answer and
    note, the desk review's question. `mandiri`/`evaluator`: whether the user may write that column now (the
    upload and the buttons are drawn only then); `tampil_evaluator` False: the evaluator's answer and note are
    left out (not yet final for this office user), the question stays in the office's column."""
    k = kr.kode
    kolom_kantor = html.Div([
        html.H6("Penilaian mandiri", className="small fw-bold"),
        _pertanyaan(j),
        _usulan(k, usulan, mandiri),
        _pilih(ids.AKIP_MANDIRI, kr, j.mandiri if j else None, mandiri),
        dbc.Textarea(id={"type": ids.AKIP_CATATAN_MANDIRI, "index": k}, value=(j.catatan_mandiri if j else None) or "",
                     disabled=not mandiri, placeholder="Catatan / penjelasan", rows=2, className="mb-1"),
        html.Div(daftar_bukti(bukti), id={"type": ids.AKIP_DAFTAR_BUKTI, "index": k}),
        html.Div([
            dcc.Upload(id={"type": ids.AKIP_BUKTI, "index": k}, className="unggah mb-1 small",
                       max_size=5 * 1024 * 1024, accept=".pdf,.jpg,.jpeg,.png,.xlsx,.docx",
                       children=html.Div(["Seret bukti ke sini atau ", html.A("pilih berkas")])),
            dbc.Button("Simpan jawaban", id={"type": ids.AKIP_SIMPAN_MANDIRI, "index": k}, size="sm",
                       color="primary"),
        ]) if mandiri else None,
    ])
    kolom_evaluator = html.Div([
        html.H6("Evaluator", className="small fw-bold"),
        html.Div("Tampil setelah evaluasi final.", className="small text-muted"),
    ]) if not tampil_evaluator else html.Div([
        html.H6("Evaluator", className="small fw-bold"),
        _pilih(ids.AKIP_EVALUATOR, kr, j.evaluator if j else None, evaluator),
        dbc.Textarea(id={"type": ids.AKIP_CATATAN_EVALUATOR, "index": k},
                     value=(j.catatan_evaluator if j else None) or "", disabled=not evaluator,
                     placeholder="Catatan evaluator", rows=2, className="mb-1"),
        html.Div([
            dbc.Button("Simpan penilaian", id={"type": ids.AKIP_SIMPAN_EVALUATOR, "index": k}, size="sm",
                       color="primary", className="mb-2"),
            dbc.Textarea(id={"type": ids.AKIP_PERTANYAAN, "index": k}, placeholder="Pertanyaan untuk kecamatan",
                         rows=1, className="mb-1"),
            dbc.Button("Kembalikan ke kecamatan", id={"type": ids.AKIP_KEMBALIKAN, "index": k}, size="sm",
                       color="warning", outline=True),
        ]) if evaluator else None,
    ])
    return dbc.Card(dbc.CardBody([
        html.Div([html.Span(k, className="fw-bold me-2"), html.Span(kr.teks),
                  dbc.Badge(LABEL_SKALA[kr.skala], color="secondary", className="ms-2")], className="mb-2"),
        dbc.Row([dbc.Col(kolom_kantor, md=6), dbc.Col(kolom_evaluator, md=6)], className="g-3"),
        html.Div(id={"type": ids.AKIP_PESAN_KRITERIA, "index": k}, className="mt-1"),
        html.Div(id={"type": ids.AKIP_PESAN_EVALUATOR, "index": k}, className="mt-1"),
        html.Div(id={"type": ids.AKIP_PESAN_KEMBALI, "index": k}, className="mt-1"),
    ]), className="mb-2 kriteria", id=f"kriteria-{k.replace('.', '-')}")


def lembar_kriteria(struktur: StrukturLke, jawaban: dict[str, JawabanLke], bukti: dict[str, list[Lampiran]],
                    usulan: dict[str, Usulan], mandiri: frozenset[str], evaluator: frozenset[str],
                    tampil_evaluator: bool = True) -> html.Div:
    """Every criterion by component and sub-component; `tampil_evaluator` False: the evaluator's column left out,
    one line saying when it shows."""
    bagian: list = [] if tampil_evaluator else [evaluator_tersembunyi()]
    for km in struktur.komponen:
        bagian.append(html.H4(f"{km.kode}. {km.nama} ({fmt.angka(float(km.bobot), 2)})", className="mt-4"))
        for s in km.sub:
            bagian.append(html.H5(f"{s.kode} {s.nama} ({fmt.angka(float(s.persen))}% = "
                                  f"{fmt.angka(float(s.bobot), 2)})", className="mt-3"))
            if s.keterangan:
                bagian.append(html.P(s.keterangan, className="small text-muted"))
            bagian += [kartu_kriteria(kr, jawaban.get(kr.kode), bukti.get(kr.kode, []), usulan.get(kr.kode),
                                      mandiri=kr.kode in mandiri, evaluator=kr.kode in evaluator,
                                      tampil_evaluator=tampil_evaluator)
                       for kr in s.kriteria]
    return html.Div(bagian)


def _tombol(tindakan: list[Tindakan], aksi: str, ident: str, tampil: bool) -> html.Div | None:
    t = next((x for x in tindakan if x.aksi == aksi), None)
    if t is None or not tampil:
        return None
    return html.Div([dbc.Button(LABEL_AKSI[aksi], id=ident, color="primary", disabled=not t.boleh),
                     html.Div(t.alasan, className="small text-muted mt-1") if t.alasan else None], className="mb-2")


def kepala_evaluasi(ev: EvaluasiAkip, nama_kantor: str, zona: str, tindakan: list[Tindakan], *, pengisi: bool,
                    evaluator: bool) -> dbc.Card:
    """Status, what was sent and finalised, and the buttons the machine offers to this user."""
    st = StatusEvaluasiAkip(ev.status)
    isi: list = [html.H4([f"Evaluasi AKIP {ev.tahun} Kecamatan {nama_kantor} ",
                          dbc.Badge(st.label, color=st.warna, id="akip-status")]),
                 html.P(f"LKE: {ev.lke.get('nama', '-')}", className="small text-muted mb-1")]
    if ev.dikirim_pada:
        isi.append(html.P(f"Penilaian mandiri dikirim {fmt.tanggal(tanggal_lokal(ev.dikirim_pada, zona))}.",
                          className="small mb-1"))
    if st == StatusEvaluasiAkip.FINAL:
        isi.append(dbc.Alert([html.Strong(f"Nilai {teks_nilai(ev.nilai)} · predikat {teks_predikat(ev.predikat)}"),
                              html.Div(f"LHE tanggal {fmt.tanggal(ev.tanggal_lhe)}."),
                              html.Div(f"Temuan: {ev.temuan or '-'}")], color="success", id="akip-final-info"))
    isi.append(_tombol(tindakan, "kirim", ids.AKIP_KIRIM, pengisi))
    if evaluator and any(t.aksi == "finalkan" for t in tindakan):
        isi.append(html.Div([
            dbc.Label("Temuan hasil evaluasi (LHE)", html_for=ids.AKIP_TEMUAN),
            dbc.Textarea(id=ids.AKIP_TEMUAN, rows=3, className="mb-2"),
            dbc.Label("Tanggal LHE", html_for=ids.AKIP_TANGGAL_LHE),
            dbc.Input(id=ids.AKIP_TANGGAL_LHE, placeholder=f"mis. 15 Maret {ev.tahun + 1}", className="mb-2"),
            _tombol(tindakan, "finalkan", ids.AKIP_FINAL, True),
        ], className="border-top pt-2"))
    return dbc.Card(dbc.CardBody(isi), className="mb-3")


def belum_dibuka(tahun: int, nama_kantor: str, alasan_buka: str | None, evaluator: bool) -> dbc.Card:
    label = "Buka Evaluasi AKIP" if evaluator else "Mulai penilaian mandiri"
    return dbc.Card(dbc.CardBody([
        html.H4(f"Evaluasi AKIP {tahun} Kecamatan {nama_kantor}"),
        html.P("Evaluasi AKIP tahun ini belum dibuka.", className="text-muted"),
        dbc.Button(label, id=ids.AKIP_BUKA, color="primary") if alasan_buka is None else None,
    ]), className="mb-3")


def butir_lke(daftar: list[Lke]) -> list:
    """The kabupaten's adopted LKE, one line per year it applies from."""
    return [html.Li(f"Mulai {x.berlaku_mulai}: {x.nama} (ditetapkan {fmt.tanggal(x.dibuat_pada)})") for x in daftar] \
        or [html.Li("Belum ada LKE kabupaten: LKE PermenPAN-RB 88/2021.")]


def kartu_lke(daftar: list[Lke]) -> dbc.Card:
    """The kabupaten's adopted LKE per year, and the upload of a revised one (TOML in the shape of seed/lke.toml)."""
    return dbc.Card(dbc.CardBody([
        html.H5("LKE yang berlaku", className="card-title"),
        html.P("Tanpa LKE kabupaten, evaluasi memakai LKE PermenPAN-RB 88/2021. LKE revisi diunggah sebagai berkas "
               ".toml dengan bentuk seed/lke.toml (komponen, subkomponen dengan persen dan skala, kriteria); evaluasi "
               "yang sudah dibuka tetap memakai LKE-nya.", className="small text-muted"),
        html.Ul(butir_lke(daftar), className="small", id=ids.AKIP_DAFTAR_LKE),
        dbc.Label("Berlaku mulai tahun", html_for=ids.AKIP_LKE_TAHUN),
        dbc.Input(id=ids.AKIP_LKE_TAHUN, inputMode="numeric", className="mb-2"),
        dcc.Upload(id=ids.AKIP_LKE_BERKAS, className="unggah mb-1", accept=".toml", max_size=1024 * 1024,
                   children=html.Div(["Seret berkas LKE (.toml) ke sini atau ", html.A("pilih berkas")])),
        html.Div(id=ids.AKIP_LKE_PESAN),
    ]), className="mb-3")
