"""Pekerjaan SOP: the office's running pieces of work, where each stands, and the choices of the cancel form."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html
from sqlmodel import Session

from dashboard import format as fmt
from models.perencanaan.pekerjaan import Berjalan, label_periode_pekerjaan
from models.sop.nomor import nomor_langkah
from models.tables import Kecamatan, Role
from models.umum.periode import kalimat


def _menunggu(s: Session, b: Berjalan) -> str:
    if b.catatan is None:
        return "-"
    role = s.get(Role, b.catatan.role_kode)
    return f"langkah {nomor_langkah(b.langkah.no)} · {role.nama if role else b.catatan.role_kode}"


# The page lists the work started here (documents, the Perjanjian Kinerja); a quarter's figures and evaluations run
# from Isi Realisasi and Tindak Lanjut, and wait on Persetujuan.
PESAN_TANPA_PEKERJAAN = ("Tidak ada pekerjaan dokumen yang sedang berjalan. Pengumpulan angka IKU dan evaluasi "
                         "triwulan berjalan dari Isi Realisasi dan Tindak Lanjut; langkahnya menunggu di Persetujuan.")


def tabel_berjalan(s: Session, kecamatan_id: int, daftar: list[Berjalan]) -> html.Div:
    """The office's running pieces of work (models.perencanaan.pekerjaan.daftar_berjalan), oldest first."""
    if not daftar:
        return dbc.Alert(PESAN_TANPA_PEKERJAAN, color="light", className="mb-0")
    zona = s.get(Kecamatan, kecamatan_id).zona_waktu
    kepala = html.Thead(html.Tr([html.Th(x) for x in ("Pekerjaan", "SOP", "Periode", "Menunggu", "Sejak")]))
    baris = [html.Tr([html.Td(b.eksekusi.judul), html.Td(b.sop_nama),
                      html.Td(kalimat(label_periode_pekerjaan(b.eksekusi.tahun, b.eksekusi.triwulan))),
                      html.Td(_menunggu(s, b)),
                      html.Td(fmt.waktu(b.catatan.diterima_pada if b.catatan else b.eksekusi.dimulai_pada, zona))],
                     **{"data-eksekusi": b.eksekusi.id})
             for b in daftar]
    return dbc.Table([kepala, html.Tbody(baris)], size="sm", hover=True, responsive=True, className="align-middle")


def opsi_batal(daftar: list[Berjalan]) -> list[dict]:
    return [{"label": f"{b.eksekusi.judul} · {b.sop_nama}", "value": b.eksekusi.id} for b in daftar]
