"""Test factories for the year as it is judged: an office's Evaluasi AKIP with the evaluator's answers, a signed
Laporan Kinerja with its scan, an evaluator of a kabupaten.

The Evaluasi AKIP and the LKj have their own workflows elsewhere; these rows are built by hand at the state a test
needs (the LKE frozen as the regulation's, every criterion answered), so the recap, the publication and the public
page can be tested on known numbers.
"""
from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping
from datetime import date, datetime, timezone
from pathlib import Path

from sqlmodel import Session, select

import models.akun.pengguna
from models.tables import EvaluasiAkip, JawabanLke, Kecamatan, LaporanKinerja, User
from models.tindak_lanjut.lke import Kriteria, baca_struktur, bulat, hitung_nilai, isi_bawaan
from models.umum.berkas import simpan_berkas
from tests.fabrik import KATA_SANDI, kabupaten

PDF_LKJ = b"%PDF-1.4\n% Laporan Kinerja ditandatangani (uji)\n%%EOF\n"
PADA = datetime(2026, 2, 20, 3, tzinfo=timezone.utc)

Jawab = Callable[[Kriteria], str]


def semua(ya: str = "Y", huruf: str = "A") -> Jawab:
    """Every Y/T criterion `ya`, every A–E criterion `huruf`."""
    return lambda k: ya if k.skala == "YT" else huruf


def _kantor(s: Session, nama: str, kabupaten_id: int = 1) -> Kecamatan:
    kec = s.exec(select(Kecamatan).where(Kecamatan.nama == nama)).first()
    if kec is None:  # an office the demo does not have
        kec = Kecamatan(kabupaten_id=kabupaten_id, nama=nama)
        s.add(kec)
        s.flush()
    return kec


def evaluasi_akip(s: Session, *, kecamatan: str, tahun: int, status: str = "final",
                  jawaban: Jawab | Mapping[str, str] | None = None, dirilis: bool = False,
                  kabupaten_id: int = 1) -> EvaluasiAkip:
    """An office's Evaluasi AKIP of a year on the regulation's LKE: each criterion answered by the office and (past
    the self-assessment) by the evaluator with `jawaban` (a function of the criterion or a table by code); a final
    one carries its frozen score and predicate, released when `dirilis`."""
    kec = _kantor(s, kecamatan, kabupaten_id)
    isi = isi_bawaan()
    struktur = baca_struktur(isi)
    pilih = jawaban if jawaban is not None else semua()
    nilai = {k.kode: (pilih(k) if callable(pilih) else pilih[k.kode]) for k in struktur.kriteria()}
    ev = EvaluasiAkip(kecamatan_id=kec.id, tahun=tahun, lke=isi, status=status)
    if status != "mandiri":
        ev.dikirim_pada = PADA
    if status == "final":
        n = hitung_nilai(struktur, nilai)
        assert n.total is not None
        ev.nilai, ev.predikat, ev.difinalkan_pada, ev.tanggal_lhe = float(bulat(n.total)), n.predikat, PADA, \
            date(2026, 3, 2)
        if dirilis:
            ev.dirilis_pada = PADA
    s.add(ev)
    s.flush()
    for kode, v in nilai.items():
        s.add(JawabanLke(evaluasi_akip_id=ev.id, kode=kode, mandiri=v,
                         evaluator=v if status in ("reviu", "final") else None))
    s.flush()
    return ev


def laporan_kinerja(s: Session, *, kecamatan: str, tahun: int, ditandatangani: bool = True,
                    folder: Path | None = None, oleh: User | None = None) -> LaporanKinerja:
    """An office's LKj of a year; signed with its scan attached (a Lampiran "laporan_kinerja") unless not."""
    kec = _kantor(s, kecamatan)
    lkj = LaporanKinerja(kecamatan_id=kec.id, tahun=tahun, status="ditandatangani" if ditandatangani else "draf")
    if ditandatangani:
        lkj.ditandatangani_pada, lkj.tanggal = PADA, date(tahun + 1, 2, 20)
        lkj.ditandatangani_oleh = oleh.id if oleh else None
    s.add(lkj)
    s.flush()
    if ditandatangani:
        simpan_berkas(s, pemilik_jenis="laporan_kinerja", pemilik_id=lkj.id, kecamatan_id=kec.id,
                      nama_berkas=f"LKj {kec.nama} {tahun}.pdf", data=PDF_LKJ,
                      oleh=oleh or s.exec(select(User).where(User.role_kode == "admin")).first(),  # type: ignore[arg-type]
                      folder=folder or Path(tempfile.gettempdir()) / "sakip-uji-lampiran")
    return lkj


def evaluator(s: Session, *, kabupaten_nama: str = "Malang") -> User:
    """An Inspektorat evaluator of the kabupaten (username inspektorat.<kabupaten>)."""
    kab = kabupaten(s, nama=kabupaten_nama)
    username = f"inspektorat.{kab.nama.lower().replace(' ', '')}"
    ada = s.exec(select(User).where(User.username == username)).first()
    if ada is not None:
        return ada
    # Made as a row: creating accounts of this role through the user pages belongs to the Evaluasi AKIP workflow.
    u = User(username=username, nama=f"Evaluator Inspektorat {kab.nama}", role_kode="evaluator",
             password_hash=models.akun.pengguna.generate_password_hash(KATA_SANDI), kabupaten_id=kab.id)
    s.add(u)
    s.flush()
    return u
