#include "letters/letter_content.hpp"

#include "core/json.hpp"
#include "core/sha256.hpp"
#include "core/text.hpp"

#include <nlohmann/json.hpp>

#include <cctype>

namespace sopir {

namespace {

    using Json = nlohmann::json;

    std::string_view paper_name(PaperSize paper)
    {
        return paper == PaperSize::F4 ? "F4" : "A4";
    }

    Json to_json(LetterContent const& letter)
    {
        auto const& office = letter.office;
        auto const& person = letter.applicant;
        auto const& signer = letter.signer;
        // nlohmann::json keeps object keys sorted, so dump() is canonical.
        return Json {
            { "version", 1 },
            { "office", { { "regency", office.regency }, { "name", office.name }, { "address", office.address },
                            { "postal_code", office.postal_code }, { "place_name", office.place_name },
                            { "logo_sha256", office.logo_sha256 } } },
            { "number", letter.number },
            { "applicant", { { "name", person.name }, { "nik", person.nik }, { "birth_place", person.birth_place },
                               { "birth_date", to_iso(person.birth_date) }, { "sex", person.sex }, { "religion", person.religion },
                               { "marital_status", person.marital_status }, { "occupation", person.occupation },
                               { "address", person.address }, { "rt", person.rt }, { "rw", person.rw },
                               { "village", person.village }, { "kecamatan", person.kecamatan } } },
            { "recording_date", to_iso(letter.recording_date) },
            { "letter_date", to_iso(letter.letter_date) },
            { "purpose", letter.purpose },
            { "disdukcapil_whatsapp", letter.disdukcapil_whatsapp },
            { "signer", { { "title", signer.title }, { "name", signer.name }, { "pangkat_golongan", signer.pangkat_golongan },
                            { "nip", signer.nip } } },
            { "paraf", letter.paraf },
            { "verification_url", letter.verification_url },
            { "paper_size", paper_name(letter.paper_size) },
        };
    }

    Error not_content(std::string const& what)
    {
        return Error::invalid("content", "Isi surat yang tersimpan tidak sah: " + what + ".", "letter.content");
    }

}

std::string letter_content_json(LetterContent const& letter)
{
    return to_json(letter).dump();
}

Result<LetterContent> letter_content_from_json(std::string_view text)
{
    Json const json = parse_json_or(text, Json());
    if (!json.is_object() || json.value("version", 0) != 1)
        return not_content("bukan JSON isi surat versi 1");
    try {
        LetterContent letter;
        auto const& office = json.at("office");
        letter.office = { .regency = office.at("regency"), .name = office.at("name"), .address = office.at("address"),
            .postal_code = office.at("postal_code"), .place_name = office.at("place_name"), .logo_png = {},
            .logo_sha256 = office.at("logo_sha256") };
        letter.number = json.at("number");
        auto const& person = json.at("applicant");
        auto birth = parse_iso_date(person.at("birth_date").get<std::string>());
        auto recorded = parse_iso_date(json.at("recording_date").get<std::string>());
        auto dated = parse_iso_date(json.at("letter_date").get<std::string>());
        if (!birth || !recorded || !dated)
            return not_content("tanggal tidak sah");
        letter.applicant = { .name = person.at("name"), .nik = person.at("nik"), .birth_place = person.at("birth_place"),
            .birth_date = *birth, .sex = person.at("sex"), .religion = person.at("religion"),
            .marital_status = person.at("marital_status"), .occupation = person.at("occupation"), .address = person.at("address"),
            .rt = person.at("rt"), .rw = person.at("rw"), .village = person.at("village"), .kecamatan = person.at("kecamatan") };
        letter.recording_date = *recorded;
        letter.letter_date = *dated;
        letter.purpose = json.at("purpose");
        letter.disdukcapil_whatsapp = json.at("disdukcapil_whatsapp");
        auto const& signer = json.at("signer");
        letter.signer = { .title = signer.at("title"), .name = signer.at("name"), .pangkat_golongan = signer.at("pangkat_golongan"),
            .nip = signer.at("nip") };
        letter.paraf = json.at("paraf");
        letter.verification_url = json.at("verification_url");
        letter.paper_size = json.at("paper_size").get<std::string>() == "F4" ? PaperSize::F4 : PaperSize::A4;
        return letter;
    } catch (Json::exception const&) {
        return not_content("kolom hilang atau berjenis salah");
    }
}

std::string letter_content_sha256(LetterContent const& letter)
{
    return sha256_hex(letter_content_json(letter));
}

std::string unnumbered_content_sha256(LetterContent const& letter)
{
    LetterContent unnumbered = letter;
    unnumbered.number.clear();
    return letter_content_sha256(unnumbered);
}

std::string signatures_json(std::vector<StoredSignature> const& signatures)
{
    Json list = Json::array();
    for (auto const& [purpose, signature] : signatures) {
        Json item = { { "purpose", purpose }, { "signer", signature.signer }, { "algorithm", signature.algorithm },
            { "public_key", signature.public_key_b64 }, { "signature", signature.signature_b64 }, { "signed_at", signature.signed_at } };
        // Only seals made since the PDFs are covered carry these (v2).
        if (!signature.pdf_sha256.empty()) {
            item["pdf_sha256"] = signature.pdf_sha256;
            item["archive_pdf_sha256"] = signature.archive_pdf_sha256;
        }
        list.push_back(std::move(item));
    }
    return list.dump();
}

Result<std::vector<StoredSignature>> signatures_from_json(std::string_view text)
{
    Json const json = parse_json_or(text, Json());
    if (!json.is_array())
        return not_content("daftar tanda tangan bukan larik JSON");
    std::vector<StoredSignature> signatures;
    try {
        for (auto const& item : json)
            signatures.push_back({ item.at("purpose"),
                Signature { .signer = item.at("signer"), .algorithm = item.at("algorithm"), .public_key_b64 = item.at("public_key"),
                    .signature_b64 = item.at("signature"), .signed_at = item.at("signed_at"),
                    .pdf_sha256 = item.value("pdf_sha256", std::string()),
                    .archive_pdf_sha256 = item.value("archive_pdf_sha256", std::string()) } });
    } catch (Json::exception const&) {
        return not_content("tanda tangan tidak lengkap");
    }
    return signatures;
}

std::string paraf_initials(std::string_view full_name)
{
    // Degrees follow the first comma: "SITI NURHALIZA, S.Sos., M.AP".
    std::string_view name = full_name.substr(0, full_name.find(','));
    std::string initials;
    std::size_t at = 0;
    while (at < name.size()) {
        while (at < name.size() && std::isspace(static_cast<unsigned char>(name[at])))
            ++at;
        std::size_t end = at;
        while (end < name.size() && !std::isspace(static_cast<unsigned char>(name[end])))
            ++end;
        std::string_view word = name.substr(at, end - at);
        // "H.", "Hj.", "Dr.", "Ir.", "Drs." are honorifics, not names.
        if (!word.empty() && word.back() != '.' && std::isalpha(static_cast<unsigned char>(word.front())))
            initials += static_cast<char>(std::toupper(static_cast<unsigned char>(word.front())));
        at = end;
    }
    return initials;
}

}
