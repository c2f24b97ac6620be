"""Simulated users of the real roles against a running server (run by tests/muat/jalankan.py).

Each user signs in through the login form from an address of its own (X-Forwarded-For, the server trusting one
proxy), then works the way the browser does, through Dash's endpoint with the pages' own callbacks:
- the Kasubag Evapor enters a quarter's figure of an IKU and submits it, or resubmits one that came back;
- the Camat takes a step from the approval queue and finishes, approves or returns it;
- the Kasubag Evapor, the Sekretaris Camat and the Camat follow up the recommendations of the evaluations on the
  Tindak Lanjut page: start, hand in, accept or return, acknowledge, whichever the item allows them now;
- the kabupaten and the Camat read Beranda, Capaian, Perbandingan and the queue.
Every write a user was told succeeded is appended to MUAT_CATATAN (one JSON line), for the checks afterwards.
"""
from __future__ import annotations

import json
import os
import random
import re
import threading
from itertools import count

from locust import HttpUser, between, events, task

PERIODE = [(2025, tw) for tw in (1, 2, 3, 4)]
KANTOR = ("kalipare", "poncokusumo")
_alamat = count(1)
_kunci: dict[str, str] = {}
_cb: dict = {}
_kunci_catatan = threading.Lock()


@events.init.add_listener
def _siapkan(environment, **_kw):
    """The callbacks' registered dependencies, read from the app built on the same database (no request served)."""
    from app import create_app
    from tests.conftest import masuk
    from tests.dash_util import daftar_callback

    app = create_app({"DATABASE_URL": os.environ["MUAT_DB"], "APP_ENV": "test", "SECRET_KEY": "muat",
                      "UPLOAD_DIR": os.environ.get("MUAT_UNGGAHAN", "/tmp/muat-unggahan")})
    c = app.server.test_client()
    masuk(c, "admin", alamat="10.255.255.254")
    c.get("/")
    _cb.update(daftar_callback(app))
    for kunci, cb in _cb.items():
        f = cb["callback"]
        _kunci.setdefault(f"{f.__module__}.{f.__name__}", kunci)


def _catat(**baris) -> None:
    with _kunci_catatan, open(os.environ["MUAT_CATATAN"], "a", encoding="utf-8") as f:
        f.write(json.dumps(baris) + "\n")


class Pengguna(HttpUser):
    abstract = True
    wait_time = between(0.5, 2.0)
    username = ""

    def on_start(self):
        self.alamat = f"10.{next(_alamat) // 250}.{next(_alamat) % 250}.{random.randint(1, 250)}"
        self.client.headers["X-Forwarded-For"] = self.alamat
        halaman = self.client.get("/login", name="login (formulir)").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', halaman).group(1)
        r = self.client.post("/login", data={"username": self.username, "password": "demo12345",
                                             "csrf_token": token}, name="login", allow_redirects=False)
        if r.status_code != 302:
            raise RuntimeError(f"{self.username}: login {r.status_code}")

    def panggil(self, nama: str, label: str, *, picu: str | None = None, **nilai) -> dict:
        """A callback by its function's name, with its arguments by name; `picu`: the id that fired it."""
        from tests.dash_util import payload

        kunci = _kunci.get(nama, nama)  # a function's name, or the callback's key itself
        body = payload(kunci, _cb[kunci], nilai)
        if picu:
            body["changedPropIds"] = [f"{picu}.n_clicks"]
        with self.client.post("/_dash-update-component", json=body, name=label, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code}: {r.text[:200]}")
                return {}
            return r.json().get("response", {})

    def halaman(self, alamat: str, label: str) -> dict:
        from tests.dash_util import badan_halaman

        body = badan_halaman(alamat)
        with self.client.post("/_dash-update-component", json=body, name=label, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code}: {r.text[:200]}")
                return {}
            return r.json().get("response", {})


def _cari(x, ident: str, prop: str):
    """A property of the component with this id, anywhere in a Dash answer."""
    if isinstance(x, dict):
        props = x.get("props")
        if isinstance(props, dict) and props.get("id") == ident:
            return props.get(prop)
        for v in x.values():
            hasil = _cari(v, ident, prop)
            if hasil is not None:
                return hasil
    elif isinstance(x, list):
        for v in x:
            hasil = _cari(v, ident, prop)
            if hasil is not None:
                return hasil
    return None


def _teks(x) -> str:
    return json.dumps(x, ensure_ascii=False)


class Evapor(Pengguna):
    weight = 3

    def on_start(self):
        self.kantor = random.choice(KANTOR)
        self.username = f"evapor.{self.kantor}"
        super().on_start()
        jawab = self.halaman("/realisasi?tahun=2025&triwulan=1", "Realisasi (halaman)")
        self.indikator = sorted({int(x) for x in re.findall(r"indikator=(\d+)", json.dumps(jawab))})

    @task
    def isi_dan_ajukan(self):
        tahun, tw = random.choice(PERIODE)
        ind = random.choice(self.indikator) if self.indikator else None
        if ind is None:
            return
        jawab = self.halaman(f"/realisasi?indikator={ind}&tahun={tahun}&triwulan={tw}", "Realisasi (formulir)")
        versi = _cari(jawab, "real-versi", "data")
        p, q = random.randint(30, 50), 50
        isi = dict(indikator_id=ind, periode={"tahun": tahun, "triwulan": tw}, pembilang=str(p), penyebut=str(q),
                   catatan=None, bukti=[], versi=versi)
        hasil = _teks(self.panggil("callbacks.realisasi.simpan", "Realisasi: ajukan", picu="real-ajukan", **isi))
        if "Diajukan" in hasil:
            _catat(aksi="ajukan", kantor=self.kantor, indikator=ind, tahun=tahun, triwulan=tw, p=p, q=q)


class Camat(Pengguna):
    weight = 2

    def on_start(self):
        self.kantor = random.choice(KANTOR)
        self.username = f"camat.{self.kantor}"
        super().on_start()

    @task(3)
    def kerjakan_antrian(self):
        jawab = self.halaman("/persetujuan", "Persetujuan (antrian)")
        opsi = _cari(jawab, "tugas-pilih", "options") or []
        if not opsi:
            return
        catatan_id = random.choice(opsi)["value"]
        rinci = self.panggil(_kunci_rinci(), "Persetujuan: rincian", catatan_id=catatan_id, _pesan=None)
        selesai_mati = _cari_output(rinci, "tugas-selesai")
        setuju_mati = _cari_output(rinci, "tugas-setuju")
        bukti = rinci.get("tugas-bukti") if isinstance(rinci, dict) else None
        bukti = [o["value"] for o in (bukti or {}).get("options") or []]  # every kelengkapan ticked
        if setuju_mati is False:  # a decision: mostly approved, sometimes returned
            kembali = random.random() < 0.25
            picu = "tugas-kembali" if kembali else "tugas-setuju"
            hasil = _teks(self.panggil("callbacks.persetujuan.bertindak",
                                       "Persetujuan: kembalikan" if kembali else "Persetujuan: setujui",
                                       picu=picu, catatan_id=catatan_id, alasan="Bukti belum lengkap" if kembali
                                       else None, bukti=bukti))
            if ("Dikembalikan untuk perbaikan" if kembali else "Disetujui") in hasil:
                _catat(aksi="kembali" if kembali else "setuju", catatan_id=catatan_id)
        elif selesai_mati is False:
            hasil = _teks(self.panggil("callbacks.persetujuan.bertindak", "Persetujuan: selesaikan",
                                       picu="tugas-selesai", catatan_id=catatan_id, alasan=None, bukti=bukti))
            if "Langkah diselesaikan" in hasil:
                _catat(aksi="selesai", catatan_id=catatan_id)

    @task(1)
    def beranda(self):
        self.panggil("callbacks.beranda.isi", "Beranda (camat)", kecamatan=None, tahun=2025, triwulan=4)


class PenindakLanjut(Pengguna):
    weight = 2

    def on_start(self):
        self.kantor = random.choice(KANTOR)
        self.username = f"{random.choice(('evapor', 'evapor', 'sekcam', 'camat'))}.{self.kantor}"
        super().on_start()

    @task
    def tindak_lanjut(self):
        from callbacks.tindak_lanjut import PESAN_AKSI
        from models.tindak_lanjut.rekomendasi import AKSI

        daftar = self.panggil("callbacks.tindak_lanjut.tampil", "Tindak Lanjut (daftar)", kecamatan=None,
                              tahun=2025, triwulan=0, _pesan=None, _pesan_ev=None, minta=None)
        opsi = (daftar.get("tl-pilih") or {}).get("options") or []
        if not opsi:
            return
        rid = random.choice(opsi)["value"]
        rinci = self.panggil("callbacks.tindak_lanjut.tampil_rinci", "Tindak Lanjut: rincian", rekomendasi_id=rid,
                             _pesan=None)
        boleh = [a for a in AKSI if _cari_output(rinci, f"tl-{a}") is False]
        if not boleh:
            return
        aksi = random.choice(boleh)
        uraian = {"serahkan": "Sudah dilaksanakan bersama para Kasi; notulen terlampir.",
                  "kembalikan": "Bukti kegiatan belum dilampirkan."}.get(aksi)
        hasil = _teks(self.panggil("callbacks.tindak_lanjut.bertindak", f"Tindak Lanjut: {aksi}", picu=f"tl-{aksi}",
                                   rekomendasi_id=rid, uraian=uraian, bukti="Notulen rapat"))
        if PESAN_AKSI[aksi] in hasil:
            _catat(aksi=f"tl-{aksi}", rekomendasi=rid)


class Kabupaten(Pengguna):
    weight = 1
    username = "kabupaten.malang"

    @task
    def baca(self):
        pilih = random.random()
        if pilih < 0.4:
            self.panggil("callbacks.beranda.isi", "Beranda (kabupaten)", kecamatan="", tahun=2025, triwulan=4)
        elif pilih < 0.7:
            self.panggil("callbacks.perbandingan.tampil", "Perbandingan (kabupaten)", kecamatan=None, tahun=2025,
                         triwulan=4)
        else:
            self.halaman("/capaian?tahun=2025&triwulan=4", "Capaian (halaman)")


def _kunci_rinci() -> str:
    return next(k for k in _cb if k.startswith("..tugas-rinci.children"))


def _cari_output(jawab: dict, ident: str):
    v = jawab.get(ident) if isinstance(jawab, dict) else None
    return v.get("disabled") if isinstance(v, dict) else None
