"""Planning and reporting work (Renstra, Renja, Pengukuran and Laporan Kinerja, Pelaporan): each one an execution
of the office's own SOP about a document of a period."""
# A document is a subject of the SOP state machine: importing the package registers it.
from models.perencanaan import pekerjaan as _pekerjaan  # noqa: F401
