"""Tindak Lanjut: the overview for the filter, one item and its actions, recording an evaluation."""
from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, ctx, no_update
from flask_login import current_user

from dashboard import ids
from dashboard.akses import callback
from dashboard.components.daftar import keterangan
from dashboard.components.nasional import isi_nasional
from dashboard.components.saringan import pasang_alamat, saringan_halaman
from dashboard.components.tindak_lanjut import daftar, isi, label_pilihan, rincian
from dashboard.data import sesi
from models.akun.peran import PERAN_KANTOR
from models.dasbor.daftar import cari_rekomendasi, rekomendasi_terlihat
from models.tables import Rekomendasi, User
from models.tindak_lanjut.evaluasi import baca_rekomendasi, catat_evaluasi_lengkap
from models.tindak_lanjut.rekomendasi import (
    AKSI,
    PENCATAT,
    akui,
    mulai_tindak_lanjut,
    periksa,
    serahkan,
    tindakan_tersedia,
)
from models.umum import periode
from models.umum.isian import MAKS_KALIMAT, MAKS_PENDEK, MAKS_URAIAN, bulat, nomor_id, teks
from models.umum.penolakan import Ditolak
from models.umum.periode import tahun_sah
from models.umum.tanggal import baca_tanggal

PESAN_AKSI = {"mulai": "Tindak lanjut dimulai.", "serahkan": "Tindak lanjut diserahkan kepada Sekretaris Camat.",
              "terima": "Tindak lanjut diterima.", "kembalikan": "Tindak lanjut dikembalikan kepada penanggung jawab.",
              "akui": "Tindak lanjut diakui selesai."}


PREFIX, SARINGAN = ids.TL_PREFIX, ids.TL_SARINGAN
BARIS_REKOMENDASI = ids.TL_BARIS_REKOMENDASI


def _tanggal(teks: str | None) -> date | None:
    """A date as typed ("15 Februari 2026", "15/02/2026"); a date that cannot be read is refused, not dropped."""
    return baca_tanggal(teks)


def _diminta(minta: object) -> int | None:
    """The item the address names, if it is an item's number at all (the store may hold anything sent)."""
    try:
        return nomor_id(minta) if isinstance(minta, int) and not isinstance(minta, bool) else None
    except Ditolak:
        return None


def register(app: Dash) -> None:
    pasang_alamat(app, PREFIX, SARINGAN)

    @callback(app, Output("tl-isi", "children"), Output("tl-pilih", "options"), Output("tl-pilih", "value"),
              Output("tl-minta", "data"), Output("tl-tabel", "children"), Output("tl-keterangan", "children"),
              Output("tl-halaman", "max_value"), Output("tl-halaman", "active_page"), Output("tl-daftar", "hidden"),
              Input(f"{PREFIX}-kecamatan", "value"), Input(f"{PREFIX}-tahun", "value"),
              Input(f"{PREFIX}-triwulan", "value"), Input("tl-pesan", "children"), Input("tl-ev-pesan", "children"),
              Input("tl-cari", "value"), Input("tl-urut", "value"), Input("tl-halaman", "active_page"),
              State("tl-minta", "data"), kecamatan=("kecamatan",), tembolok=True)
    def tampil(kecamatan, tahun, triwulan, _pesan, _pesan_ev, cari=None, urut=None, halaman=None, minta=None):
        # Another page, search or order redraws the list only; a new filter, search or order starts at page 1; an
        # action keeps the page the person was on.
        hanya_daftar = ctx.triggered_id in ("tl-cari", "tl-urut", "tl-halaman")
        if ctx.triggered_id not in ("tl-halaman", "tl-pesan", "tl-ev-pesan"):
            halaman = 1
        with sesi() as s:
            sar = saringan_halaman(s, {"kecamatan": kecamatan, "tahun": tahun, "triwulan": triwulan}, setahun=True)
            if sar.nasional:
                return isi_nasional(s, sar, "/tindak-lanjut"), [], None, None, None, "", 1, 1, True
            user = s.get(User, current_user.id)
            hari_ini = periode.hari_ini()
            lingkup = dict(kecamatan_ids=sar.kecamatan_ids, tahun=sar.tahun, triwulan=sar.triwulan or None,
                           hari_ini=hari_ini)
            h = cari_rekomendasi(s, **lingkup, cari=cari, urut=urut, halaman=halaman,
                                 peran_sendiri=user.role_kode if user.kecamatan_id else None)
            isi_halaman = no_update if hanya_daftar else isi(s, sar)
            tabel = daftar(s, sar, h)
            baris = list(h.baris)
            # An item the address names (a reminder's link) is opened once, if it is one the page lists.
            diminta = _diminta(minta)
            if diminta and all(b["rekomendasi_id"] != diminta for b in baris):
                r = rekomendasi_terlihat(s, diminta, **lingkup)
                baris += [r] if r else []
        pilihan = [{"label": label_pilihan(b), "value": int(b["rekomendasi_id"])} for b in baris]
        terpilih = diminta if any(diminta == p["value"] for p in pilihan) else no_update
        return (isi_halaman, pilihan, terpilih, None, tabel, keterangan(h, "rekomendasi") if h.cocok else "", h.jumlah_halaman,
                h.halaman, False)

    @callback(app, Output("tl-rinci", "children"), *[Output(f"tl-{a}", "disabled") for a in AKSI],
              Input("tl-pilih", "value"), Input("tl-pesan", "children"),
              objek={"rekomendasi_id": Rekomendasi}, prevent_initial_call=True)
    def tampil_rinci(rekomendasi_id, _pesan):
        if not rekomendasi_id:
            return (no_update, *[True] * len(AKSI))
        with sesi() as s:
            r = s.get(Rekomendasi, int(rekomendasi_id))
            boleh = tindakan_tersedia(s, r, s.get(User, current_user.id))
            return (rincian(s, r.id), *[a not in boleh for a in AKSI])

    @callback(app, Output("tl-pesan", "children"), Output("tl-uraian", "value"),
              *[Input(f"tl-{a}", "n_clicks") for a in AKSI], State("tl-pilih", "value"), State("tl-uraian", "value"),
              State("tl-bukti", "value"),
              peran=PERAN_KANTOR, objek={"rekomendasi_id": Rekomendasi}, prevent_initial_call=True, tolak=0)
    def bertindak(_m, _s, _t, _k, _a, rekomendasi_id, uraian, bukti):
        if not rekomendasi_id:
            raise Ditolak("Pilih rekomendasi terlebih dahulu.", aksi="rekomendasi")
        aksi = str(ctx.triggered_id).removeprefix("tl-")
        rid = nomor_id(rekomendasi_id, label="Rekomendasi")
        uraian = teks(uraian, label="Uraian", maks=MAKS_URAIAN)
        bukti = teks(bukti, label="Bukti", maks=MAKS_KALIMAT)
        with sesi() as s:
            user = s.get(User, current_user.id)
            if aksi == "mulai":
                mulai_tindak_lanjut(s, rekomendasi_id=rid, oleh=user)
            elif aksi == "serahkan":
                serahkan(s, rekomendasi_id=rid, uraian=uraian or "", oleh=user,
                         bukti=[b.strip() for b in (bukti or "").split(",") if b.strip()])
            elif aksi in ("terima", "kembalikan"):
                periksa(s, rekomendasi_id=rid, terima=aksi == "terima", alasan=uraian, oleh=user)
            elif aksi == "akui":
                akui(s, rekomendasi_id=rid, oleh=user)
        return dbc.Alert(PESAN_AKSI[aksi], color="success"), ""

    @callback(app, Output("tl-formulir", "is_open"), Input("tl-buka-formulir", "n_clicks"),
              State("tl-formulir", "is_open"), peran=PENCATAT, prevent_initial_call=True)
    def buka(_n, terbuka):
        return not terbuka

    baris = [(f"tl-rek-teks-{n}", f"tl-rek-iku-{n}", f"tl-rek-peran-{n}", f"tl-rek-tempo-{n}")
             for n in range(1, BARIS_REKOMENDASI + 1)]

    @callback(app, Output("tl-ev-pesan", "children"), Input("tl-ev-simpan", "n_clicks"), State("tl-jenis", "value"),
              State("tl-ev-tahun", "value"), State("tl-ev-triwulan", "value"), State("tl-ev-tanggal", "value"),
              State("tl-ev-peserta", "value"), State("tl-ev-temuan", "value"), State("tl-ev-ba", "value"),
              *[State(i, "value") for b in baris for i in b],
              peran=PENCATAT, prevent_initial_call=True, tolak=0)
    def simpan_evaluasi(_n, jenis, tahun, triwulan, tanggal, peserta, temuan, berita_acara, *isian):
        # Every field is read before the transaction: a value that is not one refuses the form and writes nothing.
        jenis = teks(jenis, label="Jenis", maks=MAKS_PENDEK) or ""
        th = tahun_sah(bulat(tahun, label="Tahun"), teks=False)
        tw = bulat(triwulan, label="Triwulan", minimum=1, maksimum=4)
        tgl = _tanggal(tanggal)
        peserta = teks(peserta, label="Peserta", maks=MAKS_KALIMAT) or ""
        temuan = teks(temuan, label="Temuan", maks=MAKS_URAIAN) or ""
        berita_acara = teks(berita_acara, label="Berita acara", maks=MAKS_KALIMAT)
        rek = [baca_rekomendasi(n, *isian[i:i + 4]) for n, i in enumerate(range(0, len(isian), 4), start=1)]
        with sesi() as s:
            user = s.get(User, current_user.id)
            ev = catat_evaluasi_lengkap(
                s, kecamatan_id=user.kecamatan_id, jenis=jenis, tahun=th, triwulan=tw, tanggal=tgl, peserta=peserta,
                temuan=temuan, berita_acara=berita_acara, oleh=user, rekomendasi=rek)
            n = sum(1 for r in rek if not r.kosong)
            pesan = f"{ev.jenis.capitalize()} tersimpan" + (f" dengan {n} rekomendasi." if n else ".")
        return dbc.Alert(pesan, color="success")
