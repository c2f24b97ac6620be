"""The SAKIP calendar of a kabupaten as a table, and an office's obligations of a year with where each stands."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import dash_bootstrap_components as dbc
from dash import html

from dashboard.components.kartu import lencana_keadaan
from dashboard.format import tanggal
from models.perencanaan.kalender_sakip import RENSTRA, Kewajiban, tanggal_lokal, teks_tanggal_relatif
from models.tables import JadwalSakip, Kecamatan, User
from models.umum.status import KeadaanKewajiban, StatusEksekusi

PENGUBAH = frozenset({"admin", "kabupaten"})  # who may change a calendar (models.perencanaan checks the kabupaten)
SIKLUS = {"triwulan": "tiap triwulan", "tahun": "tiap tahun", "renstra": "tiap lima tahun"}
BELUM_DITETAPKAN = "belum ditetapkan"  # a due date that does not exist yet (a Renstra before its RPJMD is set)


def tanggal_tempo(hari) -> str:
    """A due date as the pages print it; none yet: "belum ditetapkan"."""
    return BELUM_DITETAPKAN if hari is None else tanggal(hari)


def tempo_renstra(rpjmd: Mapping[int, date] | None) -> str:
    """The Renstra's due date in words: one month after the kabupaten's RPJMD of its period is set, and the dates
    recorded (rpjmd_kabupaten: by the first year of their period)."""
    teks = "1 bulan setelah RPJMD ditetapkan"
    if rpjmd:
        return f"{teks} (" + "; ".join(f"RPJMD {awal}–{awal + 4} ditetapkan {tanggal(hari)}"
                                       for awal, hari in sorted(rpjmd.items())) + ")"
    return f"{teks}; tanggal RPJMD {BELUM_DITETAPKAN} (Pengaturan Kabupaten)"


def jendela_teks(j: JadwalSakip, rpjmd: Mapping[int, date] | None = None) -> tuple[str, str]:
    """When an obligation opens and is due, in words."""
    if j.siklus == "triwulan":
        return "hari setelah triwulan berakhir", f"{j.tenggat_hari_kerja} hari kerja setelah triwulan berakhir"
    if j.siklus == RENSTRA:
        return teks_tanggal_relatif(j.mulai_geser_tahun, j.mulai_bulan, j.mulai_tanggal), tempo_renstra(rpjmd)
    return (teks_tanggal_relatif(j.mulai_geser_tahun, j.mulai_bulan, j.mulai_tanggal),
            teks_tanggal_relatif(j.tenggat_geser_tahun, j.tenggat_bulan, j.tenggat_tanggal))


def tabel_jadwal(jadwal: list[JadwalSakip], rpjmd: Mapping[int, date] | None = None) -> dbc.Table:
    kepala = html.Thead(html.Tr([html.Th(x) for x in ("Kewajiban", "SOP", "Berulang", "Dibuka", "Jatuh tempo")]))
    baris = []
    for j in jadwal:
        buka, tempo = jendela_teks(j, rpjmd)
        sop = j.sop_nama or html.Span({"pengumpulan": "tanpa SOP tunggal: semua IKU resmi",
                                       "perjanjian_kinerja": "tanpa SOP: ditandatangani Camat"}.get(
            j.kewajiban, "tanpa SOP"), className="text-muted")
        baris.append(html.Tr([html.Td(j.nama), html.Td(sop), html.Td(SIKLUS.get(j.siklus, j.siklus)), html.Td(buka),
                              html.Td(tempo)], **{"data-kewajiban": j.kewajiban}))
    return dbc.Table([kepala, html.Tbody(baris)], size="sm", hover=True, responsive=True, id="tabel-jadwal-sakip")


def tabel_kewajiban(daftar: list[Kewajiban], zona: str) -> dbc.Table | html.P:
    if not daftar:
        return html.P("Tidak ada kewajiban pada tahun ini.", className="text-muted")
    kepala = html.Thead(html.Tr([html.Th(x) for x in ("Kewajiban", "Periode", "Dibuka", "Jatuh tempo", "Keadaan",
                                                      "Pelaksanaan")]))
    baris = []
    for k in daftar:
        keadaan = KeadaanKewajiban(k.status)
        eks = "; ".join(f"{e.judul} ({StatusEksekusi(e.status).label.lower()})" for e in k.eksekusi)
        if k.selesai_pada is not None:
            eks = (eks + " · " if eks else "") + f"terpenuhi {tanggal(tanggal_lokal(k.selesai_pada, zona))}"
        baris.append(html.Tr([html.Td(k.nama), html.Td(k.label), html.Td(tanggal(k.mulai)),
                              html.Td(tanggal_tempo(k.tenggat), className=None if k.tenggat else "text-muted"),
                              html.Td(lencana_keadaan(keadaan)),
                              html.Td([eks or "-", *([" · ", html.A("Buka Perjanjian Kinerja",
                                                                     href=f"/perjanjian-kinerja?tahun={k.tahun}")]
                                                    if k.dasar == "perjanjian" else [])], className="small")],
                             **{"data-kewajiban": k.kewajiban, "data-status": k.status}))
    return dbc.Table([kepala, html.Tbody(baris)], size="sm", hover=True, responsive=True, id="tabel-kewajiban-kantor")


def kabupaten_pengguna(s, user: User) -> int | None:
    """The kabupaten whose calendar the user reads: their own, or the office's; None for the admin (any)."""
    if user.kabupaten_id:
        return user.kabupaten_id
    if user.kecamatan_id:
        return s.get(Kecamatan, user.kecamatan_id).kabupaten_id
    return None
