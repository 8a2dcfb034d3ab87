#pragma once
// The Perekaman E-KTP intake as the form check expects sops/perekaman-ektp.toml
// to declare it, built in C++ so that the form check's tests need no file:
// the applicant's fields, the documents and the rules, with the labels the
// messages use.

#include "core/form.hpp"
#include "core/sop.hpp"
#include "core/vocabularies.hpp"

namespace sopir::test_forms {

inline InputField field(std::string name, std::string label, InputType type, bool required, std::optional<int> max_length = std::nullopt)
{
    return { .name = std::move(name), .label = std::move(label), .type = type, .required = required, .max_length = max_length };
}

inline InputField select_field(std::string name, std::string label, std::string vocabulary_name)
{
    InputField out = field(std::move(name), std::move(label), InputType::Select, true);
    out.vocabulary = std::move(vocabulary_name);
    out.options = vocabulary(out.vocabulary).value_or(std::vector<InputOption> {});
    return out;
}

inline SopDefinition ektp_definition()
{
    SopDefinition definition;
    definition.id = "perekaman-ektp";
    definition.title = "Perekaman E-KTP";
    InputGroup applicant { .id = "applicant", .label = "Data pemohon", .kind = GroupKind::Person, .fields = {}, .subject = true };
    applicant.fields = {
        field("nik", "NIK", InputType::Nik, true),
        field("kk", "Nomor KK", InputType::Kk, true),
        field("name", "Nama", InputType::Name, true, 100),
        field("birth_place", "Tempat lahir", InputType::Text, true, 100),
        field("birth_date", "Tanggal lahir", InputType::Date, true),
        select_field("sex", "Jenis kelamin", "sex"),
        select_field("religion", "Agama", "religions"),
        select_field("marital_status", "Status perkawinan", "marital_statuses"),
        field("occupation", "Pekerjaan", InputType::Text, false, 100),
        field("address", "Alamat", InputType::Textarea, true, 200),
        field("rt", "RT", InputType::RtRw, false),
        field("rw", "RW", InputType::RtRw, false),
        field("village_code", "Desa/kelurahan", InputType::Village, true),
        field("phone", "Nomor telepon", InputType::Phone, false),
    };
    definition.form.groups = { applicant };
    definition.documents = {
        { .id = "surat_pengantar", .label = "Surat Pengantar dari Kepala Desa", .number = true, .date = true },
        { .id = "akta_kelahiran", .label = "Akta Kelahiran" },
        { .id = "kartu_keluarga", .label = "Kartu Keluarga", .equals = "applicant.kk" },
    };
    definition.rules = {
        { .check = "not_future", .params = { { "field", "applicant.birth_date" } } },
        { .check = "nik_matches_person", .params = { { "group", "applicant" } }, .severity = Severity::Warning },
        { .check = "min_age",
            .params = { { "field", "applicant.birth_date" }, { "years", "17" }, { "setting", "min_recording_age" },
                { "unless_field", "applicant.marital_status" }, { "unless_values", "Kawin, Cerai Hidup, Cerai Mati" },
                { "office_note", "; kantor ini merekam mulai umur {min} tahun" } },
            .code = "applicant.underage",
            .message = "Pemohon berumur {age} tahun dan belum kawin. Wajib KTP-el adalah penduduk berumur {years} tahun atau yang sudah atau "
                       "pernah kawin (UU 24/2013 Pasal 63){office_note}. Petugas memastikan dengan dokumen pemohon; berkas dapat "
                       "dikembalikan dengan alasan belum wajib KTP-el.",
            .severity = Severity::Warning },
        { .check = "document_max_age",
            .params = { { "document", "surat_pengantar" }, { "days", "90" } },
            .message = "{document} bertanggal {date}, sudah {age} hari; kantor ini menerima surat pengantar paling lama {days} hari. "
                       "Petugas dapat meminta surat pengantar yang baru.",
            .severity = Severity::Warning },
    };
    return definition;
}

}
