"""Printable SOP monitoring and evaluation sheets (the forms of PermenPAN-RB 35/2012): an HTML page to print from
the browser (A4 landscape, Bootstrap served by the app) and the same sheet as PDF (fpdf2, pure Python).

Routes (the `cetak` Blueprint), each checked like a callback (a foreign office answers 403 and is audited):
  /monitoring-sop/cetak?kecamatan=…&tahun=…&semester=…   and  …/cetak.pdf
  /monitoring-sop/evaluasi/cetak?kecamatan=…&tahun=…      and  …/cetak.pdf
  /cetak/sop/<id>.pdf and /cetak/sop/<id>.docx[?revisi=n]  an SOP in the 35/2012 layout (models/sop/cetak_sop.py)
  /cetak/pk/<kecamatan_id>/<tahun>.pdf and .docx[?role=sekcam|kasi_…&perubahan=n]  a Perjanjian Kinerja in the
      53/2014 form (models/perencanaan/cetak_pk.py): the Camat's unless `role` names a lower one; its latest
      version unless `perubahan` names one
  /cetak/lhe/<kecamatan_id>/<tahun>.pdf and .docx  the LHE of an office's Evaluasi AKIP
      (models/tindak_lanjut/cetak_lhe.py): an office user their own office's once final; a kabupaten reader or
      evaluator their kabupaten's offices' (models.tindak_lanjut.lhe.alasan_tidak_boleh_baca)
  /cetak/lkj/<kecamatan_id>/<tahun>.pdf and .docx  the office's Laporan Kinerja of the year
      (models/perencanaan/cetak_lkj.py), with the PK routes' checks
An office user always gets their own office; a kabupaten reader or the admin names one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import Blueprint, Response, render_template, request
from flask_login import current_user
from fpdf import FPDF
from sqlmodel import Session

from dashboard.akses import Kebijakan, catat_penolakan, periksa
from dashboard.components.monitoring_sop import semester_halaman, teks_bukti_ringkas
from dashboard.components.saringan import saringan_halaman
from dashboard.data import kecamatan_terlihat, pengaturan, sesi
from dashboard.format import tanggal
from dashboard.web import bulat_kueri
from dashboard.web.kirim import kirim_data
from models.akun.akses import AksesDitolak
from models.perencanaan.cetak_lkj import docx_lkj, pdf_lkj
from models.perencanaan.cetak_lkj import naskah as naskah_lkj
from models.perencanaan.cetak_pk import docx_pk, naskah, pdf_pk
from models.perencanaan.laporan_kinerja import susun_lkj
from models.perencanaan.perjanjian_kinerja import isi_cetak
from models.sop.cetak_sop import dari_detail, docx_sop, pdf_sop
from models.sop.monitoring import (
    KRITERIA,
    Penandatangan,
    camat_kantor,
    jawaban_dari,
    lembar_evaluasi,
    lembar_monitoring,
    tanggal_lembar,
)
from models.sop.register import detail_sop
from models.tables import Kabupaten, Kecamatan, Sop, User
from models.tindak_lanjut.cetak_lhe import docx_lhe, pdf_lhe
from models.tindak_lanjut.evaluasi_akip import evaluasi_kantor
from models.tindak_lanjut.lhe import alasan_tidak_boleh_baca, isi_lhe
from models.umum.pdf import GAYA_KEPALA, TITIK, LembarPdf, kop, tanda_tangan
from models.umum.penolakan import Ditolak
from models.umum.periode import bulan_semester, label_semester

CETAK = Kebijakan(kecamatan=("kecamatan",))
CETAK_SOP = Kebijakan(objek={"sop_id": Sop})
CETAK_PK = Kebijakan(kecamatan=("kecamatan_id",))
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CENTANG = "✓"

bp = Blueprint("cetak", __name__)


@dataclass(frozen=True)
class KolomCetak:
    judul: str
    lebar: float  # millimetres on A4 landscape (277 mm between the margins)
    rata: str = "L"  # L | C


@dataclass(frozen=True)
class Lembar:
    """One printed sheet: letterhead, title, period, the table, and the Camat's signature."""

    judul: str
    kabupaten: str | None
    kecamatan: str
    periode: str
    kolom: tuple[KolomCetak, ...]
    baris: list[list[str]]
    tanggal: date | None  # the date of the latest assessment on the sheet
    camat: Penandatangan | None
    catatan_kaki: str
    nama_berkas: str
    kelompok: tuple[tuple[str, int, int], ...] = field(default=())  # (header, first column, columns) over row two


def _kantor(s: Session, kecamatan_id: int) -> tuple[Kecamatan, str | None]:
    kec = s.get(Kecamatan, kecamatan_id)
    kab = s.get(Kabupaten, kec.kabupaten_id)
    return kec, kab.nama if kab else None


def lembar_monitoring_cetak(s: Session, kecamatan_id: int, tahun: int, semester: int, menit_per_hari: int) -> Lembar:
    kec, kab = _kantor(s, kecamatan_id)
    rows = lembar_monitoring(s, kecamatan_id=kecamatan_id, tahun=tahun, semester=semester)
    baris = []
    for no, b in enumerate(rows, start=1):
        m = b.monitoring
        baris.append([str(no), b.nama, teks_bukti_ringkas(b.bukti, menit_per_hari),
                      CENTANG if m and m.berjalan_baik else "", CENTANG if m and not m.berjalan_baik else "",
                      (m.catatan or "") if m else "", (m.tindakan or "") if m else "", b.penilai or "", ""])
    kolom = (KolomCetak("No", 9, "C"), KolomCetak("Prosedur (SOP)", 58), KolomCetak("Data waktu siklus", 62),
             KolomCetak("Berjalan baik", 17, "C"), KolomCetak("Tidak berjalan baik", 17, "C"),
             KolomCetak("Catatan hasil penilaian", 40), KolomCetak("Tindakan yang harus diambil", 40),
             KolomCetak("Penilai", 22), KolomCetak("Paraf", 12))
    tw = "I dan II" if semester == 1 else "III dan IV"
    return Lembar(
        judul="MONITORING PELAKSANAAN SOP AP", kabupaten=kab, kecamatan=kec.nama,
        periode=f"{label_semester(tahun, semester)} ({bulan_semester(tahun, semester)})", kolom=kolom, baris=baris,
        tanggal=tanggal_lembar(s, kecamatan_id, [b.monitoring for b in rows]), camat=camat_kantor(s, kecamatan_id),
        catatan_kaki=(f"Data waktu siklus: pelaksanaan SOP tentang triwulan {tw} {tahun}, dalam waktu kerja kantor "
                      f"(1 hari = {menit_per_hari} menit kerja); langkah dalam mutu baku dihitung dari kunjungan "
                      "langkah yang selesai."),
        nama_berkas=f"monitoring sop {kec.nama} {tahun} semester {semester}",
        kelompok=(("Penilaian", 3, 2),))


def lembar_evaluasi_cetak(s: Session, kecamatan_id: int, tahun: int) -> Lembar:
    kec, kab = _kantor(s, kecamatan_id)
    rows = lembar_evaluasi(s, kecamatan_id=kecamatan_id, tahun=tahun)
    baris = []
    for no, b in enumerate(rows, start=1):
        jawaban = jawaban_dari(b.evaluasi) if b.evaluasi else {}
        baris.append([str(no), b.nama, *[{True: "Ya", False: "Tidak"}.get(jawaban.get(k), "") for k, _ in KRITERIA],
                      (b.evaluasi.catatan or "") if b.evaluasi else "", b.penilai or ""])
    kolom = (KolomCetak("No", 9, "C"), KolomCetak("Prosedur (SOP)", 58),
             *[KolomCetak(label, 20, "C") for _, label in KRITERIA], KolomCetak("Catatan", 45),
             KolomCetak("Penilai", 25))
    return Lembar(
        judul="EVALUASI PENERAPAN SOP AP", kabupaten=kab, kecamatan=kec.nama, periode=f"Tahun {tahun}", kolom=kolom,
        baris=baris, tanggal=tanggal_lembar(s, kecamatan_id, [b.evaluasi for b in rows]),
        camat=camat_kantor(s, kecamatan_id),
        catatan_kaki="Setiap SOP dievaluasi sekurang-kurangnya sekali setahun; Ya/Tidak untuk setiap kriteria.",
        nama_berkas=f"evaluasi sop {kec.nama} {tahun}", kelompok=(("Kriteria penilaian", 2, len(KRITERIA)),))


# ---------------------------------------------------------------- HTML

def _kepala(lembar: Lembar) -> tuple[list[dict], list[KolomCetak]]:
    """The two header rows when columns are grouped: the group's cell over its columns, the others spanning both."""
    awal = {mulai: (judul, n) for judul, mulai, n in lembar.kelompok}
    baris1, baris2, i = [], [], 0
    while i < len(lembar.kolom):
        if i in awal:
            judul, n = awal[i]
            baris1.append({"judul": judul, "colspan": n})
            baris2.extend(lembar.kolom[i:i + n])
            i += n
        else:
            baris1.append({"judul": lembar.kolom[i].judul, "rowspan": True})
            i += 1
    return baris1, baris2


def ke_html(lembar: Lembar, *, pdf: str, kembali: str) -> str:
    kepala1, kepala2 = _kepala(lembar)
    return render_template("cetak_lembar.html", lembar=lembar, kepala1=kepala1, kepala2=kepala2, pdf=pdf, kembali=kembali,
                                  tanggal=tanggal(lembar.tanggal, kosong=TITIK[:25]), titik=TITIK,
                                  total=sum(k.lebar for k in lembar.kolom))


# ---------------------------------------------------------------- PDF


def ke_pdf(lembar: Lembar) -> bytes:
    pdf = LembarPdf(f"{lembar.judul} - {lembar.kecamatan} - {lembar.periode}")
    kop(pdf, lembar.judul, lembar.kecamatan, lembar.kabupaten)
    for label, nilai in (("Kecamatan", lembar.kecamatan), ("Periode", lembar.periode)):
        pdf.cell(22, 5, label)
        pdf.cell(0, 5, (f": {nilai}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("dejavu", size=7.5)
    kepala1, kepala2 = _kepala(lembar)
    with pdf.table(col_widths=[k.lebar for k in lembar.kolom], width=sum(k.lebar for k in lembar.kolom), align="LEFT",
                   text_align=[k.rata if k.rata == "C" else "LEFT" for k in lembar.kolom], v_align="TOP",
                   line_height=3.4, padding=1, num_heading_rows=2 if lembar.kelompok else 1,
                   headings_style=GAYA_KEPALA) as tabel:
        if lembar.kelompok:
            r = tabel.row()
            for sel in kepala1:
                r.cell((sel["judul"]), align="C", v_align="MIDDLE", colspan=sel.get("colspan", 1),
                       rowspan=2 if sel.get("rowspan") else 1)
            r = tabel.row()
            for k in kepala2:
                r.cell((k.judul), align="C", v_align="MIDDLE")
        else:
            r = tabel.row()
            for k in lembar.kolom:
                r.cell((k.judul), align="C", v_align="MIDDLE")
        for baris in lembar.baris:
            r = tabel.row()
            for v in baris:
                r.cell((v))
        if not lembar.baris:
            tabel.row().cell("Kantor ini belum memiliki SOP yang berlaku.", colspan=len(lembar.kolom), align="C")
    pdf.set_font("dejavu", size=7)
    pdf.multi_cell(0, 3.5, (lembar.catatan_kaki), new_x="LMARGIN", new_y="NEXT")
    _tanda_tangan(pdf, lembar)
    return bytes(pdf.output())


def _tanda_tangan(pdf: FPDF, lembar: Lembar) -> None:
    tanda_tangan(pdf, lembar.kecamatan, tanggal(lembar.tanggal, kosong=TITIK[:25]), lembar.camat, garis_bawah=True)


# ---------------------------------------------------------------- routes


def _kantor_diminta(s: Session):
    """The office (None when a kabupaten reader names none; an office user always gets their own) and the year."""
    sar = saringan_halaman(s, request.args.to_dict())
    if sar.kecamatan_id is None:
        return None, sar.tahun
    return sar.kecamatan_id, sar.tahun


def _tanpa_kantor() -> tuple[str, int, dict]:
    return ("Pilih satu kecamatan (parameter kecamatan) untuk mencetak lembarnya.", 400,
            {"Content-Type": "text/plain; charset=utf-8"})


def _pdf(lembar: Lembar) -> Response:
    return kirim_data(ke_pdf(lembar), nama=lembar.nama_berkas, ekstensi="pdf", mimetype="application/pdf", inline=True)


def _monitoring(format_pdf: bool):
    periksa(CETAK, request.args.to_dict(), sasaran="rute cetak monitoring SOP")
    with sesi() as s:
        kec_id, tahun = _kantor_diminta(s)
        if kec_id is None:
            return _tanpa_kantor()
        semester = semester_halaman(request.args, tahun)
        lembar = lembar_monitoring_cetak(s, kec_id, tahun, semester, pengaturan().menit_per_hari)
    if format_pdf:
        return _pdf(lembar)
    q = request.query_string.decode()
    return ke_html(lembar, pdf=f"/monitoring-sop/cetak.pdf?{q}", kembali=f"/monitoring-sop?{q}")


def _evaluasi(format_pdf: bool):
    periksa(CETAK, request.args.to_dict(), sasaran="rute cetak evaluasi SOP")
    with sesi() as s:
        kec_id, tahun = _kantor_diminta(s)
        if kec_id is None:
            return _tanpa_kantor()
        lembar = lembar_evaluasi_cetak(s, kec_id, tahun)
    if format_pdf:
        return _pdf(lembar)
    q = request.query_string.decode()
    return ke_html(lembar, pdf=f"/monitoring-sop/evaluasi/cetak.pdf?{q}", kembali=f"/monitoring-sop?{q}")


def _sop(sop_id: int, jenis: str):
    periksa(CETAK_SOP, {"sop_id": sop_id}, sasaran="rute cetak SOP")
    revisi = bulat_kueri("revisi")
    with sesi() as s:
        detail = detail_sop(s, sop_id, kecamatan_ids=kecamatan_terlihat(s),
                            revisi_ke=revisi)
        if detail is None:
            return ("SOP atau revisinya tidak ditemukan.", 404, {"Content-Type": "text/plain; charset=utf-8"})
        isi = dari_detail(detail, menit_per_hari=pengaturan().menit_per_hari,
                          penandatangan=camat_kantor(s, detail.kecamatan.id))
        nama = f"SOP {detail.kecamatan.nama} {detail.revisi.nama} revisi {detail.revisi.revisi_ke}"
    if jenis == "pdf":
        return kirim_data(pdf_sop(isi), nama=nama, ekstensi="pdf", mimetype="application/pdf", inline=True)
    return kirim_data(docx_sop(isi), nama=nama, ekstensi="docx", mimetype=DOCX)


@bp.route("/cetak/sop/<int:sop_id>.pdf")
def cetak_sop_pdf(sop_id: int):
    return _sop(sop_id, "pdf")


@bp.route("/cetak/sop/<int:sop_id>.docx")
def cetak_sop_docx(sop_id: int):
    return _sop(sop_id, "docx")


@bp.route("/monitoring-sop/cetak")
def cetak_monitoring_sop():
    return _monitoring(False)


@bp.route("/monitoring-sop/cetak.pdf")
def cetak_monitoring_sop_pdf():
    return _monitoring(True)


@bp.route("/monitoring-sop/evaluasi/cetak")
def cetak_evaluasi_sop():
    return _evaluasi(False)


@bp.route("/monitoring-sop/evaluasi/cetak.pdf")
def cetak_evaluasi_sop_pdf():
    return _evaluasi(True)


def _pk(kecamatan_id: int, tahun: int, jenis: str):
    periksa(CETAK_PK, {"kecamatan_id": kecamatan_id}, sasaran="rute cetak Perjanjian Kinerja")
    perubahan = bulat_kueri("perubahan")
    with sesi() as s:
        if s.get(Kecamatan, kecamatan_id) is None:
            return ("Kecamatan tidak ditemukan.", 404, {"Content-Type": "text/plain; charset=utf-8"})
        isi = isi_cetak(s, kecamatan_id=kecamatan_id, tahun=tahun, role_kode=request.args.get("role") or "camat",
                        perubahan_ke=perubahan)
    nama = naskah(isi).nama_berkas
    if jenis == "pdf":
        return kirim_data(pdf_pk(isi), nama=nama, ekstensi="pdf", mimetype="application/pdf", inline=True)
    return kirim_data(docx_pk(isi), nama=nama, ekstensi="docx", mimetype=DOCX)


@bp.route("/cetak/pk/<int:kecamatan_id>/<int:tahun>.pdf")
def cetak_pk_pdf(kecamatan_id: int, tahun: int):
    return _pk(kecamatan_id, tahun, "pdf")


@bp.route("/cetak/pk/<int:kecamatan_id>/<int:tahun>.docx")
def cetak_pk_docx(kecamatan_id: int, tahun: int):
    return _pk(kecamatan_id, tahun, "docx")


def _lhe(kecamatan_id: int, tahun: int, jenis: str):
    periksa(Kebijakan(), {}, sasaran="rute cetak LHE Evaluasi AKIP")
    with sesi() as s:
        ev = evaluasi_kantor(s, kecamatan_id, tahun)
        alasan = alasan_tidak_boleh_baca(s, s.get(User, current_user.id), kecamatan_id, ev)
        lhe = isi_lhe(s, ev) if alasan is None and ev is not None else None
    if alasan is not None:
        catat_penolakan(Ditolak(alasan, objek="evaluasi_akip", objek_id=ev.id if ev else None,
                                kecamatan_id=kecamatan_id), sasaran="rute cetak LHE Evaluasi AKIP")
        raise AksesDitolak(alasan)
    if lhe is None:
        return ("Evaluasi AKIP kecamatan ini untuk tahun itu tidak ditemukan.", 404,
                {"Content-Type": "text/plain; charset=utf-8"})
    if jenis == "pdf":
        return kirim_data(pdf_lhe(lhe), nama=lhe.nama_berkas, ekstensi="pdf", mimetype="application/pdf", inline=True)
    return kirim_data(docx_lhe(lhe), nama=lhe.nama_berkas, ekstensi="docx", mimetype=DOCX)


@bp.route("/cetak/lhe/<int:kecamatan_id>/<int:tahun>.pdf")
def cetak_lhe_pdf(kecamatan_id: int, tahun: int):
    return _lhe(kecamatan_id, tahun, "pdf")


@bp.route("/cetak/lhe/<int:kecamatan_id>/<int:tahun>.docx")
def cetak_lhe_docx(kecamatan_id: int, tahun: int):
    return _lhe(kecamatan_id, tahun, "docx")
def _lkj(kecamatan_id: int, tahun: int, jenis: str):
    periksa(CETAK_PK, {"kecamatan_id": kecamatan_id}, sasaran="rute cetak Laporan Kinerja")
    if not 2000 <= tahun <= 2100:
        return ("Tahun tidak sah.", 404, {"Content-Type": "text/plain; charset=utf-8"})
    with sesi() as s:
        if s.get(Kecamatan, kecamatan_id) is None:
            return ("Kecamatan tidak ditemukan.", 404, {"Content-Type": "text/plain; charset=utf-8"})
        lkj = susun_lkj(s, kecamatan_id, tahun)
    n = naskah_lkj(lkj)  # composed once: the file's name and its text
    if jenis == "pdf":
        return kirim_data(pdf_lkj(lkj, n=n), nama=n.nama_berkas, ekstensi="pdf", mimetype="application/pdf",
                          inline=True)
    return kirim_data(docx_lkj(lkj, n=n), nama=n.nama_berkas, ekstensi="docx", mimetype=DOCX)


@bp.route("/cetak/lkj/<int:kecamatan_id>/<int:tahun>.pdf")
def cetak_lkj_pdf(kecamatan_id: int, tahun: int):
    return _lkj(kecamatan_id, tahun, "pdf")


@bp.route("/cetak/lkj/<int:kecamatan_id>/<int:tahun>.docx")
def cetak_lkj_docx(kecamatan_id: int, tahun: int):
    return _lkj(kecamatan_id, tahun, "docx")
