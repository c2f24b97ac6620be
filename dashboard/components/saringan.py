"""The filter bar of the dashboards and the address that keeps it: a link opens the same view.

Each page builds its bar with `bilah_saringan(prefix, ...)`; the ids are `{prefix}-kecamatan`, `{prefix}-tahun`,
`{prefix}-triwulan`, `{prefix}-indikator`, `{prefix}-sop`. A browser-side callback writes the chosen values into
the address (history.replaceState, no reload); the server reads them back in `saringan_halaman`.
"""
from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html, no_update
from flask_login import current_user
from sqlmodel import Session, select

from dashboard.components.pilihan import dropdown
from dashboard.data import kecamatan_terlihat
from models.akun.akses import AWALAN_KABUPATEN
from models.dasbor.kueri import Saringan, baca_saringan, nama_kantor
from models.tables import Kabupaten, Kecamatan, User
from models.umum.periode import ROMAWI, periode_baku

NAMA = ("kecamatan", "tahun", "triwulan", "indikator", "sop")
SEMUA_KANTOR = ""  # the empty value: every office in scope (an empty filter is never checked as an office)


def saringan_halaman(session: Session, args: Mapping[str, object], *, setahun: bool = False,
                     bawaan_setahun: bool = True) -> Saringan:
    """The signed-in user's view from the address or the filter values (scope checked, foreign offices refused)."""
    user = session.get(User, current_user.id)
    sendiri = user.kecamatan_id if user.kecamatan_id else None
    return baca_saringan(session, lingkup=kecamatan_terlihat(session), args=args, kantor_sendiri=sendiri,
                         setahun=setahun, bawaan_setahun=bawaan_setahun)


def query(session: Session, sar: Saringan) -> str:
    return urlencode(sar.sebagai_query(session))


def bilah_saringan(session: Session, prefix: str, sar: Saringan, *, indikator: list[tuple[int, str]] | None = None,
                   sop: list[tuple[str, str]] | None = None, triwulan: bool = True, setahun: bool = False,
                   periode: bool = True, tahun_awal: int | None = None, sop_bawaan: str | None = None) -> dbc.Row:
    """Dropdowns for the page's filters; the office dropdown only for users who see more than one office."""
    # Pages that show a whole year also offer the next one: a Renja or a Perjanjian Kinerja is about next year.
    th_akhir = max(periode_baku()[0] + (1 if setahun else 0), sar.tahun)
    tahun_awal = min(tahun_awal or periode_baku()[0] - 5, sar.tahun)
    user = session.get(User, current_user.id)
    lingkup = kecamatan_terlihat(session)
    kolom = []
    if lingkup is None:  # the admin: a kabupaten first, then its offices
        pilihan, nilai = pilihan_kantor_nasional(session, sar)
        kolom.append(_kolom("Kabupaten / kecamatan", dropdown(id=f"{prefix}-kecamatan", options=pilihan, value=nilai,
                                                                  clearable=False), md=3))
    elif not user.kecamatan_id:
        kantor = sorted(nama_kantor(session, lingkup).values())
        pilihan = [{"label": "Semua kecamatan", "value": SEMUA_KANTOR}] + [{"label": k, "value": k} for k in kantor]
        nilai = nama_kantor(session, [sar.kecamatan_id])[sar.kecamatan_id] if sar.kecamatan_id else SEMUA_KANTOR
        kolom.append(_kolom("Kecamatan", dropdown(id=f"{prefix}-kecamatan", options=pilihan, value=nilai,
                                                      clearable=False), md=3))
    else:
        kolom.append(_tersembunyi(f"{prefix}-kecamatan", None))
    if not periode:
        return dbc.Row(kolom, className="g-2 mb-3 saringan")
    kolom.append(_kolom("Tahun", dropdown(id=f"{prefix}-tahun", clearable=False, value=sar.tahun,
                                              options=[{"label": str(t), "value": t}
                                                       for t in range(th_akhir, tahun_awal - 1, -1)]), md=2))
    if triwulan:
        kolom.append(_kolom("Triwulan", dropdown(id=f"{prefix}-triwulan", clearable=False, value=sar.triwulan,
                                                     options=[{"label": "Setahun", "value": 0}] * setahun + [
                                                         {"label": f"Triwulan {ROMAWI[n]}", "value": n}
                                                         for n in range(1, 5)]), md=2))
    else:
        kolom.append(_tersembunyi(f"{prefix}-triwulan", sar.triwulan))
    if indikator is not None:
        kolom.append(_kolom("Indikator", dropdown(
            id=f"{prefix}-indikator", value=sar.indikator_id, placeholder="Semua IKU",
            options=[{"label": nama, "value": i} for i, nama in indikator]), md=5))
    if sop is not None:
        kunci = {k for k, _ in sop}
        nilai = sar.sop if sar.sop in kunci else (sop_bawaan if sop_bawaan in kunci else (sop[0][0] if sop else None))
        kolom.append(_kolom("SOP", dropdown(id=f"{prefix}-sop", value=nilai, clearable=False,
                                                options=[{"label": nama, "value": k} for k, nama in sop]), md=5))
    return dbc.Row(kolom, className="g-2 mb-3 saringan")


def pilihan_kantor_nasional(session: Session, sar: Saringan) -> tuple[list[dict], str]:
    """The admin's office filter: every kabupaten (each "semua kecamatan"), and the offices of the one chosen (or of
    the chosen office's); the value as the filter holds it. Never every office of every kabupaten."""
    kab = sar.kabupaten_id
    if sar.kecamatan_id is not None:
        kab = session.get(Kecamatan, sar.kecamatan_id).kabupaten_id
    pilihan = [{"label": "Semua kabupaten (ringkasan)", "value": SEMUA_KANTOR}]
    nilai = SEMUA_KANTOR
    for kab_id, nama in session.exec(select(Kabupaten.id, Kabupaten.nama).order_by(Kabupaten.nama)):
        pilihan.append({"label": f"Kabupaten {nama}: semua kecamatan", "value": AWALAN_KABUPATEN + nama})
        if kab_id == kab:
            nilai = AWALAN_KABUPATEN + nama
            # by id: offices of different kabupaten may share a name
            pilihan += [{"label": f"· Kec. {nama_kec}", "value": str(i)} for i, nama_kec in session.exec(
                select(Kecamatan.id, Kecamatan.nama).where(Kecamatan.kabupaten_id == kab_id).order_by(Kecamatan.nama))]
    if sar.kecamatan_id is not None:
        nilai = str(sar.kecamatan_id)
    return pilihan, nilai


def pasang_pilihan_nasional(app: Dash, prefix: str, nama: tuple[str, ...]) -> None:
    """The admin choosing a kabupaten or an office opens the page anew for it: the filter then lists that
    kabupaten's offices, and the page's other choices (its SOPs, its indicators) are that kabupaten's."""
    from dashboard.akses import callback
    from dashboard.data import sesi

    lain = [n for n in nama if n != "kecamatan"]

    @callback(app, Output("_pages_location", "search", allow_duplicate=True), Input(f"{prefix}-kecamatan", "value"),
              *[State(f"{prefix}-{n}", "value") for n in lain], kecamatan=("nilai",), prevent_initial_call=True)
    def buka_pilihan(nilai, *nilai_lain):
        with sesi() as s:
            if kecamatan_terlihat(s) is not None:
                return no_update  # a kabupaten's filter lists its offices from the start
        q = {"kecamatan": nilai} if isinstance(nilai, str) and nilai else {}
        q |= {n: v for n, v in zip(lain, nilai_lain) if n != "sop" and isinstance(v, (str, int)) and v != ""}
        return "?" + urlencode(q)


def _tersembunyi(ident: str, nilai) -> html.Div:
    """A filter the user does not choose (their own office), kept so every page's callbacks have one shape."""
    return html.Div(dropdown(id=ident, options=[] if nilai is None else [{"label": str(nilai), "value": nilai}],
                                 value=nilai), className="d-none")


def _kolom(label: str, isi, md: int) -> dbc.Col:
    return dbc.Col([dbc.Label(label, className="small text-muted mb-0"), isi], md=md)


def penyimpan_alamat(prefix: str, nama: tuple[str, ...]) -> html.Div:
    """The stores the browser-side callback of `pasang_alamat` writes to and reads the filter names from."""
    return html.Div([dcc.Store(id=f"{prefix}-alamat"), dcc.Store(id=f"{prefix}-nama", data=list(nama))])


def pasang_alamat(app: Dash, prefix: str, nama: tuple[str, ...]) -> None:
    """Keep the address in step with the filters (browser side; the server reads the address on the next open)."""
    app.clientside_callback(
        ClientsideFunction(namespace="sakip", function_name="simpanAlamat"),
        Output(f"{prefix}-alamat", "data"),
        *[Input(f"{prefix}-{n}", "value") for n in nama],
        State(f"{prefix}-nama", "data"),
    )
    if "kecamatan" in nama:
        pasang_pilihan_nasional(app, prefix, nama)


def tautan_unduh(tabel: str, q: str) -> html.Span:
    """CSV and Excel downloads of one table, for the same view."""
    return html.Span([
        html.A("CSV", href=f"/unduh/{tabel}.csv?{q}", className="btn btn-outline-secondary btn-sm me-1",
               **{"data-tabel": tabel}),
        html.A("Excel", href=f"/unduh/{tabel}.xlsx?{q}", className="btn btn-outline-secondary btn-sm"),
    ], className="float-end unduh")

