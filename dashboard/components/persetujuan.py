"""The Persetujuan page's overview: open steps per role (chart and table) and the whole queue."""
from __future__ import annotations

from dash import html
from sqlmodel import Session

from dashboard import figures
from dashboard.components.grafik import grafik
from dashboard.components.saringan import query
from dashboard.components.tabel import tabel_layar
from dashboard.components.tugas import label_tugas
from dashboard.data import pengaturan
from dashboard.format import angka
from models.dasbor.daftar import tabel_halaman
from models.dasbor.kueri import KOLOM_ANTRIAN, Saringan, umur_antrian
from models.dasbor.laporan import tabel_antrian, tabel_per_peran
from models.sop.alur import Tugas, antrian
from models.sop.durasi import format_menit
from models.tables import Kecamatan, User
from models.umum.halaman import Halaman


def isi_antrian(s: Session, sar: Saringan, menit_per_hari: int) -> html.Div:
    q = query(s, sar)
    # The counts need the steps' roles and ages only, not the texts the queue's table prints.
    peran = tabel_per_peran(s, sar, umur_antrian(s, kecamatan_ids=sar.kecamatan_ids))
    return html.Div([
        html.H4("Menunggu per peran", className="mt-4"),
        grafik(figures.grafik_per_peran(peran.data), "Langkah menunggu per peran", id="grafik-per-peran"),
        tabel_layar(peran, nama="per-peran", q=q, ident="tabel-per-peran"),
    ])


def daftar_antrian(s: Session, sar: Saringan, h: Halaman[dict], menit_per_hari: int) -> html.Div:
    """One page of the open steps, as the database paged them (models.dasbor.daftar.cari_antrian), with the links to
    download the whole queue."""
    return tabel_layar(tabel_antrian(s, sar, tabel_halaman(h.baris, KOLOM_ANTRIAN)), nama="antrian", q=query(s, sar),
                       ident="tabel-antrian", menit_per_hari=menit_per_hari,
                       kosong="Tidak ada langkah yang menunggu." if not h.semua
                       else "Tidak ada langkah yang cocok dengan pencarian.")


def opsi_tugas(s, user: User, daftar: list[Tugas] | None = None) -> list[dict]:
    """The user's actionable steps (own first, then on others' behalf), overdue first, each with its age in working
    time against mutu baku; `daftar` is the user's queue (models.sop.alur.antrian) when the caller has it."""
    if not user.kecamatan_id:
        return []
    zona = s.get(Kecamatan, user.kecamatan_id).zona_waktu
    tugas = {t.catatan.id: t for t in (antrian(s, user) if daftar is None else daftar)}
    umur = umur_antrian(s, kecamatan_ids=[user.kecamatan_id])
    urut = [int(c) for c in umur["catatan_id"] if int(c) in tugas]
    urut.sort(key=lambda c: not tugas[c].milik_sendiri)
    per = {int(r.catatan_id): r for r in umur.itertuples()}
    mpd = pengaturan().menit_per_hari
    hasil = []
    for c in urut:
        r = per[c]
        usia = (f" · umur {format_menit(r.umur, menit_per_hari=mpd)} dari baku "
                f"{format_menit(r.mutu_baku, menit_per_hari=mpd)}{' · TERLAMBAT' if r.terlambat else ''}")
        hasil.append({"label": label_tugas(tugas[c], zona) + usia, "value": c})
    return hasil


def judul_tugas(opsi: list[dict], sendiri: int) -> tuple[str, str, str]:
    """The "Tugas saya (n)" heading, and the line on steps the user may do for other roles (with its class: hidden
    when there are none), drawn on the page and again after each action."""
    lain = len(opsi) - sendiri
    if lain <= 0:
        return f"Tugas saya ({angka(sendiri)})", "", "text-muted d-none"
    return (f"Tugas saya ({angka(sendiri)})",
            f"{angka(lain)} langkah lain dapat Anda kerjakan atas nama peran lain; tercantum di bawah tugas Anda sendiri.",
            "text-muted")
