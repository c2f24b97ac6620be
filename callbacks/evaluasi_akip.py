"""Evaluasi AKIP: show an office's LKE of a year and take the office's and the evaluator's answers, the desk
review, sending and finalising (models.tindak_lanjut.evaluasi_akip checks who may, again, and audits)."""
from __future__ import annotations

import time

import dash_bootstrap_components as dbc
from dash import MATCH, Dash, Input, Output, State, ctx, no_update, set_props
from flask_login import current_user
from sqlmodel import Session

from dashboard import ids
from dashboard.akses import callback
from dashboard.components.evaluasi_akip import (
    belum_dibuka,
    butir_lke,
    daftar_bukti,
    kepala_evaluasi,
    lembar_kriteria,
    ringkasan_nilai,
    teks_nilai,
    teks_predikat,
)
from dashboard.components.saringan import pasang_alamat, saringan_halaman
from dashboard.data import pengaturan, sesi
from models.tables import EvaluasiAkip, Kecamatan, User
from models.tindak_lanjut import evaluasi_akip as ea
from models.tindak_lanjut.bukti_lke import usulan_kantor
from models.tindak_lanjut.evaluasi_akip import PENGATUR_LKE, PENGISI_MANDIRI, PERAN_EVALUATOR
from models.tindak_lanjut.lhe import evaluator_terlihat
from models.umum.berkas import dari_unggahan
from models.umum.isian import versi_berikut
from models.umum.penolakan import Ditolak

PEMBUKA = PENGISI_MANDIRI | PERAN_EVALUATOR


def _pesan(teks: str, warna: str = "success") -> dbc.Alert:
    return dbc.Alert(teks, color=warna, className="py-1 px-2 small mb-0")


def _user(s: Session) -> User:
    return s.get(User, current_user.id)


def _evaluasi(s: Session, evaluasi_id) -> EvaluasiAkip:
    ev = s.get(EvaluasiAkip, int(evaluasi_id)) if str(evaluasi_id or "").isdigit() else None
    if ev is None:
        raise Ditolak("Muat ulang halaman lalu pilih kecamatan dan tahun.")
    return ev


def _kode() -> str:
    """The criterion of the pattern-matching component that fired."""
    return str((ctx.triggered_id or {}).get("index", ""))


def _ubah_nilai() -> None:
    """Have the live scores and the buttons read again (the criteria's fields keep what the person is typing)."""
    set_props(ids.AKIP_NILAI_VERSI, {"data": time.time_ns()})


def register(app: Dash) -> None:
    pasang_alamat(app, ids.AKIP_PREFIX, ("kecamatan", "tahun"))

    @callback(app, Output(ids.AKIP_ISI, "children"), Output(ids.AKIP_EVALUASI, "data"),
              Input(f"{ids.AKIP_PREFIX}-kecamatan", "value"), Input(f"{ids.AKIP_PREFIX}-tahun", "value"),
              Input(ids.AKIP_VERSI, "data"), kecamatan=("kecamatan",), tolak=0, tembolok=True)
    def tampilkan(kecamatan, tahun, _versi):
        with sesi() as s:
            user = _user(s)
            sar = saringan_halaman(s, {"kecamatan": kecamatan, "tahun": tahun or ea.tahun_bawaan()})
            if sar.kecamatan_id is None:
                return dbc.Alert("Pilih satu kecamatan untuk melihat LKE-nya.", color="info"), None
            kec = s.get(Kecamatan, sar.kecamatan_id)
            evaluator = user.role_kode in PERAN_EVALUATOR
            ev = ea.evaluasi_kantor(s, kec.id, sar.tahun)
            if ev is None:
                return belum_dibuka(sar.tahun, kec.nama, ea.alasan_buka(s, user, kec.id), evaluator), None
            struktur = ea.struktur_evaluasi(ev)
            mandiri, kolom_evaluator = ea.kolom_terbuka(s, ev, user)
            lembar = lembar_kriteria(struktur, ea.jawaban_evaluasi(s, ev.id), ea.bukti_evaluasi(s, ev.id),
                                     usulan_kantor(s, kec.id, ev.tahun, struktur), mandiri, kolom_evaluator,
                                     tampil_evaluator=evaluator_terlihat(ev, user))
            return lembar, ev.id

    @callback(app, Output(ids.AKIP_KEPALA, "children"), Input(ids.AKIP_EVALUASI, "data"),
              Input(ids.AKIP_NILAI_VERSI, "data"), objek={"evaluasi_id": EvaluasiAkip}, tolak=0)
    def kepala(evaluasi_id, _versi):
        """Status and the buttons the machine allows now (drawn again after each answer)."""
        if not evaluasi_id:
            return None
        with sesi() as s:
            user = _user(s)
            ev = _evaluasi(s, evaluasi_id)
            kec = s.get(Kecamatan, ev.kecamatan_id)
            return kepala_evaluasi(ev, kec.nama, kec.zona_waktu, ea.tindakan_evaluasi(s, ev, user),
                                   pengisi=ea.alasan_pengisi(user, kec.id) is None,
                                   evaluator=ea.alasan_evaluator(s, user, kec.id) is None)

    @callback(app, Output(ids.AKIP_NILAI, "children"), Input(ids.AKIP_EVALUASI, "data"),
              Input(ids.AKIP_NILAI_VERSI, "data"), objek={"evaluasi_id": EvaluasiAkip}, tolak=0)
    def nilai(evaluasi_id, _versi):
        if not evaluasi_id:
            return None
        with sesi() as s:
            ev = _evaluasi(s, evaluasi_id)
            struktur = ea.struktur_evaluasi(ev)
            jawaban = ea.jawaban_evaluasi(s, ev.id)
            kurang = ea.bukti_kurang(struktur, ea.bukti_evaluasi(s, ev.id),
                                     set(usulan_kantor(s, ev.kecamatan_id, ev.tahun, struktur)))
            dinilai = ea.nilai_evaluator(struktur, jawaban) if evaluator_terlihat(ev, _user(s)) else None
            return ringkasan_nilai(struktur, ea.nilai_mandiri(struktur, jawaban), dinilai, kurang)

    @callback(app, Output(ids.AKIP_PESAN, "children"), Output(ids.AKIP_VERSI, "data"),
              Input(ids.AKIP_BUKA, "n_clicks"), State(f"{ids.AKIP_PREFIX}-kecamatan", "value"),
              State(f"{ids.AKIP_PREFIX}-tahun", "value"), State(ids.AKIP_VERSI, "data"),
              peran=PEMBUKA, kecamatan=("kecamatan",), prevent_initial_call=True, tolak=0)
    def buka(_n, kecamatan, tahun, versi):
        if not _n:  # a button drawn by the page's own callback
            return no_update, no_update
        versi_baru = versi_berikut(versi)
        with sesi() as s:
            sar = saringan_halaman(s, {"kecamatan": kecamatan, "tahun": tahun or ea.tahun_bawaan()})
            if sar.kecamatan_id is None:
                return _pesan("Pilih satu kecamatan.", "warning"), no_update
            ev = ea.buka(s, kecamatan_id=sar.kecamatan_id, tahun=sar.tahun, oleh=_user(s))
            teks = f"Evaluasi AKIP {ev.tahun} dibuka dengan {ev.lke.get('nama', 'LKE')}."
        return _pesan(teks), versi_baru

    @callback(app, Output({"type": ids.AKIP_PESAN_KRITERIA, "index": MATCH}, "children"),
              Input({"type": ids.AKIP_SIMPAN_MANDIRI, "index": MATCH}, "n_clicks"),
              State({"type": ids.AKIP_MANDIRI, "index": MATCH}, "value"),
              State({"type": ids.AKIP_CATATAN_MANDIRI, "index": MATCH}, "value"), State(ids.AKIP_EVALUASI, "data"),
              peran=PENGISI_MANDIRI, objek={"evaluasi_id": EvaluasiAkip}, prevent_initial_call=True, tolak=0)
    def simpan_mandiri(_n, jawaban, catatan, evaluasi_id):
        if not _n:  # a button drawn by the page's own callback
            return no_update
        with sesi() as s:
            j = ea.jawab_mandiri(s, evaluasi_id=_evaluasi(s, evaluasi_id).id, kode=_kode(), jawaban=jawaban,
                                 catatan=catatan, oleh=_user(s))
            teks = f"Jawaban mandiri {j.kode} disimpan: {j.mandiri}."
        _ubah_nilai()
        return _pesan(teks)

    @callback(app, Output({"type": ids.AKIP_DAFTAR_BUKTI, "index": MATCH}, "children"),
              Input({"type": ids.AKIP_BUKTI, "index": MATCH}, "contents"),
              State({"type": ids.AKIP_BUKTI, "index": MATCH}, "filename"), State(ids.AKIP_EVALUASI, "data"),
              peran=PENGISI_MANDIRI, objek={"evaluasi_id": EvaluasiAkip}, prevent_initial_call=True, tolak=0)
    def unggah_bukti(isi, nama_berkas, evaluasi_id):
        if not isi:
            return no_update
        with sesi() as s:
            ev = _evaluasi(s, evaluasi_id)
            kode = _kode()
            ea.unggah_bukti(s, evaluasi_id=ev.id, kode=kode, nama_berkas=nama_berkas or "", data=dari_unggahan(isi),
                            oleh=_user(s), folder=pengaturan().upload_dir)
            daftar = daftar_bukti(ea.bukti_evaluasi(s, ev.id).get(kode, []))
        _ubah_nilai()
        return daftar

    @callback(app, Output({"type": ids.AKIP_MANDIRI, "index": MATCH}, "value"),
              Output({"type": ids.AKIP_CATATAN_MANDIRI, "index": MATCH}, "value"),
              Input({"type": ids.AKIP_PAKAI, "index": MATCH}, "n_clicks"), State(ids.AKIP_EVALUASI, "data"),
              peran=PENGISI_MANDIRI, objek={"evaluasi_id": EvaluasiAkip}, prevent_initial_call=True, tolak=1)
    def pakai_usulan(_n, evaluasi_id):
        """The proposal into the answer fields (the person still saves it)."""
        if not _n:  # a button drawn by the page's own callback
            return no_update, no_update
        with sesi() as s:
            ev = _evaluasi(s, evaluasi_id)
            usulan = usulan_kantor(s, ev.kecamatan_id, ev.tahun, ea.struktur_evaluasi(ev)).get(_kode())
        if usulan is None or not usulan.jawaban:
            return no_update, no_update
        return usulan.jawaban, usulan.alasan

    @callback(app, Output({"type": ids.AKIP_PESAN_EVALUATOR, "index": MATCH}, "children"),
              Input({"type": ids.AKIP_SIMPAN_EVALUATOR, "index": MATCH}, "n_clicks"),
              State({"type": ids.AKIP_EVALUATOR, "index": MATCH}, "value"),
              State({"type": ids.AKIP_CATATAN_EVALUATOR, "index": MATCH}, "value"), State(ids.AKIP_EVALUASI, "data"),
              peran=PERAN_EVALUATOR, objek={"evaluasi_id": EvaluasiAkip}, prevent_initial_call=True, tolak=0)
    def simpan_evaluator(_n, jawaban, catatan, evaluasi_id):
        if not _n:  # a button drawn by the page's own callback
            return no_update
        with sesi() as s:
            j = ea.jawab_evaluator(s, evaluasi_id=_evaluasi(s, evaluasi_id).id, kode=_kode(), jawaban=jawaban,
                                   catatan=catatan, oleh=_user(s))
            teks = f"Penilaian evaluator {j.kode} disimpan: {j.evaluator}."
        _ubah_nilai()
        return _pesan(teks)

    @callback(app, Output({"type": ids.AKIP_PESAN_KEMBALI, "index": MATCH}, "children"),
              Input({"type": ids.AKIP_KEMBALIKAN, "index": MATCH}, "n_clicks"),
              State({"type": ids.AKIP_PERTANYAAN, "index": MATCH}, "value"), State(ids.AKIP_EVALUASI, "data"),
              peran=PERAN_EVALUATOR, objek={"evaluasi_id": EvaluasiAkip}, prevent_initial_call=True, tolak=0)
    def kembalikan(_n, pertanyaan, evaluasi_id):
        if not _n:  # a button drawn by the page's own callback
            return no_update
        with sesi() as s:
            j = ea.kembalikan(s, evaluasi_id=_evaluasi(s, evaluasi_id).id, kode=_kode(), pertanyaan=pertanyaan,
                              oleh=_user(s))
            teks = f"Kriteria {j.kode} dikembalikan ke kecamatan dengan pertanyaan."
        return _pesan(teks, "warning")

    @callback(app, Output(ids.AKIP_PESAN, "children", allow_duplicate=True),
              Output(ids.AKIP_VERSI, "data", allow_duplicate=True), Input(ids.AKIP_KIRIM, "n_clicks"),
              State(ids.AKIP_EVALUASI, "data"), State(ids.AKIP_VERSI, "data"),
              peran=PENGISI_MANDIRI, objek={"evaluasi_id": EvaluasiAkip}, prevent_initial_call=True, tolak=0)
    def kirim(_n, evaluasi_id, versi):
        if not _n:  # a button drawn by the page's own callback
            return no_update, no_update
        versi_baru = versi_berikut(versi)
        with sesi() as s:
            ev = ea.kirim(s, evaluasi_id=_evaluasi(s, evaluasi_id).id, oleh=_user(s))
            teks = f"Penilaian mandiri {ev.tahun} dikirim ke evaluator."
        _ubah_nilai()
        return _pesan(teks), versi_baru

    @callback(app, Output(ids.AKIP_PESAN, "children", allow_duplicate=True),
              Output(ids.AKIP_VERSI, "data", allow_duplicate=True), Input(ids.AKIP_FINAL, "n_clicks"),
              State(ids.AKIP_TEMUAN, "value"), State(ids.AKIP_TANGGAL_LHE, "value"), State(ids.AKIP_EVALUASI, "data"),
              State(ids.AKIP_VERSI, "data"),
              peran=PERAN_EVALUATOR, objek={"evaluasi_id": EvaluasiAkip}, prevent_initial_call=True, tolak=0)
    def finalkan(_n, temuan, tanggal_lhe, evaluasi_id, versi):
        if not _n:  # a button drawn by the page's own callback
            return no_update, no_update
        versi_baru = versi_berikut(versi)
        with sesi() as s:
            ev = ea.finalkan(s, evaluasi_id=_evaluasi(s, evaluasi_id).id, temuan=temuan, tanggal_lhe=tanggal_lhe,
                             oleh=_user(s))
            teks = f"Evaluasi AKIP {ev.tahun} final: nilai {teks_nilai(ev.nilai)}, predikat {teks_predikat(ev.predikat)}."
        _ubah_nilai()
        return _pesan(teks), versi_baru

    @callback(app, Output(ids.AKIP_LKE_PESAN, "children"), Output(ids.AKIP_DAFTAR_LKE, "children"),
              Input(ids.AKIP_LKE_BERKAS, "contents"),
              State(ids.AKIP_LKE_BERKAS, "filename"), State(ids.AKIP_LKE_TAHUN, "value"),
              peran=PENGATUR_LKE, prevent_initial_call=True, tolak=0)
    def adopsi_lke(isi, nama_berkas, tahun):
        if not isi:
            return no_update, no_update
        with sesi() as s:
            user = _user(s)
            lke = ea.adopsi_lke(s, kabupaten_id=user.kabupaten_id, berlaku_mulai=tahun, nama_berkas=nama_berkas or "",
                                data=dari_unggahan(isi), oleh=user)
            teks = f"{lke.nama} berlaku mulai {lke.berlaku_mulai} untuk evaluasi yang dibuka sesudah ini."
            daftar = butir_lke(ea.daftar_lke(s, user.kabupaten_id))
        return _pesan(teks), daftar
