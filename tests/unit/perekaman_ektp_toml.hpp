#pragma once
// A verbatim copy of sops/perekaman-ektp.toml, for the unit tests, which do no
// file I/O. tests/cli/sop_cli_test.cpp fails when the two differ: after
// editing the definition, copy it here again.

#include <string_view>

namespace sopir::testing {

inline constexpr std::string_view k_perekaman_ektp_toml = R"toml(# SOP Perekaman E-KTP untuk Umum, Kantor Camat Candi Laras Utara
# (Kabupaten Tapin, Kalimantan Selatan), as the office printed it.
# Format: docs/sop-format.md. Check with: sopir sop check sops/perekaman-ektp.toml

id = "perekaman-ektp"
title = "Perekaman E-KTP untuk Umum"
initial_step = "pengajuan"

legal_basis = [
  "Undang-Undang Nomor 24 Tahun 2013 tentang Perubahan atas Undang-Undang Nomor 23 Tahun 2006 tentang Penyelenggaraan Administrasi Kependudukan.",
  "Peraturan Pemerintah Nomor 37 Tahun 2007 tentang Pelaksanaan Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan (Lembaran Negara Republik Indonesia Tahun 2007 Nomor 80, Tambahan Lembaran Negara Republik Indonesia Nomor 4736).",
  "Peraturan Presiden Nomor 26 Tahun 2009 tentang Penerapan KTP Berbasis NIK Secara Nasional.",
  "Peraturan Presiden Nomor 25 Tahun 2008 tentang Persyaratan dan Tata Cara Pendaftaran Penduduk dan Pencatatan Sipil.",
  "Peraturan Presiden Republik Indonesia Nomor 35 Tahun 2010 tentang Perubahan atas Peraturan Presiden Nomor 26 Tahun 2009 tentang Penerapan KTP Berbasis NIK Kependudukan Secara Nasional.",
  "Perda Kabupaten Tapin Nomor 02 Tahun 2010 tentang Penyelenggaraan Administrasi Kependudukan dan Pencatatan Sipil Kabupaten Tapin.",
  "PERBUP Kabupaten Tapin Nomor 47 Tahun 2017 tentang Tugas Pokok, Fungsi dan Uraian Tugas Organisasi Kecamatan dan Kelurahan di Kabupaten Tapin.",
]

qualifications = [
  "Kasi Pemerintahan.",
  "Memiliki pengetahuan dan pemahaman tentang peraturan perundang-undangan terkait dengan administrasi kependudukan.",
  "Mengetahui dan memahami tata cara tahapan Perekaman Data E-KTP.",
  "Mampu menggunakan aplikasi Benrollment E-KTP.",
  "Memahami tata cara penggunaan alat E-KTP.",
]

related = [
  "SOP Legalisasi Surat",
  "SOP Kartu Keluarga",
  "SOP Domisili",
  "SOP Surat Keterangan Pindah",
  "SOP Surat Pengantar Pembuatan Akta Kelahiran",
]

equipment = [
  "Buku Agenda / Register",
  "Surat Pengantar dari Kepala Desa",
  "Akta Kelahiran",
  "Kartu Keluarga",
  "Stempel",
  "Surat Keterangan Perekaman",
  "Komputer, Koneksi Internet dan Aplikasi SIAK",
]

warnings = [
  "Jika berkas persyaratan tidak terpenuhi maka proses Surat Pengantar E-KTP tidak dapat diproses.",
  "Jika ada gangguan jaringan dan alat komputer ada kerusakan, tidak bisa melakukan proses perekaman.",
  "Apabila tidak dilaksanakan sesuai SOP maka pembuatan e-KTP tidak terlaksana dengan tertib.",
  "Perlu akurasi dan updating data sehingga dapat diwujudkan validitas dalam pengukuran kinerja.",
]

records = [
  "Daftar registrasi.",
  "Perlu adanya pengawasan secara Administratif Kependudukan.",
]

[meta]
number = "800/ -KASI PAM/CLU/SOP/I/2023"
created = 2023-01-01
effective = 2023-01-02
approved_by = "Plt. Camat Candi Laras Utara, ALAMSYAH, S.Pd, NIP. 19690312 199211 1 001"
office = "Kantor Camat Candi Laras Utara"
section = "Seksi Pemerintahan"

# The applicant's documents (kelengkapan of steps 1 and 2).
[[documents]]
id = "surat_pengantar"
label = "Surat Pengantar dari Kepala Desa"

[[documents]]
id = "akta_kelahiran"
label = "Akta Kelahiran"

[[documents]]
id = "kartu_keluarga"
label = "Kartu Keluarga"

# The roles, titled as the SOP prints them (Pelaksana).
[[roles]]
id = "pemohon"
title = "Pemohon"

[[roles]]
id = "petugas_pelayanan"
title = "JFU/PTT (Petugas Pelayanan)"

[[roles]]
id = "operator_ektp"
title = "Operator E-KTP"

[[roles]]
id = "kasi_pemerintahan"
title = "Kasi Pemerintahan"

[[roles]]
id = "camat"
title = "Camat"

[[roles]]
id = "pengadministrasi"
title = "Pengadministrasi"

# The office's numbered books. The letter-number pattern and the
# classification code are office settings, not part of the SOP.
[[registers]]
id = "register_ektp"
label = "Buku Register E-KTP"
kind = "registration"

[[registers]]
id = "agenda"
label = "Buku Agenda Surat"
kind = "letter"

# 1. Intake creates the case here, at the counter or online.
[[steps]]
id = "pengajuan"
title = "Pengajuan permohonan"
description = "Pemohon mengajukan permohonan untuk Perekaman E-KTP."
roles = ["pemohon", "petugas_pelayanan"]
standard_minutes = 1
documents = ["surat_pengantar", "akta_kelahiran", "kartu_keluarga"]
output = "Berkas Permohonan"

[[steps.actions]]
id = "ajukan"
label = "Ajukan permohonan"
target = "verifikasi"

# 2.
[[steps]]
id = "verifikasi"
title = "Verifikasi berkas"
description = "JFU/PTT (Petugas Pelayanan) menerima dan meneliti kelengkapan berkas pengajuan untuk Perekaman E-KTP; apabila persyaratan tidak sesuai akan dikembalikan kepada pemohon, jika lengkap akan diproses."
roles = ["petugas_pelayanan"]
standard_minutes = 5
input = ["Buku Agenda / Register E-KTP"]
documents = ["surat_pengantar", "akta_kelahiran", "kartu_keluarga"]
output = "Berkas Permohonan diterima lengkap dan benar, atau dikembalikan kepada pemohon dengan alasannya"

[[steps.actions]]
id = "terima"
label = "Terima berkas"
target = "perekaman"
takes_number = "register_ektp"

[[steps.actions.fields]]
name = "kelengkapan"
label = "Kelengkapan berkas"
type = "checklist"
options_from = "documents"
required = true
all_required = true

[[steps.actions]]
id = "kembalikan"
label = "Kembalikan berkas"
target = "dikembalikan"
reasons_required = true
reasons = [
  { id = "tanpa_surat_pengantar", label = "Surat Pengantar dari Kepala Desa tidak ada" },
  { id = "tanpa_akta_kelahiran", label = "Akta Kelahiran tidak ada" },
  { id = "tanpa_kartu_keluarga", label = "Kartu Keluarga tidak ada" },
  { id = "data_tidak_sesuai", label = "Data pada dokumen tidak sesuai" },
  # UU 24/2013 Pasal 63: recording is for citizens aged 17, or married or ever married.
  { id = "belum_wajib_ktp", label = "Belum cukup umur dan belum kawin" },
  { id = "lainnya", label = "Lainnya", note_required = true },
]

# 3.
[[steps]]
id = "perekaman"
title = "Perekaman data"
description = "Operator E-KTP menerima berkas permohonan Perekaman E-KTP yang telah diverifikasi untuk diproses (menginput data pemohon di aplikasi SIAK dan Surat Keterangan telah melakukan Perekaman)."
roles = ["operator_ektp"]
standard_minutes = 15
input = ["Berkas Permohonan", "Surat Keterangan Perekaman E-KTP"]
output = "Surat Keterangan Perekaman E-KTP (konsep)"

[[steps.actions]]
id = "rekam"
label = "Selesai merekam"
target = "pemeriksaan"

# The SOP's second warning: a network outage or broken equipment stops recording.
[[steps.actions]]
id = "tunda"
label = "Tunda perekaman"
target = "tertunda"
reasons_required = true
reasons = [
  { id = "gangguan_jaringan", label = "Gangguan jaringan" },
  { id = "kerusakan_alat", label = "Kerusakan alat atau komputer" },
  { id = "lainnya", label = "Lainnya", note_required = true },
]

# 4.
[[steps]]
id = "pemeriksaan"
title = "Pemeriksaan dan paraf"
description = "Memeriksa Surat Keterangan Perekaman yang sudah diisi data pemohon dan jika benar akan diparaf."
roles = ["kasi_pemerintahan"]
standard_minutes = 3
input = ["Surat Keterangan telah melakukan Perekaman E-KTP"]
output = "Surat Keterangan Perekaman E-KTP yang telah diparaf"

[[steps.actions]]
id = "paraf"
label = "Paraf"
target = "penandatanganan"

[[steps.actions]]
id = "perbaiki"
label = "Kembalikan untuk perbaikan"
target = "perekaman"
note_required = true

# 5. An acting Plt. or Plh. Camat holds the camat role for the period.
[[steps]]
id = "penandatanganan"
title = "Penandatanganan"
description = "Camat menandatangani Surat Keterangan Perekaman E-KTP."
roles = ["camat"]
standard_minutes = 1
input = ["Disposisi", "Surat Keterangan Perekaman E-KTP yang telah diparaf"]
output = "Surat Keterangan Perekaman E-KTP yang telah ditandatangani"

[[steps.actions]]
id = "tandatangani"
label = "Tanda tangani"
target = "pengarsipan"

[[steps.actions]]
id = "perbaiki"
label = "Kembalikan untuk perbaikan"
target = "perekaman"
note_required = true

# 6.
[[steps]]
id = "pengarsipan"
title = "Penomoran dan pengarsipan"
description = "Memberi nomor di buku agenda, stempel, menggandakan dan mengarsipkan Surat Keterangan Perekaman E-KTP. Memberi nomor WA Disdukcapil untuk dihubungi pemohon bahwa telah melakukan Perekaman E-KTP."
roles = ["pengadministrasi"]
standard_minutes = 3
input = ["Surat Keterangan telah melakukan Perekaman E-KTP"]
output = "Surat Keterangan Perekaman E-KTP bernomor, berstempel dan diarsipkan"

[[steps.actions]]
id = "arsipkan"
label = "Beri nomor dan arsipkan"
target = "penyerahan"
takes_number = "agenda"

# 7.
[[steps]]
id = "penyerahan"
title = "Penyerahan surat"
description = "Menyerahkan Surat Keterangan Perekaman E-KTP yang telah selesai kepada pemohon untuk pengambilan KTP yang telah selesai dicetak oleh Disdukcapil."
roles = ["pengadministrasi", "petugas_pelayanan"]
standard_minutes = 1
input = ["Surat Keterangan telah melakukan Perekaman E-KTP"]
output = "Surat Keterangan Perekaman E-KTP diterima pemohon"

[[steps.actions]]
id = "serahkan"
label = "Serahkan surat"
target = "selesai"

[[steps.actions.fields]]
name = "penerima"
label = "Nama penerima"
type = "text"
required = true

# States a case can be in besides the steps.
[[states]]
id = "dikembalikan"
label = "Dikembalikan kepada pemohon"
kind = "returned"
roles = ["pemohon", "petugas_pelayanan"]

[[states.actions]]
id = "ajukan_ulang"
label = "Ajukan ulang"
target = "verifikasi"

[[states]]
id = "tertunda"
label = "Tertunda (gangguan jaringan atau alat)"
kind = "held"
roles = ["operator_ektp"]

[[states.actions]]
id = "lanjutkan"
label = "Lanjutkan perekaman"
target = "perekaman"

[[states]]
id = "selesai"
label = "Selesai"
kind = "end"

# Whoever initials the letter does not also sign it.
[[segregation]]
actions = ["paraf", "tandatangani"]
reason = "Surat yang diparaf seseorang ditandatangani oleh orang lain."
)toml";

}
