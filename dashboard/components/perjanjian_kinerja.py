"""Perjanjian Kinerja page builders: the office's PKs of a year, the cascade tree, the Rencana Aksi per quarter."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html
from sqlmodel import Session

from dashboard import format as fmt
from dashboard.components.kartu import lencana_keadaan
from dashboard.components.publikasi import lencana_publikasi, tombol_publikasi
from models.akun.peran import NAMA_PERAN
from models.perencanaan.kalender_sakip import tanggal_lokal
from models.perencanaan.perjanjian_kinerja import (
    PIHAK_PERTAMA,
    daftar_pk,
    judul_pk,
    nama_pihak,
    pejabat,
    pohon,
    rencana_aksi,
    run_berjalan,
    scan_pk,
    sop_pk,
    teks_target,
    tindakan_pk,
)
from models.sop.alur import catatan_terbuka
from models.sop.nomor import nomor_langkah
from models.tables import Kecamatan, PerjanjianKinerja, SopLangkah, User
from models.umum.periode import ROMAWI
from models.umum.status import StatusPerjanjian


def _unduh(kec_id: int, tahun: int, pk: PerjanjianKinerja | None, role: str) -> html.Span:
    q = [] if role == "camat" else [f"role={role}"]
    if pk is not None:
        q.append(f"perubahan={pk.perubahan_ke}")
    akhiran = ("?" + "&".join(q)) if q else ""
    return html.Span([
        html.A("PDF", href=f"/cetak/pk/{kec_id}/{tahun}.pdf{akhiran}", target="_blank",
               className="btn btn-outline-secondary btn-sm me-1"),
        html.A("Word", href=f"/cetak/pk/{kec_id}/{tahun}.docx{akhiran}",
               className="btn btn-outline-secondary btn-sm"),
    ], className="text-nowrap")


def daftar_perjanjian(s: Session, kec: Kecamatan, tahun: int, *, penerbit: bool = False) -> html.Div:
    """One card per PK of the year (Camat, Sekretaris Camat, each Kasi; every version), with its status, who signed
    and when, the scan, whether it is published, and the downloads; a party without a PK yet shows its draft's
    downloads. `penerbit`: the viewer may publish the office's signed PKs (the button beside each)."""
    semua = daftar_pk(s, kec.id, tahun)
    per_pihak: dict[str, list[PerjanjianKinerja]] = {}
    for pk in semua:
        per_pihak.setdefault(pk.role_kode, []).append(pk)
    sop = sop_pk(s, kec.id)
    kartu = []
    for role in PIHAK_PERTAMA:
        pihak = pejabat(s, kec, role)
        daftar = per_pihak.get(role, [])
        if role != "camat" and not daftar and pihak.nama is None:
            continue
        baris = []
        for pk in daftar or [None]:
            baris.append(_baris_pk(s, kec, tahun, role, pk, sop is not None, penerbit))
        isi_kedua = "Bupati" if role == "camat" else "Camat"
        kartu.append(html.Div(dbc.Card(dbc.CardBody([
            html.H6([nama_pihak(role), html.Small(f" · {pihak.nama or 'belum ada akun'} dengan {isi_kedua}",
                                                  className="text-muted")], className="card-title mb-1"),
            *baris,
        ]), className="mb-2"), **{"data-pihak": role}))
    catatan = (f"Perjanjian Kinerja Camat kantor ini disusun melalui SOP \"{sop.nama}\": mulai di sini atau di "
               "Pekerjaan; langkah terakhirnya selesai ketika scan yang ditandatangani dilampirkan."
               if sop else "Kantor ini tidak memiliki SOP Perjanjian Kinerja: Camat menandatangani PK langsung di "
                           "halaman ini dengan melampirkan scan yang ditandatangani.")
    return html.Div([html.P(catatan, className="small text-muted"), *kartu], id="pk-daftar")


def _baris_pk(s: Session, kec: Kecamatan, tahun: int, role: str, pk: PerjanjianKinerja | None,
              ada_sop: bool, penerbit: bool = False) -> html.Div:
    if pk is None:
        return html.Div([dbc.Badge("Belum ada draf", color="light", text_color="secondary", className="me-2"),
                         _unduh(kec.id, tahun, None, role)], className="d-flex flex-wrap align-items-center gap-2")
    rincian: list = [lencana_keadaan(StatusPerjanjian(pk.status), className="me-1")]
    if pk.perubahan_ke:
        rincian.append(html.Span(f"Perubahan ke-{pk.perubahan_ke}", className="small me-1"))
    if pk.status == StatusPerjanjian.DITANDATANGANI:
        oleh = s.get(User, pk.ditandatangani_oleh) if pk.ditandatangani_oleh else None
        rincian.append(html.Span(f"ditandatangani {fmt.tanggal(pk.tanggal)}"
                                 + (f", scan dilampirkan oleh {oleh.nama}" if oleh else "")
                                 + f" pada {fmt.tanggal(tanggal_lokal(pk.ditandatangani_pada, kec.zona_waktu))}"
                                 if pk.ditandatangani_pada else "", className="small me-1"))
        scan = scan_pk(s, pk.id)
        if scan is not None:
            rincian.append(html.A("Scan", href=f"/lampiran/{scan.id}", className="small me-1"))
        rincian.append(lencana_publikasi(pk.dipublikasikan_pada, kec.zona_waktu))
        if penerbit and scan is not None:
            rincian.append(tombol_publikasi("pk", pk.id, pk.dipublikasikan_pada is not None))
    if role == "camat" and ada_sop:
        eks = run_berjalan(s, pk.id)
        if eks is not None:
            rec = catatan_terbuka(s, eks.id)
            lk = s.get(SopLangkah, rec.langkah_id) if rec else None
            rincian.append(html.Span(
                f"SOP berjalan: langkah {nomor_langkah(lk.no)} menunggu {NAMA_PERAN.get(rec.role_kode, rec.role_kode)}"
                if lk and rec else "SOP berjalan", className="small me-1 text-primary"))
        elif pk.status == StatusPerjanjian.DRAF:
            rincian.append(html.Span("SOP belum dimulai", className="small me-1 text-muted"))
    if pk.alasan:
        rincian.append(html.Span(f"Alasan perubahan: {pk.alasan}", className="small fst-italic me-1"))
    return html.Div([*rincian, _unduh(kec.id, tahun, pk, role)],
                    className="d-flex flex-wrap align-items-center gap-1 mb-1", **{"data-pk": pk.id})


def pohon_kinerja(s: Session, kec_id: int, tahun: int) -> html.Div:
    """The cascade as nested lists: sasaran → the Camat's IKU with its target → the lower PKs' indicators."""
    simpul = pohon(s, kec_id, tahun)
    if not simpul:
        return html.P("Kecamatan ini belum memiliki IKU.", className="text-muted")
    daftar = []
    for sas in simpul:
        iku = []
        for si in sas.iku:
            bawah = [html.Li([dbc.Badge(NAMA_PERAN.get(b.role_kode, b.role_kode), color="info", text_color="dark",
                                        className="me-1"), b.nama, html.Span(f" · target {teks_target(b.target, b.satuan)}",
                                                                             className="text-muted")])
                     for b in si.bawah]
            iku.append(html.Li([html.Strong(si.indikator.kode), f" {si.indikator.nama}",
                                html.Span(f" · target {teks_target(si.target, si.indikator.satuan)}",
                                          className="text-muted"),
                                html.Ul(bawah, className="pohon-bawah") if bawah else
                                html.Div("Belum ada indikator Sekretaris Camat atau Kasi di bawahnya.",
                                         className="small text-muted ms-3")]))
        daftar.append(html.Li([html.Span("Sasaran: ", className="text-muted small"), html.Strong(sas.sasaran),
                               html.Ul(iku)], className="mb-2"))
    return html.Ul(daftar, className="pohon-pk", id="pk-pohon")


def tabel_rencana_aksi(s: Session, kec_id: int, tahun: int) -> html.Div:
    """Per IKU and quarter: the quarter's target (entered on IKU & Target), the kegiatan, by whom, what was done."""
    baris = rencana_aksi(s, kec_id, tahun)
    if not baris:
        return html.P("Kecamatan ini belum memiliki IKU.", className="text-muted")
    kepala = html.Thead(html.Tr([html.Th(x) for x in ("IKU", "Triwulan", "Target triwulan", "Kegiatan", "Pelaksana",
                                                      "Terlaksana")]))
    isi = []
    for b in baris:
        target = teks_target(b.target, b.indikator.satuan) if b.target is not None else "belum ditetapkan"
        kegiatan = b.kegiatan or [None]
        for i, k in enumerate(kegiatan):
            isi.append(html.Tr([
                html.Td(f"{b.indikator.kode}" if i == 0 and b.triwulan == 1 else "", className="fw-bold"),
                html.Td(ROMAWI[b.triwulan] if i == 0 else ""),
                html.Td(target if i == 0 else "", className="text-nowrap"),
                html.Td(k.kegiatan if k else html.Span("belum ada kegiatan", className="text-muted")),
                html.Td(NAMA_PERAN.get(k.role_kode, k.role_kode) if k else ""),
                html.Td((k.terlaksana or html.Span("belum diisi", className="text-muted")) if k else ""),
            ], **({"data-ra": k.id} if k else {})))
    return dbc.Table([kepala, html.Tbody(isi)], size="sm", bordered=True, responsive=True, id="pk-rencana-aksi",
                     className="small")


def opsi_pk(s: Session, kec_id: int, tahun: int, user: User) -> list[dict]:
    """The PKs of the year whose state still offers signing (MESIN_PK), as options: one the user may not sign now is
    listed disabled, with the reason."""
    opsi = []
    for pk in daftar_pk(s, kec_id, tahun):
        for t in tindakan_pk(s, pk, user):
            if t.aksi != "tandatangani":
                continue
            judul = judul_pk(pk.role_kode, tahun, pk.perubahan_ke)
            opsi.append({"label": judul if t.boleh else f"{judul} ({t.alasan})", "value": pk.id,
                         "disabled": not t.boleh})
    return opsi
