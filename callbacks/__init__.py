"""The Dash callbacks, one module per page; each registers its callbacks with `register(app)`.

MODUL is the one list of them (lampiran is not a page: it only helps the pages that take attachments).
"""
from __future__ import annotations

from importlib import import_module

from dash import Dash, Input, Output, State

from dashboard import ids

MODUL = ("beranda", "capaian", "siklus", "katalog", "sop", "pengguna", "realisasi", "persetujuan", "iku", "hari_libur",
         "tindak_lanjut", "monitoring_sop", "pekerjaan", "kalender_sakip", "tabel", "perbandingan", "unggah_sop",
         "pegawai", "anggaran", "pengaturan_kabupaten", "perjanjian_kinerja", "laporan_kinerja",
         "rekomendasi_lhe", "publikasi", "rekap_akip", "evaluasi_akip")


def register_all(app: Dash) -> None:
    """Import each module of MODUL and register its callbacks on the app, in that order; a refusal shown in the
    page's message area (dashboard.akses) is cleared when the person moves to another page."""
    for nama in MODUL:
        import_module(f"{__name__}.{nama}").register(app)
    app.clientside_callback("function(_path) { return null; }",
                            Output(ids.PESAN_GLOBAL, "children", allow_duplicate=True),
                            Input("_pages_location", "pathname"), prevent_initial_call=True)
    # The folded menu of a phone opens and closes with the toggler, in the browser; moving to a page closes it.
    app.clientside_callback(
        """function(_klik, _path, terbuka) {
            const t = (window.dash_clientside.callback_context.triggered || [])[0];
            const buka = !!(t && t.prop_id.indexOf("_pages_location") !== 0 && !terbuka);
            return [buka, buka ? "true" : "false"];
        }""",
        Output(ids.MENU_LIPAT, "is_open"), Output(ids.MENU_TOGGLER, "aria-expanded"),
        Input(ids.MENU_TOGGLER, "n_clicks"), Input("_pages_location", "pathname"), State(ids.MENU_LIPAT, "is_open"),
        prevent_initial_call=True)
