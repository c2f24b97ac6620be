"""The first-login password slips of an import: one A4 page per person, to print and hand over in person, the
password nowhere else (it is not kept, and not shown on screen). Each slip says until when the password signs in
and that it does not sign in from the device that issued it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from models.akun.pembatas import SANDI_AWAL_BERLAKU
from models.umum.nip import format_nip
from models.umum.pdf import LembarPdf
from models.umum.tanggal import waktu_panjang


@dataclass(frozen=True)
class Slip:
    nama: str
    nip: str | None
    jabatan: str | None
    username: str
    sandi: str


def pdf_slip(slip: list[Slip], *, kecamatan: str, terbit: datetime) -> bytes:
    """One page per person."""
    berlaku = waktu_panjang(terbit + SANDI_AWAL_BERLAKU)
    pdf = LembarPdf("Slip kata sandi awal", tegak=True)
    for s in slip:
        pdf.add_page()
        pdf.set_font("dejavu", "B", 14)
        pdf.cell(0, 8, "SLIP KATA SANDI AWAL · SAKIP KECAMATAN", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("dejavu", "", 10)
        pdf.cell(0, 6, f"Kecamatan {kecamatan} · diterbitkan {waktu_panjang(terbit)}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        for label, nilai in (("Nama", s.nama), ("NIP", format_nip(s.nip) or "-"), ("Jabatan", s.jabatan or "-"),
                             ("Nama pengguna", s.username)):
            pdf.set_font("dejavu", "", 11)
            pdf.cell(40, 7, label)
            pdf.set_font("dejavu", "B", 11)
            pdf.multi_cell(0, 7, nilai, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("dejavu", "", 11)
        pdf.cell(40, 12, "Kata sandi awal")
        pdf.set_font("dejavu", "B", 20)
        pdf.cell(0, 12, s.sandi, border=1, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        pdf.set_font("dejavu", "", 10)
        pdf.multi_cell(0, 5.5, (
            f"Kata sandi ini berlaku sampai {berlaku}. Masuklah dari perangkat Anda sendiri: kata sandi awal tidak "
            "dapat dipakai dari perangkat yang menerbitkannya. Saat masuk pertama Anda diminta membuat kata sandi "
            "sendiri (8–128 karakter, bukan kata sandi yang umum dipakai). Bila sudah lewat waktunya, minta Admin "
            "menyetel ulang kata sandi Anda."), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        pdf.multi_cell(0, 5.5, ("Serahkan slip ini langsung kepada yang bersangkutan. Jangan difoto, dikirim lewat "
                                "pesan, atau disimpan; hapus berkas PDF-nya setelah dicetak."),
                       new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
