"""The kabupaten's Evaluasi AKIP of one office's year: the office's self-assessment, the evaluator's answers, the
desk review that sends criteria back with a question, and the final score and predicate.

An evaluation is opened on the LKE in force for the office's year (models.tindak_lanjut.lke.lke_berlaku) and keeps
that LKE frozen in `EvaluasiAkip.lke`, so a revised LKE adopted later changes nothing in it. Its course is one
machine, MESIN_EVALUASI_AKIP, which also says who may answer which column in which state:

    mandiri ─kirim (every criterion answered by the office)→ reviu ─finalkan (every criterion by the evaluator)→ final
    mandiri: the office's Sekretaris Camat or Kasubag Evapor answers (jawab_mandiri) and attaches proofs
    reviu:   the evaluator of the office's kabupaten answers (jawab_evaluator) and may send a criterion back to the
             office with a question (kembalikan); the office answers that criterion again, and the flag clears

Each function is one step inside the caller's transaction (flush only, the caller commits), refuses with `Ditolak`
before writing anything, and writes its audit row. The scores are lke.hitung_nilai's, never a second scoring.
"""
from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from models.tables import EvaluasiAkip, JawabanLke, Kabupaten, Kecamatan, Lampiran, Lke, User, utcnow
from models.tindak_lanjut.lke import (
    LABEL_SKALA,
    Kriteria,
    NilaiLke,
    StrukturLke,
    baca_struktur,
    bulat,
    hitung_nilai,
    lke_berlaku,
    nilai_jawaban,
)
from models.umum import periode
from models.umum.audit import catat
from models.umum.berkas import lampiran_milik, simpan_berkas
from models.umum.mesin_status import Mesin, Tindakan, Transisi, tulis
from models.umum.penolakan import Ditolak
from models.umum.status import StatusEvaluasiAkip
from models.umum.tanggal import baca_tanggal, pastikan_sadar_zona, tanggal_panjang

E = StatusEvaluasiAkip
PENGISI_MANDIRI = frozenset({"sekcam", "kasubag_evapor"})  # answer the office's column
PERAN_EVALUATOR = frozenset({"evaluator"})  # answer the evaluator's column, desk review, final
PENGATUR_LKE = frozenset({"kabupaten", "evaluator"})  # adopt a revised LKE for the kabupaten
PEMILIK_BUKTI = "jawaban_lke"  # Lampiran.pemilik_jenis of a criterion's proof
PANJANG_CATATAN = 4000

PESAN_BENTROK = "Evaluasi AKIP ini baru saja diubah orang lain; muat ulang halaman."
PESAN_PENGISI = ("Penilaian mandiri diisi oleh Sekretaris Camat atau Kasubag Evapor kecamatan ini; "
                 "peran Anda tidak dapat mengisinya.")
PESAN_EVALUATOR = "Hanya evaluator Inspektorat kabupaten kecamatan ini yang dapat mengisi kolom evaluator."
PESAN_TIDAK_ADA = "Evaluasi AKIP tidak ditemukan."
PESAN_AKUN_NONAKTIF = "Akun Anda tidak aktif; tindakan ini tidak dapat dilakukan."


# ---------------------------------------------------------------- reading


def evaluasi_kantor(session: Session, kecamatan_id: int, tahun: int) -> EvaluasiAkip | None:
    """The office's Evaluasi AKIP of the year, if opened."""
    return session.exec(select(EvaluasiAkip).where(EvaluasiAkip.kecamatan_id == kecamatan_id,
                                                   EvaluasiAkip.tahun == tahun)).first()


def struktur_evaluasi(ev: EvaluasiAkip) -> StrukturLke:
    """The LKE the evaluation is answered on (frozen when it was opened)."""
    return baca_struktur(ev.lke)


def jawaban_evaluasi(session: Session, evaluasi_id: int) -> dict[str, JawabanLke]:
    """The answers given so far, by criterion code."""
    return {j.kode: j for j in session.exec(select(JawabanLke).where(JawabanLke.evaluasi_akip_id == evaluasi_id))}


def bukti_evaluasi(session: Session, evaluasi_id: int) -> dict[str, list[Lampiran]]:
    """The proofs uploaded per criterion code."""
    jawaban = jawaban_evaluasi(session, evaluasi_id)
    kode = {j.id: k for k, j in jawaban.items()}
    hasil: dict[str, list[Lampiran]] = {}
    for x in lampiran_milik(session, PEMILIK_BUKTI, list(kode)):
        hasil.setdefault(kode[x.pemilik_id], []).append(x)
    return hasil


def nilai_mandiri(struktur: StrukturLke, jawaban: dict[str, JawabanLke]) -> NilaiLke:
    """The office's own scores (None wherever a criterion is unanswered)."""
    return hitung_nilai(struktur, {k: j.mandiri for k, j in jawaban.items()})


def nilai_evaluator(struktur: StrukturLke, jawaban: dict[str, JawabanLke]) -> NilaiLke:
    """The evaluator's scores (None wherever a criterion is unanswered)."""
    return hitung_nilai(struktur, {k: j.evaluator for k, j in jawaban.items()})


def dikembalikan(jawaban: dict[str, JawabanLke]) -> list[str]:
    """Criteria sent back to the office and not yet answered again, in LKE order of their codes."""
    return sorted((k for k, j in jawaban.items() if j.dikembalikan), key=urutan_kode)


def urutan_kode(kode: str) -> tuple[int, ...]:
    """Sort key of a criterion code: "2.10.1" after "2.9.1".

    >>> sorted(["2.10.1", "2.9.1", "10.1.1"], key=urutan_kode)
    ['2.9.1', '2.10.1', '10.1.1']
    """
    return tuple(int(x) if x.isdigit() else 0 for x in kode.split("."))


def daftar_kode(kode: list[str] | tuple[str, ...], batas: int | None = None) -> str:
    """Criteria codes for a message: all of them (a refusal names every criterion), or the first `batas` and the
    rest counted.

    >>> daftar_kode(["1.1.1", "1.1.2"]), daftar_kode([str(i) for i in range(15)], batas=3)
    ('1.1.1, 1.1.2', '0, 1, 2 dan 12 kriteria lain')
    """
    if batas is None or len(kode) <= batas:
        return ", ".join(kode)
    return f"{', '.join(kode[:batas])} dan {len(kode) - batas} kriteria lain"


# ---------------------------------------------------------------- who may, and the machine


def _nama_kantor(session: Session, kecamatan_id: int) -> str:
    kec = session.get(Kecamatan, kecamatan_id)
    return f"Kecamatan {kec.nama}" if kec else "kecamatan ini"


def alasan_pengisi(oleh: User, kecamatan_id: int) -> str | None:
    """Why a user may not answer the office's column of this office (None: may)."""
    if not oleh.aktif:
        return PESAN_AKUN_NONAKTIF
    if oleh.kecamatan_id != kecamatan_id or oleh.role_kode not in PENGISI_MANDIRI:
        return PESAN_PENGISI
    return None


def alasan_evaluator(session: Session, oleh: User, kecamatan_id: int) -> str | None:
    """Why a user may not act as the evaluator of this office (None: may): the role evaluator of its kabupaten."""
    if not oleh.aktif:
        return PESAN_AKUN_NONAKTIF
    kec = session.get(Kecamatan, kecamatan_id)
    if oleh.role_kode not in PERAN_EVALUATOR or kec is None or oleh.kabupaten_id != kec.kabupaten_id:
        return PESAN_EVALUATOR
    return None


@dataclass
class KonteksEvaluasi:
    session: Session
    oleh: User
    ev: EvaluasiAkip
    kode: str | None = None  # the criterion an answer or a question is about
    pertanyaan: str | None = None


def _siapa_kantor(k: KonteksEvaluasi) -> str | None:
    return alasan_pengisi(k.oleh, k.ev.kecamatan_id)


def _siapa_evaluator(k: KonteksEvaluasi) -> str | None:
    return alasan_evaluator(k.session, k.oleh, k.ev.kecamatan_id)


def _mandiri_lengkap(k: KonteksEvaluasi) -> str | None:
    jawaban = jawaban_evaluasi(k.session, k.ev.id)
    belum = [kr.kode for kr in struktur_evaluasi(k.ev).kriteria()
             if jawaban.get(kr.kode) is None or not jawaban[kr.kode].mandiri]
    if belum:
        return f"Penilaian mandiri belum lengkap; kriteria yang belum dijawab: {daftar_kode(belum)}."
    return None


def _evaluator_lengkap(k: KonteksEvaluasi) -> str | None:
    jawaban = jawaban_evaluasi(k.session, k.ev.id)
    kembali = dikembalikan(jawaban)
    if kembali:
        return (f"Kriteria {daftar_kode(kembali)} masih dikembalikan ke kecamatan; tunggu jawabannya sebelum "
                "memfinalkan.")
    belum = [kr.kode for kr in struktur_evaluasi(k.ev).kriteria()
             if jawaban.get(kr.kode) is None or not jawaban[kr.kode].evaluator]
    if belum:
        return f"Kolom evaluator belum lengkap; kriteria yang belum dijawab: {daftar_kode(belum)}."
    return None


def _kriteria_dikembalikan(k: KonteksEvaluasi) -> str | None:
    """While in reviu the office answers only what was sent back to it."""
    if k.kode is None:
        return None  # the page asks "may the office answer anything now": some criterion may be sent back
    j = jawaban_evaluasi(k.session, k.ev.id).get(k.kode)
    if j is None or not j.dikembalikan:
        return (f"Penilaian mandiri sudah dikirim ke evaluator; kriteria {k.kode} hanya dapat dijawab lagi bila "
                "dikembalikan dengan pertanyaan.")
    return None


def _ada_pertanyaan(k: KonteksEvaluasi) -> str | None:
    if k.pertanyaan is not None and not k.pertanyaan.strip():
        return "Tulis pertanyaan untuk kecamatan sebelum mengembalikan kriteria."
    return None


def _pesan_keadaan(dari: StatusEvaluasiAkip, aksi: str, k: KonteksEvaluasi) -> str:
    judul = f"Evaluasi AKIP {k.ev.tahun} {_nama_kantor(k.session, k.ev.kecamatan_id)}"
    if dari == E.FINAL:
        return f"{judul} sudah final; jawaban dan nilainya tidak dapat diubah."
    if dari == E.MANDIRI:
        return f"{judul} masih dalam penilaian mandiri; evaluator menilai setelah kecamatan mengirimkannya."
    return f"Penilaian mandiri {judul} sudah dikirim ke evaluator."


MESIN_EVALUASI_AKIP: Mesin[StatusEvaluasiAkip, KonteksEvaluasi] = Mesin("evaluasi_akip", StatusEvaluasiAkip, [
    Transisi((E.MANDIRI,), "jawab_mandiri", E.MANDIRI, siapa=_siapa_kantor),
    Transisi((E.REVIU,), "jawab_mandiri", E.REVIU, siapa=_siapa_kantor, syarat=_kriteria_dikembalikan),
    Transisi((E.MANDIRI,), "kirim", E.REVIU, siapa=_siapa_kantor, syarat=_mandiri_lengkap),
    Transisi((E.REVIU,), "jawab_evaluator", E.REVIU, siapa=_siapa_evaluator),
    Transisi((E.REVIU,), "kembalikan", E.REVIU, siapa=_siapa_evaluator, syarat=_ada_pertanyaan),
    Transisi((E.REVIU,), "finalkan", E.FINAL, siapa=_siapa_evaluator, syarat=_evaluator_lengkap),
], pesan_keadaan=_pesan_keadaan)

LABEL_AKSI = {"kirim": "Kirim ke evaluator", "finalkan": "Finalkan evaluasi"}


def tindakan_evaluasi(session: Session, ev: EvaluasiAkip, oleh: User) -> list[Tindakan]:
    """What `oleh` may do to the evaluation now (the page's buttons and which column it may edit)."""
    return MESIN_EVALUASI_AKIP.tindakan(ev.status, KonteksEvaluasi(session, oleh, ev))


def alasan_buka(session: Session, oleh: User, kecamatan_id: int) -> str | None:
    """Who may open an office's evaluation: the evaluator of its kabupaten, or the office's Sekretaris Camat or
    Kasubag Evapor starting its self-assessment."""
    if oleh.role_kode in PERAN_EVALUATOR:
        return alasan_evaluator(session, oleh, kecamatan_id)
    if alasan_pengisi(oleh, kecamatan_id) is None:
        return None
    return ("Evaluasi AKIP dibuka oleh evaluator Inspektorat kabupaten, atau oleh Sekretaris Camat atau Kasubag "
            "Evapor kecamatan ini saat memulai penilaian mandiri.")


# ---------------------------------------------------------------- writes


def _ambil(session: Session, evaluasi_id: Any) -> EvaluasiAkip:
    try:
        ident = int(evaluasi_id)
    except (TypeError, ValueError):
        raise Ditolak(PESAN_TIDAK_ADA) from None
    ev = session.get(EvaluasiAkip, ident)
    if ev is None:
        raise Ditolak(PESAN_TIDAK_ADA)
    return ev


def _kriteria(ev: EvaluasiAkip, kode: Any) -> Kriteria:
    kr = struktur_evaluasi(ev).cari(str(kode or "").strip())
    if kr is None:
        raise Ditolak(f"Kriteria {kode or '(kosong)'} tidak ada pada LKE evaluasi ini.")
    return kr


def _jawaban(kr: Kriteria, nilai: Any, kolom: str) -> str:
    teks = str(nilai or "").strip().upper()
    if not teks:
        raise Ditolak(f"Pilih jawaban {kolom} kriteria {kr.kode} ({LABEL_SKALA[kr.skala]}).")
    nilai_jawaban(kr.skala, teks)  # off the scale: refused with the scale named
    return teks


def _catatan(nilai: Any) -> str | None:
    teks = str(nilai or "").strip()
    if len(teks) > PANJANG_CATATAN:
        raise Ditolak(f"Catatan paling panjang {PANJANG_CATATAN} karakter.")
    return teks or None


def _baris(session: Session, ev: EvaluasiAkip, kode: str) -> JawabanLke:
    j = jawaban_evaluasi(session, ev.id).get(kode)
    if j is None:
        j = JawabanLke(evaluasi_akip_id=ev.id, kode=kode)
        session.add(j)
        session.flush()
    return j


def _waktu(pada: datetime | None) -> datetime:
    return pastikan_sadar_zona(pada or utcnow())


def _tahan(session: Session, ev: EvaluasiAkip, aksi: str) -> None:
    """Hold the evaluation in the state it was checked in until the caller commits (a compare-and-set of the same
    state): of an answer and a final at once, the second waits for the first and is refused if the state moved."""
    session.flush()
    if not tulis(session, ev, ke=ev.status):
        raise _tentang(aksi, ev)(Ditolak(PESAN_BENTROK))


def _tentang(aksi: str, ev: EvaluasiAkip) -> Callable[[Ditolak], Ditolak]:
    return lambda e: e.tentang(aksi=f"evaluasi_akip.{aksi}", objek="evaluasi_akip", objek_id=ev.id,
                               kecamatan_id=ev.kecamatan_id)


def buka(session: Session, *, kecamatan_id: Any, tahun: Any, oleh: User, hari_ini: date | None = None,
         pada: datetime | None = None) -> EvaluasiAkip:
    """Open an office's Evaluasi AKIP of a year (that year already begun) on the LKE in force, frozen."""
    try:
        kec_id, th = int(kecamatan_id), int(tahun)
    except (TypeError, ValueError):
        raise Ditolak("Pilih kecamatan dan tahun Evaluasi AKIP.", aksi="evaluasi_akip.buka") from None
    kec = session.get(Kecamatan, kec_id)
    if kec is None:
        raise Ditolak("Kecamatan tidak ditemukan.", aksi="evaluasi_akip.buka")
    if (alasan := alasan_buka(session, oleh, kec_id)) is not None:
        raise Ditolak(alasan, aksi="evaluasi_akip.buka", kecamatan_id=kec_id)
    hari = hari_ini or periode.hari_ini()
    if not 2000 <= th < hari.year:  # the year is judged once it has ended (its LKj is due early the next year)
        raise Ditolak(f"Evaluasi AKIP menilai tahun yang sudah berakhir; tahun {th} tidak dapat dibuka"
                      + (f" sebelum 1 Januari {th + 1}." if th >= hari.year else "."),
                      aksi="evaluasi_akip.buka", kecamatan_id=kec_id)
    if evaluasi_kantor(session, kec_id, th) is not None:
        raise Ditolak(f"Evaluasi AKIP {th} Kecamatan {kec.nama} sudah dibuka.", aksi="evaluasi_akip.buka",
                      kecamatan_id=kec_id)
    isi, lke = lke_berlaku(session, kec_id, th)
    struktur = baca_struktur(isi)
    ev = EvaluasiAkip(kecamatan_id=kec_id, tahun=th, lke=isi, status=str(E.MANDIRI), dibuat_pada=_waktu(pada),
                      evaluator_id=oleh.id if oleh.role_kode in PERAN_EVALUATOR else None)
    session.add(ev)
    try:
        session.flush()  # one per office and year: of two openings at once, the second is refused
    except IntegrityError:
        raise Ditolak(f"Evaluasi AKIP {th} Kecamatan {kec.nama} sudah dibuka.", aksi="evaluasi_akip.buka",
                      kecamatan_id=kec_id) from None
    catat(session, aksi="evaluasi_akip.buka", oleh=oleh, objek="evaluasi_akip", objek_id=ev.id, kecamatan_id=kec_id,
          sesudah={"tahun": th, "status": ev.status, "lke": struktur.nama, "lke_id": lke.id if lke else None,
                   "kriteria": len(struktur.kriteria())})
    return ev


def jawab_mandiri(session: Session, *, evaluasi_id: Any, kode: Any, jawaban: Any, catatan: Any, oleh: User,
                  pada: datetime | None = None) -> JawabanLke:
    """The office's answer and note on one criterion (while in self-assessment, or a criterion sent back; the
    answer to a question clears its flag and the evaluator's earlier answer on it, which the evaluator gives again
    on the new answer before the evaluation can be final)."""
    ev = _ambil(session, evaluasi_id)
    tentang = _tentang("jawab_mandiri", ev)
    try:
        kr = _kriteria(ev, kode)
        MESIN_EVALUASI_AKIP.periksa(ev.status, "jawab_mandiri", KonteksEvaluasi(session, oleh, ev, kode=kr.kode))
        nilai, teks = _jawaban(kr, jawaban, "mandiri"), _catatan(catatan)
    except Ditolak as e:
        raise tentang(e) from None
    _tahan(session, ev, "jawab_mandiri")
    j = _baris(session, ev, kr.kode)
    if ev.status == E.REVIU and not j.dikembalikan:  # read again under the hold: answered meanwhile
        raise tentang(Ditolak(PESAN_BENTROK))
    sebelum = {"mandiri": j.mandiri, "catatan": j.catatan_mandiri, "dikembalikan": j.dikembalikan}
    sesudah = {"kode": kr.kode, "mandiri": nilai, "catatan": teks, "dikembalikan": False}
    if j.dikembalikan:
        sebelum["evaluator"], sesudah["evaluator"] = j.evaluator, None
        j.evaluator, j.evaluator_oleh, j.evaluator_pada = None, None, None
    j.mandiri, j.catatan_mandiri, j.mandiri_oleh, j.mandiri_pada = nilai, teks, oleh.id, _waktu(pada)
    j.dikembalikan = False
    session.add(j)
    session.flush()
    catat(session, aksi="evaluasi_akip.jawab_mandiri", oleh=oleh, objek="jawaban_lke", objek_id=j.id,
          kecamatan_id=ev.kecamatan_id, sebelum=sebelum, sesudah=sesudah)
    return j


def unggah_bukti(session: Session, *, evaluasi_id: Any, kode: Any, nama_berkas: str, data: bytes, oleh: User,
                 folder: Path) -> Lampiran:
    """Attach a proof to the office's answer of one criterion (whoever may answer it now)."""
    ev = _ambil(session, evaluasi_id)
    try:
        kr = _kriteria(ev, kode)
        MESIN_EVALUASI_AKIP.periksa(ev.status, "jawab_mandiri", KonteksEvaluasi(session, oleh, ev, kode=kr.kode))
    except Ditolak as e:
        raise _tentang("unggah_bukti", ev)(e) from None
    _tahan(session, ev, "unggah_bukti")
    j = _baris(session, ev, kr.kode)
    return simpan_berkas(session, pemilik_jenis=PEMILIK_BUKTI, pemilik_id=j.id, kecamatan_id=ev.kecamatan_id,
                         nama_berkas=nama_berkas, data=data, oleh=oleh, folder=folder)


def kirim(session: Session, *, evaluasi_id: Any, oleh: User, pada: datetime | None = None) -> EvaluasiAkip:
    """Send the complete self-assessment to the evaluator (mandiri -> reviu)."""
    ev = _ambil(session, evaluasi_id)
    _tahan(session, ev, "kirim")  # the answers checked are the ones sent
    try:
        ke = MESIN_EVALUASI_AKIP.periksa(ev.status, "kirim", KonteksEvaluasi(session, oleh, ev))
    except Ditolak as e:
        raise _tentang("kirim", ev)(e) from None
    t = _waktu(pada)
    session.flush()
    if not tulis(session, ev, ke=ke, nilai={"dikirim_oleh": oleh.id, "dikirim_pada": t}):
        raise _tentang("kirim", ev)(Ditolak(PESAN_BENTROK))
    catat(session, aksi="evaluasi_akip.kirim", oleh=oleh, objek="evaluasi_akip", objek_id=ev.id,
          kecamatan_id=ev.kecamatan_id, sebelum={"status": str(E.MANDIRI)}, sesudah={"status": str(ke)})
    return ev


def jawab_evaluator(session: Session, *, evaluasi_id: Any, kode: Any, jawaban: Any, catatan: Any, oleh: User,
                    pada: datetime | None = None) -> JawabanLke:
    """The evaluator's answer and note on one criterion (in reviu; the evaluator of the office's kabupaten)."""
    ev = _ambil(session, evaluasi_id)
    try:
        kr = _kriteria(ev, kode)
        MESIN_EVALUASI_AKIP.periksa(ev.status, "jawab_evaluator", KonteksEvaluasi(session, oleh, ev, kode=kr.kode))
        nilai, teks = _jawaban(kr, jawaban, "evaluator"), _catatan(catatan)
    except Ditolak as e:
        raise _tentang("jawab_evaluator", ev)(e) from None
    _tahan(session, ev, "jawab_evaluator")
    j = _baris(session, ev, kr.kode)
    sebelum = {"evaluator": j.evaluator, "catatan": j.catatan_evaluator}
    j.evaluator, j.catatan_evaluator, j.evaluator_oleh, j.evaluator_pada = nilai, teks, oleh.id, _waktu(pada)
    session.add(j)
    if ev.evaluator_id is None:
        ev.evaluator_id = oleh.id
        session.add(ev)
    session.flush()
    catat(session, aksi="evaluasi_akip.jawab_evaluator", oleh=oleh, objek="jawaban_lke", objek_id=j.id,
          kecamatan_id=ev.kecamatan_id, sebelum=sebelum, sesudah={"kode": kr.kode, "evaluator": nilai,
                                                                 "catatan": teks})
    return j


def kembalikan(session: Session, *, evaluasi_id: Any, kode: Any, pertanyaan: Any, oleh: User) -> JawabanLke:
    """Desk review: send one criterion back to the office with a question (the office answers it again)."""
    ev = _ambil(session, evaluasi_id)
    teks = str(pertanyaan or "").strip()
    try:
        kr = _kriteria(ev, kode)
        MESIN_EVALUASI_AKIP.periksa(ev.status, "kembalikan",
                                    KonteksEvaluasi(session, oleh, ev, kode=kr.kode, pertanyaan=teks))
        if len(teks) > PANJANG_CATATAN:
            raise Ditolak(f"Pertanyaan paling panjang {PANJANG_CATATAN} karakter.")
    except Ditolak as e:
        raise _tentang("kembalikan", ev)(e) from None
    _tahan(session, ev, "kembalikan")
    j = _baris(session, ev, kr.kode)
    sebelum = {"pertanyaan": j.pertanyaan, "dikembalikan": j.dikembalikan}
    j.pertanyaan, j.dikembalikan = teks, True
    session.add(j)
    session.flush()
    catat(session, aksi="evaluasi_akip.kembalikan", oleh=oleh, objek="jawaban_lke", objek_id=j.id,
          kecamatan_id=ev.kecamatan_id, sebelum=sebelum,
          sesudah={"kode": kr.kode, "pertanyaan": teks, "dikembalikan": True})
    return j


def finalkan(session: Session, *, evaluasi_id: Any, temuan: Any, tanggal_lhe: Any, oleh: User,
             hari_ini: date | None = None, pada: datetime | None = None) -> EvaluasiAkip:
    """Finalise: freeze the evaluator's total (rounded as printed) and predicate, the findings and the LHE's date."""
    ev = _ambil(session, evaluasi_id)
    hari = hari_ini or periode.hari_ini()
    _tahan(session, ev, "finalkan")  # the answers scored are the ones frozen
    try:
        ke = MESIN_EVALUASI_AKIP.periksa(ev.status, "finalkan", KonteksEvaluasi(session, oleh, ev))
        teks = str(temuan or "").strip()
        if not teks:
            raise Ditolak("Temuan hasil evaluasi wajib diisi sebelum memfinalkan.")
        try:
            tgl = baca_tanggal(tanggal_lhe)
        except (Ditolak, ValueError):
            raise Ditolak(f'Tanggal LHE "{tanggal_lhe}" tidak dikenali; tulis mis. 15 Maret {ev.tahun + 1}.') \
                from None
        if tgl is None:
            raise Ditolak("Tanggal LHE wajib diisi.")
        if tgl > hari:
            raise Ditolak(f"Tanggal LHE ({tanggal_panjang(tgl)}) tidak boleh setelah hari ini.")
        if tgl.year < ev.tahun:
            raise Ditolak(f"Tanggal LHE ({tanggal_panjang(tgl)}) tidak boleh sebelum tahun yang dievaluasi "
                          f"({ev.tahun}).")
    except Ditolak as e:
        raise _tentang("finalkan", ev)(e) from None
    n = nilai_evaluator(struktur_evaluasi(ev), jawaban_evaluasi(session, ev.id))
    assert n.total is not None and n.predikat is not None  # the machine's condition: every criterion answered
    total = bulat(n.total)
    session.flush()
    if not tulis(session, ev, ke=ke, nilai={"nilai": float(total), "predikat": n.predikat, "temuan": teks,
                                            "tanggal_lhe": tgl, "difinalkan_pada": _waktu(pada),
                                            "evaluator_id": oleh.id}):
        raise _tentang("finalkan", ev)(Ditolak(PESAN_BENTROK))
    catat(session, aksi="evaluasi_akip.finalkan", oleh=oleh, objek="evaluasi_akip", objek_id=ev.id,
          kecamatan_id=ev.kecamatan_id, sebelum={"status": str(E.REVIU)},
          sesudah={"status": str(ke), "nilai": str(total), "predikat": n.predikat,
                   "komponen": {k: str(bulat(v)) for k, v in n.komponen.items() if v is not None},
                   "tanggal_lhe": tgl.isoformat()})
    return ev


# ---------------------------------------------------------------- a kabupaten's revised LKE


def baca_berkas_lke(nama_berkas: str, data: bytes) -> dict[str, Any]:
    """An LKE uploaded as TOML in the shape of seed/lke.toml, read and checked (lke.baca_struktur)."""
    nama = nama_berkas.strip()[:200] if isinstance(nama_berkas, str) else ""
    if not nama.lower().endswith(".toml"):
        raise Ditolak(f"{nama or 'Berkas'}: LKE diunggah sebagai berkas .toml dengan bentuk seed/lke.toml.")
    if not data:
        raise Ditolak(f"{nama}: berkas kosong.")
    if len(data) > 1024 * 1024:
        raise Ditolak(f"{nama}: ukuran berkas LKE lebih dari 1 MB.")
    try:
        isi = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise Ditolak(f"{nama}: berkas harus berupa teks UTF-8.") from None
    except tomllib.TOMLDecodeError as e:
        raise Ditolak(f"{nama}: TOML tidak sah ({e}).") from None
    baca_struktur(isi)
    return isi


def adopsi_lke(session: Session, *, kabupaten_id: Any, berlaku_mulai: Any, nama_berkas: str, data: bytes, oleh: User,
               hari_ini: date | None = None) -> Lke:
    """A kabupaten adopts a revised LKE from a year on (replacing one it adopted from that same year). An evaluation
    already opened keeps the LKE it froze."""
    try:
        kab_id = int(kabupaten_id)
    except (TypeError, ValueError):
        raise Ditolak("Kabupaten tidak ditemukan.", aksi="lke.adopsi") from None
    kab = session.get(Kabupaten, kab_id)
    if kab is None:
        raise Ditolak("Kabupaten tidak ditemukan.", aksi="lke.adopsi")
    if not oleh.aktif or oleh.role_kode not in PENGATUR_LKE or oleh.kabupaten_id != kab.id:
        raise Ditolak("LKE kabupaten ditetapkan oleh pengguna kabupaten atau evaluator Inspektorat kabupaten itu.",
                      aksi="lke.adopsi", objek="kabupaten", objek_id=kab.id)
    hari = hari_ini or periode.hari_ini()
    try:
        th = int(berlaku_mulai)
    except (TypeError, ValueError):
        raise Ditolak("Tahun mulai berlakunya LKE wajib diisi.", aksi="lke.adopsi") from None
    if not 2000 <= th <= hari.year + 1:
        raise Ditolak(f"Tahun mulai berlaku LKE harus antara 2000 dan {hari.year + 1}, bukan {th}.",
                      aksi="lke.adopsi")
    isi = baca_berkas_lke(nama_berkas, data)
    struktur = baca_struktur(isi)
    row = session.exec(select(Lke).where(Lke.kabupaten_id == kab.id, Lke.berlaku_mulai == th)).first()
    sebelum = {"nama": row.nama, "kriteria": len(baca_struktur(row.isi).kriteria())} if row else None
    if row is None:
        row = Lke(kabupaten_id=kab.id, berlaku_mulai=th, nama=struktur.nama[:200], isi=isi)
    row.nama, row.isi, row.dibuat_oleh, row.dibuat_pada = struktur.nama[:200], isi, oleh.id, utcnow()
    session.add(row)
    session.flush()
    catat(session, aksi="lke.adopsi", oleh=oleh, objek="lke", objek_id=row.id, sebelum=sebelum,
          sesudah={"kabupaten": kab.nama, "berlaku_mulai": th, "nama": struktur.nama,
                   "kriteria": len(struktur.kriteria())})
    return row


def daftar_lke(session: Session, kabupaten_id: int) -> list[Lke]:
    """The LKE a kabupaten adopted, by the year each applies from."""
    return list(session.exec(select(Lke).where(Lke.kabupaten_id == kabupaten_id)
                             .order_by(col(Lke.berlaku_mulai))).all())


def kolom_terbuka(session: Session, ev: EvaluasiAkip, oleh: User) -> tuple[frozenset[str], frozenset[str]]:
    """The criteria whose office answer and whose evaluator answer `oleh` may write now (the machine's answer
    per criterion: in reviu the office only answers what was sent back)."""
    tindakan = {t.aksi: t.boleh for t in tindakan_evaluasi(session, ev, oleh)}
    semua = frozenset(k.kode for k in struktur_evaluasi(ev).kriteria())
    mandiri: frozenset[str] = frozenset()
    if tindakan.get("jawab_mandiri"):
        mandiri = semua if ev.status == E.MANDIRI else frozenset(dikembalikan(jawaban_evaluasi(session, ev.id)))
    return mandiri, semua if tindakan.get("jawab_evaluator") else frozenset()


def bukti_kurang(struktur: StrukturLke, bukti: dict[str, list[Lampiran]], berusulan: set[str] | frozenset[str]) \
        -> list[str]:
    """Criteria without any proof: no file uploaded and no record of the office's proposing an answer."""
    return [k.kode for k in struktur.kriteria() if not bukti.get(k.kode) and k.kode not in berusulan]


def tahun_bawaan(hari_ini: date | None = None) -> int:
    """The year a page opens on: the last full year (the Inspektorat evaluates a year after it ends)."""
    return (hari_ini or periode.hari_ini()).year - 1
