"""Planning and reporting work (Renstra, Renja, Pengukuran and Laporan Kinerja, Pelaporan): each one an execution
of the office's own SOP about a document of a period."""
