"""The public page of a kabupaten, without login (the `publik` Blueprint): /publik/<kabupaten> lists per office and
year the PKs and LKjs its offices published, with their signed scans, and each office's Evaluasi AKIP score and
predicate once the kabupaten released it; /publik/<kabupaten>/dokumen/<pk|lkj>/<id> serves a published document's
signed scan. The guard (auth.penjaga) lets exactly these two address shapes through (`ALAMAT_PUBLIK`).

What is listed and served is read only from published rows of that kabupaten's offices
(models.perencanaan.publikasi); any other address or id answers 404 with a page in Indonesian and no file bytes.
A Flask page with a Jinja template, not a Dash page: it needs no session, no callbacks and no script.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from flask import Blueprint, render_template

from dashboard.data import pengaturan, sesi
from dashboard.web.kirim import kirim_berkas
from models.perencanaan.kalender_sakip import tanggal_lokal
from models.perencanaan.publikasi import HalamanPublik, berkas_publik, halaman_publik, kabupaten_dari_slug
from models.tindak_lanjut.lke import ARTI_PREDIKAT
from models.umum.angka import format_angka
from models.umum.tanggal import tanggal_panjang

# The only addresses the guard opens without a session (besides login, static files and health checks).
ALAMAT_PUBLIK = re.compile(r"/publik/[a-z0-9]+(?:-[a-z0-9]+)*(?:/dokumen/(?:pk|lkj)/[0-9]+)?")
HTML = {"Content-Type": "text/html; charset=utf-8"}

bp = Blueprint("publik", __name__)


def alamat_publik(path: str) -> bool:
    """Whether a request path is one of the public page's.

    >>> [alamat_publik(p) for p in ("/publik/malang", "/publik/tanjung-jabung-barat/dokumen/lkj/3",
    ...  "/publik/malang/", "/publik/malang/dokumen/lampiran/3", "/publik/Malang", "/publik/malang/x")]
    [True, True, False, False, False, False]
    """
    return ALAMAT_PUBLIK.fullmatch(path) is not None


def _tidak_ada(pesan: str):
    return render_template("publik_404.html", pesan=pesan), 404, HTML


@dataclass(frozen=True)
class BarisNilai:
    kecamatan: str
    nilai: str
    predikat: str
    arti: str
    peringkat: int


def _tabel_nilai(data: HalamanPublik) -> tuple[int | None, list[BarisNilai]]:
    """The latest year with a released predicate: its offices by score, highest first (equal scores share a rank)."""
    rilis = [(k.nama, t.tahun, t.evaluasi) for k in data.kantor for t in k.tahun if t.evaluasi is not None]
    if not rilis:
        return None, []
    tahun = max(t for _, t, _ in rilis)
    baris = sorted(((n, e) for n, t, e in rilis if t == tahun), key=lambda x: (-(x[1].nilai or 0), x[0]))
    hasil: list[BarisNilai] = []
    for i, (nama, e) in enumerate(baris):
        sama = hasil and baris[i - 1][1].nilai == e.nilai
        hasil.append(BarisNilai(nama, format_angka(e.nilai, 2), e.predikat or "-", ARTI_PREDIKAT.get(e.predikat or "", ""),
                                hasil[-1].peringkat if sama else i + 1))
    return tahun, hasil


@bp.route("/publik/<kabupaten>")
def halaman(kabupaten: str):
    with sesi() as s:
        kab = kabupaten_dari_slug(s, kabupaten)
        if kab is None:
            return _tidak_ada("Kabupaten yang Anda cari tidak dikenal. Periksa kembali alamatnya.")
        data = halaman_publik(s, kab)
        tahun_nilai, nilai = _tabel_nilai(data)
        return render_template(
            "publik.html", data=data, kabupaten=kabupaten, tahun_nilai=tahun_nilai, nilai=nilai,
            angka=format_angka, arti=ARTI_PREDIKAT,
            tanggal=lambda d: tanggal_panjang(d) if d else "-",
            tanggal_terbit=lambda t: tanggal_panjang(tanggal_lokal(t)),
            kosong=sum(1 for k in data.kantor if not k.tahun)), 200, HTML


@bp.route("/publik/<kabupaten>/dokumen/<jenis>/<int:dok_id>")
def dokumen(kabupaten: str, jenis: str, dok_id: int):
    """The signed scan of a published document of this kabupaten, shown in the browser; 404 for anything else."""
    with sesi() as s:
        kab = kabupaten_dari_slug(s, kabupaten)
        lam = berkas_publik(s, kabupaten=kab, jenis=jenis, dok_id=dok_id) if kab is not None else None
        if lam is None:
            return _tidak_ada("Dokumen tidak ditemukan atau tidak dipublikasikan.")
        lokasi, nama, mime = lam.lokasi, lam.nama_berkas, lam.jenis
    berkas = pengaturan().upload_dir / lokasi
    if not berkas.is_file():
        return _tidak_ada("Dokumen tidak ditemukan atau tidak dipublikasikan.")
    return kirim_berkas(berkas, nama=nama, mimetype=mime, inline=True)
