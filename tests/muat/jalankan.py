"""The load test: simulated users of the real roles (tests/muat/locustfile.py) against gunicorn on a fresh demo
database, then the database checked.

    python -m tests.muat.jalankan [--db URL] [--pengguna 50] [--detik 120]

Without --db, a SQLite file in a temporary folder; with a PostgreSQL URL, that database is emptied first. Serves
on loopback only. Prints p50/p95 per action and fails (exit 1) on any failed request (an error answer or a refusal
of access), or when the database breaks an invariant:
- a figure of an office, indicator and quarter exists once, and every submission a user was told succeeded is
  there with that user's numbers or a later correction's, never twice;
- every step record is closed at most once, and no step a user was told they acted on was acted on twice;
- every execution is in a state the state machine allows: one open record while it runs, none when it ended,
  and a figure's status agrees with its execution (submitted or returned: running; official: approved, its
  execution running to its last filing step or ended);
- every follow-up action a user was told succeeded is recorded exactly once, each recommendation's recorded actions
  replay through the recommendation state machine (models.tindak_lanjut.rekomendasi.TRANSISI) to its status, and
  it has one follow-up row per hand-in.
The database starts as the demo plus, for each of the two offices, an evaluation of each quarter of 2025 with
recommendations for the Kasubag Evapor to follow up.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def port_bebas() -> int:
    """A free port on loopback for a server the test starts."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _siapkan_db(url: str | None, folder: Path) -> str:
    sys.path.insert(0, str(ROOT))
    from sqlalchemy import text

    from models.db import get_engine
    from models.jenis_kerja import muat
    from models.migrasi import pastikan_skema
    from seed.demo import muat_demo

    muat()  # every kind of work registered with the state machine, as create_app does

    url = url or f"sqlite:///{folder / 'muat.db'}"
    if url.startswith("postgresql"):  # the database is made when the server has none of that name
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        u = make_url(url)
        admin = create_engine(u.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            if not c.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": u.database}).scalar():
                c.execute(text(f'CREATE DATABASE "{u.database}"'))
        admin.dispose()
    engine = get_engine(url)
    if url.startswith("postgresql"):
        with engine.begin() as c:
            c.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    pastikan_skema(engine)
    muat_demo(engine)
    _evaluasi_awal(engine)
    engine.dispose()
    return url


def _evaluasi_awal(engine) -> None:
    """An evaluation of each quarter of 2025 in Kalipare and Poncokusumo, recorded by the Tim, with recommendations
    for the Kasubag Evapor."""
    from datetime import timedelta

    from models.db import session_scope
    from models.tindak_lanjut.evaluasi import RekomendasiBaru, catat_evaluasi_lengkap
    from models.umum.periode import akhir_triwulan
    from tests.fabrik import KANTOR, pengguna

    with session_scope(engine) as s:
        for kantor in ("Kalipare", KANTOR):
            tim = pengguna(s, peran="tim", kecamatan=kantor)
            for tw in (1, 2, 3, 4):
                tanggal = akhir_triwulan(2025, tw) + timedelta(days=25)
                rekomendasi = [RekomendasiBaru(teks=f"Rekomendasi {n} evaluasi triwulan {tw}: perbaiki rekap data "
                                                    "dukung bersama para Kasi.", role_kode="kasubag_evapor",
                                               jatuh_tempo=tanggal + timedelta(days=45)) for n in (1, 2, 3)]
                catat_evaluasi_lengkap(s, kecamatan_id=tim.kecamatan_id, jenis="evaluasi", tahun=2025, triwulan=tw,
                                       tanggal=tanggal, peserta="Camat, Sekretaris Camat, Kasubag Evapor, Tim",
                                       temuan="Sebagian IKU di bawah target.", oleh=tim, rekomendasi=rekomendasi)


def periksa(url: str, catatan: list[dict]) -> list[str]:
    """The invariants of the module docstring; returns what is broken (empty: nothing)."""
    from sqlalchemy import text

    from models.db import get_engine

    salah = []
    with get_engine(url).connect() as c:
        ganda = c.execute(text("SELECT indikator_id, kecamatan_id, tahun, triwulan, count(*) FROM realisasi "
                               "GROUP BY indikator_id, kecamatan_id, tahun, triwulan HAVING count(*) > 1")).all()
        salah += [f"realisasi ganda: {g}" for g in ganda]
        terbuka = c.execute(text("SELECT e.id, e.status, count(cl.id) FROM eksekusi e LEFT JOIN catatanlangkah cl "
                                 "ON cl.eksekusi_id = e.id AND cl.selesai_pada IS NULL GROUP BY e.id, e.status")).all()
        for eks, status, n in terbuka:
            if status == "berjalan" and n != 1:
                salah.append(f"eksekusi {eks} berjalan dengan {n} langkah terbuka")
            if status in ("selesai", "dibatalkan") and n != 0:
                salah.append(f"eksekusi {eks} {status} dengan {n} langkah terbuka")
            if status not in ("berjalan", "selesai", "dibatalkan"):
                salah.append(f"eksekusi {eks} berstatus {status}")
        rusak = c.execute(text("SELECT id FROM catatanlangkah WHERE (selesai_pada IS NULL) <> (hasil IS NULL) "
                               "OR selesai_pada < diterima_pada")).all()
        salah += [f"catatan langkah {r[0]} tertutup setengah" for r in rusak]
        for rid, status, disahkan, eks_status in c.execute(text(
                "SELECT r.id, r.status, r.disahkan_pada, e.status FROM realisasi r LEFT JOIN eksekusi e "
                "ON e.id = r.eksekusi_id")):
            if status in ("diajukan", "dikembalikan") and eks_status != "berjalan":
                salah.append(f"realisasi {rid} {status} tetapi eksekusinya {eks_status}")
            # Official at the Camat's approval; the SOP's last step (filing it) may still be open.
            if status == "resmi" and (disahkan is None or eks_status not in ("berjalan", "selesai")):
                salah.append(f"realisasi {rid} resmi tetapi disahkan {disahkan}, eksekusinya {eks_status}")
        kantor = dict(c.execute(text("SELECT lower(nama), id FROM kecamatan")).all())
        for b in (b for b in catatan if b["aksi"] == "ajukan"):
            n = c.execute(text("SELECT count(*) FROM realisasi WHERE indikator_id = :i AND kecamatan_id = :k AND "
                               "tahun = :t AND triwulan = :w AND status <> 'draf'"),
                          {"i": b["indikator"], "k": kantor[b["kantor"]], "t": b["tahun"], "w": b["triwulan"]}).scalar()
            if n != 1:
                salah.append(f"pengajuan yang berhasil tidak ada tepat satu kali: {b} ({n})")
        aksi = Counter(b["catatan_id"] for b in catatan if "catatan_id" in b)
        salah += [f"langkah {k} dikerjakan {n} kali oleh pengguna yang diberi tahu berhasil"
                  for k, n in aksi.items() if n > 1]
        for k in aksi:
            hasil = c.execute(text("SELECT hasil FROM catatanlangkah WHERE id = :i"), {"i": k}).scalar()
            if hasil is None:
                salah.append(f"langkah {k} dilaporkan dikerjakan tetapi masih terbuka")
        salah += _periksa_tindak_lanjut(c, catatan)
    return salah


def _periksa_tindak_lanjut(c, catatan: list[dict]) -> list[str]:
    """Follow-ups: the actions users were told succeeded are the audited ones, once each, and replay to the status."""
    from sqlalchemy import text

    from models.tindak_lanjut.rekomendasi import TRANSISI

    salah = []
    dilaporkan: dict[int, Counter] = {}
    for b in catatan:
        if b["aksi"].startswith("tl-"):
            dilaporkan.setdefault(b["rekomendasi"], Counter())[b["aksi"][3:]] += 1
    tercatat: dict[int, list[str]] = {}
    for rid, aksi in c.execute(text("SELECT objek_id, aksi FROM auditlog WHERE objek = 'rekomendasi' AND "
                                    "aksi <> 'rekomendasi.tambah' ORDER BY id")):
        tercatat.setdefault(rid, []).append(aksi.removeprefix("rekomendasi."))
    for rid, status, tl, serah in c.execute(text(
            "SELECT r.id, r.status, count(t.id), (SELECT count(*) FROM auditlog a WHERE a.objek = 'rekomendasi' "
            "AND a.objek_id = r.id AND a.aksi = 'rekomendasi.serahkan') FROM rekomendasi r LEFT JOIN tindaklanjut t "
            "ON t.rekomendasi_id = r.id GROUP BY r.id, r.status")):
        riwayat = tercatat.get(rid, [])
        if Counter(riwayat) != dilaporkan.get(rid, Counter()):
            salah.append(f"rekomendasi {rid}: tercatat {dict(Counter(riwayat))}, dilaporkan berhasil "
                         f"{dict(dilaporkan.get(rid, {}))}")
        keadaan = "baru"
        for a in riwayat:
            if (keadaan, a) not in TRANSISI:
                salah.append(f"rekomendasi {rid}: {a} dari status {keadaan} tidak diizinkan")
                break
            keadaan = TRANSISI[(keadaan, a)]
        if keadaan != status:
            salah.append(f"rekomendasi {rid} berstatus {status}, tindakannya berakhir di {keadaan}")
        if tl != serah:
            salah.append(f"rekomendasi {rid}: {tl} baris tindak lanjut untuk {serah} penyerahan")
    return salah


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default=None)
    ap.add_argument("--pengguna", type=int, default=50)
    ap.add_argument("--detik", type=int, default=120)
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="sakip-muat-"))
    try:
        url = _siapkan_db(a.db, folder)
        port = port_bebas()
        env = {**os.environ, "DATABASE_URL": url, "APP_ENV": "production", "SECRET_KEY": "muat-" + folder.name,
               "COOKIE_SECURE": "0", "JUMLAH_PROXY": "1", "UPLOAD_DIR": str(folder / "unggahan"),
               "PYTHONPATH": str(ROOT)}
        server = subprocess.Popen([str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers",
                                   str(a.workers), "--threads", "4", "--timeout", "60", "--keep-alive", "75", "app:server"], cwd=ROOT,
                                  env=env, stdout=subprocess.DEVNULL, stderr=open(folder / "server.log", "w"))
        try:
            for _ in range(120):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/siap", timeout=2)
                    break
                except OSError:
                    time.sleep(0.5)
            catatan = folder / "catatan.jsonl"
            catatan.touch()
            hasil = subprocess.run(
                [str(BIN / "locust"), "-f", str(ROOT / "tests" / "muat" / "locustfile.py"), "--headless",
                 "-u", str(a.pengguna), "-r", str(max(1, a.pengguna // 5)), "-t", f"{a.detik}s",
                 "--host", f"http://127.0.0.1:{port}", "--csv", str(folder / "hasil"), "--only-summary",
                 "--stop-timeout", "10", "--loglevel", "WARNING"],
                cwd=ROOT, env={**env, "MUAT_DB": url, "MUAT_CATATAN": str(catatan)}, capture_output=True, text=True)
        finally:
            server.terminate()
            server.wait(timeout=30)
        statistik = list(csv.DictReader(open(folder / "hasil_stats.csv", encoding="utf-8")))
        print(f"{'Tindakan':<34}{'jumlah':>8}{'gagal':>7}{'p50 ms':>8}{'p95 ms':>8}")
        gagal_total = 0
        for b in statistik:
            print(f"{b['Name']:<34}{b['Request Count']:>8}{b['Failure Count']:>7}{b['50%']:>8}{b['95%']:>8}")
            if b["Name"] != "Aggregated":
                gagal_total += int(b["Failure Count"])
        baris = [json.loads(x) for x in catatan.read_text(encoding="utf-8").splitlines() if x.strip()]
        print(f"Tulisan yang dilaporkan berhasil: {dict(Counter(b['aksi'] for b in baris))}")
        masalah = periksa(url, baris)
        if gagal_total:
            masalah.append(f"{gagal_total} permintaan gagal")
            gagal = folder / "hasil_failures.csv"
            if gagal.exists():
                print(gagal.read_text(encoding="utf-8")[:2000])
            print("Log server (akhir):\n" + (folder / "server.log").read_text(encoding="utf-8")[-3000:])
        if "Traceback" in hasil.stderr:  # an exception inside a simulated user's task
            masalah.append("pengguna simulasi berhenti karena galat:\n" + hasil.stderr[-2500:])
        if hasil.returncode not in (0, 1):
            masalah.append(f"locust keluar dengan kode {hasil.returncode}: {hasil.stderr[-1500:]}")
        for m in masalah:
            print("MASALAH:", m)
        print("Tidak ada galat server; setiap tulisan tepat satu kali; setiap eksekusi dalam keadaan yang sah."
              if not masalah else "")
        return 1 if masalah else 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
