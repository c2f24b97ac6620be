"""A step waiting on someone: what it is, what the SOP asks of it, and the figure it carries."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard import format as fmt
from dashboard.components.realisasi import daftar_lampiran, riwayat
from models.akun.peran import NAMA_PERAN
from models.kinerja.lampiran import lampiran_realisasi
from models.kinerja.realisasi import jejak
from models.sop.alur import Tugas, jenis_subjek
from models.sop.jejak import JejakMenunggu, jejak_sebelum
from models.sop.nomor import nomor_langkah
from models.tables import Indikator, Kecamatan, Realisasi, Role
from models.umum.angka import tulis_angka, tulis_realisasi


def label_tugas(t: Tugas, zona: str) -> str:
    atas_nama = "" if t.milik_sendiri else f" (atas nama {NAMA_PERAN.get(t.catatan.role_kode, t.catatan.role_kode)})"
    return (f"{t.eksekusi.judul} · langkah {nomor_langkah(t.langkah.no)}{atas_nama} · diterima "
            f"{fmt.waktu(t.catatan.diterima_pada, zona)}")


def keadaan_langkah(t: Tugas, peran: str, zona: str) -> list:
    """Whether the step still waits on its pelaksana or is being worked on, and since when."""
    if t.catatan.dimulai_pada is None:
        return ["menunggu ", html.Strong(peran)]
    return [html.Strong("sedang dikerjakan"), f" ({peran}) sejak {fmt.waktu(t.catatan.dimulai_pada, zona)}"]


def kotak_kembali(lalu: JejakMenunggu, zona: str, ident: str = "tugas-dikembalikan") -> dbc.Alert | None:
    """The return that brought a waiting step back: who (and their role), when, from which step, and why; worded
    as Isi Realisasi words a returned figure."""
    k = lalu.kembali
    if k is None:
        return None
    return dbc.Alert([html.Strong("Dikembalikan untuk diperbaiki. "),
                      f"{k.oleh} ({k.peran}), langkah {k.langkah_no}, {fmt.waktu(k.pada, zona)}: ",
                      html.Em(k.alasan or "tanpa alasan tertulis")], color="warning", id=ident)


def catatan_sebelumnya(lalu: JejakMenunggu, zona: str, ident: str = "tugas-catatan-sebelumnya",
                       judul: str = "Catatan langkah sebelumnya") -> html.Div:
    """The earlier steps of the run, each with its result, who closed it and when, its note (a return's reason),
    and the kelengkapan it was finished without, when the person confirmed finishing so."""
    if not lalu.sebelumnya:
        return html.Div(html.Small("Belum ada langkah sebelumnya.", className="text-muted"), id=ident)
    butir = []
    for j in lalu.sebelumnya:
        butir.append(html.Li([
            f"Langkah {j.langkah_no} ({j.peran})" + (f", percobaan ke-{j.percobaan}" if j.percobaan > 1 else "") + ": ",
            html.Strong(j.hasil.label.lower()), f" oleh {j.oleh}" if j.oleh else "", f" · {fmt.waktu(j.pada, zona)}",
            html.Em(f" · {j.catatan}") if j.catatan else None,
            html.Div(f"Diselesaikan tanpa kelengkapan yang dicentang: {', '.join(j.tanpa_kelengkapan)}.",
                     className="text-danger tanpa-kelengkapan") if j.tanpa_kelengkapan else None,
        ]))
    return html.Div([html.H6(judul, className="mt-3"), html.Ol(butir, className="small mb-2")],
                    id=ident)


def rincian(s, t: Tugas, menit_per_hari: int) -> html.Div:
    from models.sop.durasi import format_menit

    kec = s.get(Kecamatan, t.eksekusi.kecamatan_id)
    role = s.get(Role, t.catatan.role_kode)
    lalu = jejak_sebelum(s, t.catatan)
    isi = [
        html.H5(t.eksekusi.judul),
        kotak_kembali(lalu, kec.zona_waktu),
        html.P([f"{t.sop_nama} · langkah {nomor_langkah(t.langkah.no)}, percobaan ke-{t.catatan.percobaan} · ",
                *keadaan_langkah(t, role.nama if role else t.catatan.role_kode, kec.zona_waktu)],
               className="text-muted small", id="tugas-keadaan"),
        dbc.Table(html.Tbody([
            html.Tr([html.Th("Kegiatan"), html.Td(t.langkah.kegiatan)]),
            html.Tr([html.Th("Kelengkapan"), html.Td(t.langkah.kelengkapan or "-")]),
            html.Tr([html.Th("Waktu baku"), html.Td(format_menit(t.langkah.waktu_menit, menit_per_hari=menit_per_hari))]),
            html.Tr([html.Th("Output"), html.Td(t.langkah.output or "-")]),
            html.Tr([html.Th("Diterima"), html.Td(fmt.waktu(t.catatan.diterima_pada, kec.zona_waktu))]),
        ]), size="sm", className="mb-2"),
        catatan_sebelumnya(lalu, kec.zona_waktu),
    ]
    angka = jenis_subjek(t.eksekusi.subjek_jenis).angka(s, t.eksekusi)  # the figures the work carries, if any
    if len(angka) == 1:
        r = angka[0]
        ind = s.get(Indikator, r.indikator_id)
        isi += [
            html.H6("Angka yang diajukan"),
            html.P([_rumus(r, ind), html.Strong(_nilai(r, ind))], id="tugas-angka"),
            html.P(["Bukti: ", ", ".join(r.bukti) if r.bukti else "tidak ada yang dicentang"], className="small"),
            html.P(["Catatan: ", r.catatan], className="small") if r.catatan else None,
            daftar_lampiran(lampiran_realisasi(s, r.id)),
            riwayat(r, jejak(s, t.eksekusi.id), kec.zona_waktu),
        ]
    elif angka:
        baris = []
        for r in angka:
            ind = s.get(Indikator, r.indikator_id)
            baris.append(html.Tr([html.Td(ind.kode), html.Td(ind.nama), html.Td(_rumus(r, ind), className="small"),
                                  html.Td(_nilai(r, ind), className="text-end")]))
        isi += [html.H6(f"Angka yang diajukan bersama ({len(angka)} indikator)"),
                dbc.Table(html.Tbody(baris), size="sm", id="tugas-angka")]
    return html.Div(isi)


def _rumus(r: Realisasi, ind: Indikator) -> str:
    return (f"{tulis_angka(r.pembilang)} {ind.pembilang.lower()} / {tulis_angka(r.penyebut)} "
            f"{ind.penyebut.lower()} = " if r.penyebut is not None else "")


def _nilai(r: Realisasi, ind: Indikator) -> str:
    return tulis_realisasi(r.nilai, ind.satuan)
