"""The office's indicators as defined, with the year's target in force, the Renstra end-of-period target whose
period covers the year, and the SOP that collects each."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html
from sqlmodel import select

from models.kinerja.iku import iku_kantor, per_triwulan, sop_pengumpul, target_berlaku
from models.perencanaan.dokumen_kinerja import renstra_berlaku
from models.sop.monitoring import sop_berlaku
from models.tables import Role, Target
from models.umum.angka import tulis_angka, tulis_target
from models.umum.periode import ROMAWI

AGREGASI = {"kumulatif": "kumulatif (dijumlah)", "terakhir": "nilai triwulan terakhir", "rata-rata": "rata-rata"}


def _per_triwulan(s, kecamatan_id: int, tahun: int) -> dict[int, dict[int, float]]:
    """The quarters' targets in force (Rencana Aksi) per indicator, in one query."""
    hasil: dict[int, dict[int, float]] = {}
    for ind_id, tw, nilai in s.exec(select(Target.indikator_id, Target.triwulan, Target.nilai)
                                    .where(Target.kecamatan_id == kecamatan_id).where(Target.tahun == tahun)
                                    .where(Target.triwulan != None).where(Target.berlaku == True)):  # noqa: E711,E712
        hasil.setdefault(ind_id, {})[tw] = nilai
    return hasil


def _target(t, per_tw: dict[int, float], satuan: str):
    tahun = tulis_target(t.nilai, satuan) if t else html.Span("belum ada", className="text-muted")
    if not per_tw:
        return tahun
    return html.Div([tahun, html.Div(" · ".join(f"TW {ROMAWI[n]}: {tulis_angka(per_tw[n])}" if n in per_tw
                                                else f"TW {ROMAWI[n]}: -" for n in (1, 2, 3, 4)),
                                     className="small text-muted text-nowrap target-triwulan")])


def tabel_iku(s, kecamatan_id: int, tahun: int) -> dbc.Table:
    baris = []
    renstra = renstra_berlaku(s, kecamatan_id, tahun)
    triwulan = _per_triwulan(s, kecamatan_id, tahun)
    for ind in iku_kantor(s, kecamatan_id):
        t = target_berlaku(s, indikator_id=ind.id, kecamatan_id=kecamatan_id, tahun=tahun)
        rev = sop_pengumpul(s, ind, kecamatan_id)
        role = s.get(Role, ind.role_penanggung_jawab) if ind.role_penanggung_jawab else None
        arah = "makin tinggi makin baik" if ind.polaritas == "positif" else \
            f"makin rendah makin baik, rumus {ind.rumus_negatif.replace('-', ' − ')}"
        baris.append(html.Tr([
            html.Td(ind.kode), html.Td([html.Strong(ind.nama), html.Div(ind.definisi or "", className="small text-muted")]),
            html.Td([html.Div(f"{ind.pembilang}" + (f" / {ind.penyebut}" if ind.penyebut else "")),
                     html.Small(f"{arah}; {AGREGASI.get(ind.agregasi, ind.agregasi)}", className="text-muted")]),
            html.Td(role.nama if role else "-"),
            html.Td(_pengumpul(rev, per_triwulan(s, ind, kecamatan_id))),
            html.Td(_target(t, triwulan.get(ind.id, {}), ind.satuan),
                    className="text-end", **{"data-target": ind.kode}),
            html.Td(_renstra(renstra.get(ind.id), ind.satuan), className="text-end", **{"data-renstra": ind.kode}),
        ]))
    return dbc.Table([html.Thead(html.Tr([html.Th(x) for x in ("Kode", "Indikator", "Rumus", "Penanggung jawab",
                                                                "SOP pengumpul", f"Target {tahun}",
                                                                "Target Renstra")])),
                      html.Tbody(baris)], size="sm", hover=True, responsive=True)


def _renstra(t, satuan: str):
    if t is None:
        return html.Span("belum ada", className="text-muted")
    return html.Div([tulis_target(t.nilai, satuan),
                     html.Div(f"Renstra {t.tahun_awal}–{t.tahun_akhir}", className="small text-muted")])


def _pengumpul(rev, bersama: bool):
    if rev is None:
        return html.Span("belum ada SOP pengumpulan", className="text-danger small")
    cara = "semua indikator sekaligus per triwulan" if bersama else "per indikator"
    return html.Div([rev.nama, html.Div(cara, className="small text-muted")])


def opsi_sop_kantor(s, kecamatan_id: int) -> list[dict]:
    """The office's SOPs in force, to choose the one that collects an indicator; the first option returns to the
    kabupaten's default."""
    sop = [x for x, _rev in sop_berlaku(s, kecamatan_id)]
    return [{"label": "Bawaan kabupaten (SOP yang namanya ditetapkan untuk IKU ini)", "value": 0}] + \
        [{"label": x.nama, "value": x.id} for x in sorted(sop, key=lambda x: x.nama.lower())]
