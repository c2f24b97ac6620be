"""The one refusal of the domain: what the rules do not allow, with the Indonesian message a person reads.

Every module under models/ raises `Ditolak`; the edge (the wrapper every Dash callback and Flask route goes
through) shows the message, rolls the work back and writes one `aksi.ditolak` audit row in its own transaction.
A refusal therefore never needs catching and re-raising as another kind: add context by raising a new `Ditolak`
with the old message inside it.
"""
from __future__ import annotations


class Ditolak(ValueError):
    """A refusal by the rules; `str(e)` is the message on screen.

    The optional fields name what was refused, for the audit row: `aksi` (e.g. "langkah.selesaikan"), `objek` and
    `objek_id` (the record), `kecamatan_id` (its office). The edge fills in whoever asked.

    >>> e = Ditolak("Alasan pengembalian wajib diisi.", aksi="langkah.kembalikan", objek="catatan_langkah", objek_id=7)
    >>> str(e), e.aksi, e.objek, e.objek_id
    ('Alasan pengembalian wajib diisi.', 'langkah.kembalikan', 'catatan_langkah', 7)
    """

    def __init__(self, pesan: str, *, aksi: str | None = None, objek: str | None = None,
                 objek_id: int | None = None, kecamatan_id: int | None = None) -> None:
        super().__init__(pesan)
        self.pesan = pesan
        self.aksi = aksi
        self.objek = objek
        self.objek_id = objek_id
        self.kecamatan_id = kecamatan_id

    def tentang(self, *, aksi: str | None = None, objek: str | None = None, objek_id: int | None = None,
                kecamatan_id: int | None = None) -> Ditolak:
        """Fill in what the raiser did not know (a field already set is kept); returns the same refusal."""
        self.aksi = self.aksi or aksi
        self.objek = self.objek or objek
        self.objek_id = self.objek_id if self.objek_id is not None else objek_id
        self.kecamatan_id = self.kecamatan_id if self.kecamatan_id is not None else kecamatan_id
        return self
